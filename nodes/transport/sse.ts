/**
 * Reads Worken's reply stream (server-sent events, one JSON object per `data:` line) as it arrives,
 * so text deltas can be forwarded live while the full reply is assembled.
 */
import type { IDataObject } from 'n8n-workflow';

/** Splits a byte stream into SSE events and yields each event's `data` payload, parsed. */
export async function* parseEventStream(
	body: AsyncIterable<Buffer | string>,
): AsyncGenerator<IDataObject> {
	let buffer = '';
	const decoder = new TextDecoder('utf-8');
	const flushEvent = function* (block: string): Generator<IDataObject> {
		const data = block
			.split(/\r?\n/)
			.filter((line) => line.startsWith('data:'))
			.map((line) => line.slice(5).replace(/^ /, ''))
			.join('\n');
		if (data === '' || data === '[DONE]') return;
		let parsed: unknown;
		try {
			parsed = JSON.parse(data);
		} catch {
			// Reported like a failure Worken announced itself, so the reader has one way to end on errors.
			parsed = { type: 'error', error: `Worken sent an event that is not JSON: ${data.slice(0, 200)}` };
		}
		if (typeof parsed === 'object' && parsed !== null) yield parsed as IDataObject;
	};

	for await (const chunk of body) {
		buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
		let boundary = buffer.search(/\r?\n\r?\n/);
		while (boundary !== -1) {
			const block = buffer.slice(0, boundary);
			buffer = buffer.slice(buffer.slice(boundary).match(/^\r?\n\r?\n/)![0].length + boundary);
			yield* flushEvent(block);
			boundary = buffer.search(/\r?\n\r?\n/);
		}
	}
	buffer += decoder.decode();
	if (buffer.trim() !== '') yield* flushEvent(buffer);
}

export interface AssembledReply {
	text: string;
	message: IDataObject;
	usage: IDataObject;
}

export class ReplyStreamError extends Error {
	constructor(
		message: string,
		readonly partialText: string,
	) {
		super(message);
	}
}

/**
 * Consumes the whole stream: calls `onDelta` for every text delta as it arrives and returns the full
 * reply once Worken sends `finish`. An `error` event, or a stream that ends without `finish`, throws
 * with whatever text had arrived.
 */
export async function readReplyStream(
	body: AsyncIterable<Buffer | string>,
	onDelta: (delta: string) => void,
): Promise<AssembledReply> {
	const parts: string[] = [];
	for await (const event of parseEventStream(body)) {
		if (event.type === 'text-delta' && typeof event.textDelta === 'string') {
			parts.push(event.textDelta);
			onDelta(event.textDelta);
		} else if (event.type === 'finish') {
			const message = (event.message ?? {}) as IDataObject;
			return { text: parts.join(''), message, usage: (event.usage ?? {}) as IDataObject };
		} else if (event.type === 'error') {
			throw new ReplyStreamError(
				typeof event.error === 'string' ? event.error : 'unknown error',
				parts.join(''),
			);
		}
	}
	throw new ReplyStreamError('the stream ended before the reply was complete', parts.join(''));
}
