import type { Responder } from './http';

/**
 * Server-sent events as the contract frames them: one `data: <json>` line per event followed by a blank
 * line; no `event:` or `id:` fields.
 */

export const SSE_HEADERS: Record<string, string> = {
	'content-type': 'text/event-stream; charset=utf-8',
	'cache-control': 'no-cache',
	connection: 'keep-alive',
	// Tells proxies (nginx and the like) not to buffer the stream.
	'x-accel-buffering': 'no',
};

export function openEventStream(out: Responder): void {
	out.startStream(SSE_HEADERS);
}

/** Sends one event; false when the client is gone (the caller stops streaming). */
export function sendEvent(out: Responder, data: unknown): boolean {
	if (out.closed) return false;
	out.res.write(`data: ${JSON.stringify(data)}\n\n`);
	return true;
}

export function closeEventStream(out: Responder): void {
	if (!out.closed) out.res.end();
}
