import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors';
import type { RequestLogEntry } from './types';

/** Bodies above this are refused with 413; the API has no endpoint that needs more. */
const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			// Keep draining a too-large body so the 413 answer can still be read by the client.
			else chunks.push(chunk);
		});
		req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))));
		req.on('error', reject);
	});
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; raw: string };

/** An empty body parses to `undefined` (no body), anything else must be JSON. */
export function parseBody(raw: string): ParsedBody {
	if (raw.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(raw) as unknown };
	} catch {
		return { ok: false, raw };
	}
}

/**
 * Writes answers and records the status in the request-log entry at the moment it is sent (so the log is
 * complete as soon as the client has its answer). Writing to a socket the client already closed is a no-op.
 */
export class Responder {
	constructor(
		readonly req: IncomingMessage,
		readonly res: ServerResponse,
		private readonly entry?: RequestLogEntry,
	) {}

	get closed(): boolean {
		return this.res.destroyed || this.res.writableEnded;
	}

	private record(status: number): void {
		if (this.entry) this.entry.status = status;
	}

	json(status: number, body: unknown, headers: Record<string, string> = {}): void {
		this.record(status);
		if (this.closed) return;
		const text = JSON.stringify(body);
		this.res.writeHead(status, {
			'content-type': 'application/json; charset=utf-8',
			'content-length': String(Buffer.byteLength(text)),
			...headers,
		});
		this.res.end(text);
	}

	error(err: ApiError): void {
		this.json(err.status, err.toBody(), err.headers);
	}

	/** 204 with no body and no content-type, as the contract says for deletes. */
	noContent(): void {
		this.record(204);
		if (this.closed) return;
		this.res.writeHead(204);
		this.res.end();
	}

	/** Status header of an event stream; events follow through sse.ts. */
	startStream(headers: Record<string, string>): void {
		this.record(200);
		if (this.closed) return;
		this.res.writeHead(200, headers);
	}

	/** Drops the connection without any answer (simulates a network failure). Logged as status 0. */
	reset(): void {
		this.record(0);
		this.req.socket.destroy();
	}
}
