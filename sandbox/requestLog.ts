import type { IncomingMessage } from 'node:http';
import type { RequestLogEntry } from './types';

const REDACTED_AUTH = 'Bearer <redacted>';
/** Anything shaped like a key, wherever a careless client might have put it. */
const KEY_LIKE = /sk-[0-9a-fA-F]{8,}/g;

function redactString(value: string): string {
	return value.replace(KEY_LIKE, 'sk-<redacted>');
}

/** Copies a JSON value with every key-like substring redacted. */
function redactDeep(value: unknown): unknown {
	if (typeof value === 'string') return redactString(value);
	if (Array.isArray(value)) return value.map(redactDeep);
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactString(k), redactDeep(v)]));
	}
	return value;
}

/**
 * The log of public-API requests, in arrival order. Keys are never stored: the `authorization` header is
 * replaced wholesale, and key-shaped text anywhere else (other headers, query, body) is masked.
 */
export class RequestLog {
	private entries: RequestLogEntry[] = [];

	start(req: IncomingMessage, path: string, query: Record<string, string>): RequestLogEntry {
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (value === undefined) continue;
			const text = Array.isArray(value) ? value.join(', ') : value;
			headers[name.toLowerCase()] = name.toLowerCase() === 'authorization' ? REDACTED_AUTH : redactString(text);
		}
		const entry: RequestLogEntry = {
			method: req.method ?? 'GET',
			path,
			query: redactDeep(query) as Record<string, string>,
			headers,
			body: null,
			status: 0,
			projectId: null,
			at: new Date().toISOString(),
		};
		this.entries.push(entry);
		return entry;
	}

	setBody(entry: RequestLogEntry, body: unknown): void {
		entry.body = body === undefined ? null : redactDeep(body);
	}

	/** A copy, so callers cannot change the log. */
	list(): RequestLogEntry[] {
		return structuredClone(this.entries);
	}

	clear(): void {
		this.entries = [];
	}
}
