import { badRequest } from './errors';
import type { FaultSpec } from './types';
import { isObject } from './validate';

/** The stream endpoint; only it can consume an `afterStreamChunks` fault. */
export const STREAM_PATH = /^\/chats\/[^/]+\/threads\/[^/]+\/stream$/;

interface PendingFault {
	spec: FaultSpec;
	remaining: number;
}

function optionalInt(spec: Record<string, unknown>, field: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
	const value = spec[field];
	if (value === undefined) return;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw badRequest(`${field} must be an integer between ${min} and ${max}`);
	}
}

/**
 * Injected failures, consumed in the order they were queued: each public request (after authentication)
 * takes the first queued fault whose `method`/`pathPrefix`/`query` match it, and that fault's count goes down by one.
 */
export class FaultQueue {
	private queue: PendingFault[] = [];

	add(input: unknown): void {
		if (!isObject(input)) throw badRequest('fault must be an object');
		optionalInt(input, 'count', 1);
		if (input.count === undefined) throw badRequest('count must be an integer between 1 and 9007199254740991');
		optionalInt(input, 'status', 400, 599);
		optionalInt(input, 'retryAfter', 0);
		optionalInt(input, 'delayMs', 0);
		optionalInt(input, 'afterStreamChunks', 0);
		if (input.reset !== undefined && typeof input.reset !== 'boolean') throw badRequest('reset must be a boolean');
		for (const field of ['method', 'pathPrefix', 'message'] as const) {
			if (input[field] !== undefined && typeof input[field] !== 'string') throw badRequest(`${field} must be a string`);
		}
		if (input.query !== undefined && !(isObject(input.query) && Object.values(input.query).every((value) => typeof value === 'string'))) {
			throw badRequest('query must be an object of strings');
		}
		const spec = input as unknown as FaultSpec;
		if (spec.status === undefined && !spec.reset && spec.delayMs === undefined && spec.afterStreamChunks === undefined) {
			throw badRequest('a fault needs status, reset, delayMs or afterStreamChunks');
		}
		this.queue.push({ spec: { ...spec }, remaining: spec.count });
	}

	/** Consumes and returns the first fault matching this request, if any. */
	take(method: string, path: string, query: Record<string, string> = {}): FaultSpec | undefined {
		const index = this.queue.findIndex(({ spec }) => {
			if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
			if (spec.pathPrefix !== undefined && !path.startsWith(spec.pathPrefix)) return false;
			if (spec.query !== undefined && Object.entries(spec.query).some(([name, value]) => query[name] !== value)) return false;
			if (spec.afterStreamChunks !== undefined && !(method === 'POST' && STREAM_PATH.test(path))) return false;
			return true;
		});
		if (index < 0) return undefined;
		const pending = this.queue[index];
		pending.remaining -= 1;
		if (pending.remaining <= 0) this.queue.splice(index, 1);
		return pending.spec;
	}

	/** What is still queued, with the remaining count in `count`. */
	pending(): FaultSpec[] {
		return this.queue.map(({ spec, remaining }) => ({ ...spec, count: remaining }));
	}

	clear(): void {
		this.queue = [];
	}
}
