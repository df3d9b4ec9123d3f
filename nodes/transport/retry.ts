/**
 * When a failed request may be sent again, and how long to wait. Pure functions: the transport does the
 * waiting (with the policy's `wait`) and the sending.
 */
import { sleep } from 'n8n-workflow';

import type { WorkenMethod } from './endpoints';

export interface RetryPolicy {
	/** Further attempts after the first one, for 429, 5xx and connection errors together. */
	maxRetries: number;
	/** Total time the node may spend waiting between attempts of one request. */
	maxWaitMs: number;
	/** First backoff after a 5xx or a connection error; doubles each time. */
	backoffBaseMs: number;
	/** Waits between attempts: n8n's `sleep`; tests pass one that records the delay and returns at once. */
	wait: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	maxWaitMs: 120_000,
	backoffBaseMs: 400,
	wait: sleep,
};

/** Codes for which the connection was never made, so the server provably did not receive the request. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Codes for which the request may have reached the server before the connection broke. */
const BROKEN_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** GET and DELETE change nothing when repeated; a POST may create or change something twice. */
function isIdempotent(method: WorkenMethod): boolean {
	return method === 'GET' || method === 'DELETE';
}

export function isConnectionErrorCode(code: string | undefined): code is string {
	return code !== undefined && (NOT_SENT_CODES.has(code) || BROKEN_CODES.has(code));
}

export function connectionErrorIsRepeatable(code: string, method: WorkenMethod): boolean {
	return NOT_SENT_CODES.has(code) || isIdempotent(method);
}

/**
 * 429 means the server turned the request away without acting on it, so even a POST is safe to send
 * again. 5xx may come after the server acted, so only idempotent requests are repeated.
 */
export function statusIsRepeatable(status: number, method: WorkenMethod): boolean {
	if (status === 429) return true;
	if (status >= 500 && status <= 599) return isIdempotent(method);
	return false;
}

/** Retry-After in seconds or as an HTTP date; missing or unreadable means one second. */
export function parseRetryAfterMs(header: unknown, now = Date.now()): number {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value * 1000);
	if (typeof value === 'string' && value.trim() !== '') {
		const seconds = Number(value.trim());
		if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
		const date = Date.parse(value);
		if (!Number.isNaN(date)) return Math.max(0, date - now);
	}
	return 1000;
}

export function backoffMs(policy: RetryPolicy, retryNumber: number): number {
	return policy.backoffBaseMs * 2 ** retryNumber;
}
