/**
 * The pure parts of the transport: which failures are repeated, Retry-After, paths, response shapes and
 * the SSE reader. Everything that talks HTTP is tested through n8n-core in test/foundation.
 */
import { ENDPOINTS, resolveEndpoint } from '../../nodes/transport/endpoints';
import { normaliseError, normaliseList, normaliseObject } from '../../nodes/transport/normalise';
import {
	connectionErrorIsRepeatable,
	parseRetryAfterMs,
	statusIsRepeatable,
} from '../../nodes/transport/retry';
import { parseEventStream, readReplyStream, ReplyStreamError } from '../../nodes/transport/sse';
import { retryOptionsProperty, retryPolicy } from '../../nodes/transport/requestOptions';
import { DEFAULT_RETRY_POLICY } from '../../nodes/transport/retry';

async function* chunks(...parts: string[]): AsyncGenerator<Buffer> {
	for (const part of parts) yield Buffer.from(part, 'utf8');
}

describe('endpoint table', () => {
	it('fills and encodes path parameters', () => {
		const resolved = resolveEndpoint('listMessages', { chatId: 'chat 1', threadId: 'thr/2' });
		expect(resolved).toMatchObject({ method: 'GET', url: '/chats/chat%201/threads/thr%2F2/messages' });
	});

	it('refuses to build a path with a missing parameter', () => {
		expect(() => resolveEndpoint('getBot', {})).toThrow('botId');
	});

	it('uses POST for updates and never a versioned path', () => {
		for (const [name, endpoint] of Object.entries(ENDPOINTS)) {
			expect(endpoint.path.startsWith('/v1')).toBe(false);
			if (name.startsWith('update')) expect(endpoint.method).toBe('POST');
		}
	});
});

describe('response normaliser', () => {
	it('reads a bare array, a {data} wrapper and the feed shape', () => {
		expect(normaliseList([{ id: 'a' }, { id: 'b' }]).items).toHaveLength(2);
		expect(normaliseList({ data: [{ id: 'a' }], next_cursor: 'c2' })).toEqual({
			items: [{ id: 'a' }],
			nextCursor: 'c2',
		});
		expect(normaliseList('[{"id":"x"}]').items).toEqual([{ id: 'x' }]);
	});

	it('rejects a body that is not a list', () => {
		expect(() => normaliseList({ id: 'a' })).toThrow('not a list');
	});

	it('treats an empty 204 body as an empty object', () => {
		expect(normaliseObject('')).toEqual({});
		expect(normaliseObject(undefined)).toEqual({});
	});

	it('reads Worken error bodies', () => {
		expect(normaliseError('{"error":"Not Found","message":"Bot not found"}')).toEqual({
			error: 'Not Found',
			message: 'Bot not found',
		});
	});
});

describe('retry rules', () => {
	it('repeats a 429 for every method, a 5xx only for GET and DELETE', () => {
		expect(statusIsRepeatable(429, 'POST')).toBe(true);
		expect(statusIsRepeatable(500, 'GET')).toBe(true);
		expect(statusIsRepeatable(503, 'DELETE')).toBe(true);
		expect(statusIsRepeatable(500, 'POST')).toBe(false);
		expect(statusIsRepeatable(400, 'GET')).toBe(false);
	});

	it('repeats a POST after a connection error only when the request provably never left', () => {
		expect(connectionErrorIsRepeatable('ECONNREFUSED', 'POST')).toBe(true);
		expect(connectionErrorIsRepeatable('ECONNRESET', 'POST')).toBe(false);
		expect(connectionErrorIsRepeatable('ECONNRESET', 'GET')).toBe(true);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfterMs('2')).toBe(2000);
		expect(parseRetryAfterMs(['3'])).toBe(3000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfterMs(undefined)).toBe(1000);
	});
});

describe('retry options field', () => {
	it('shows the transport defaults', () => {
		const defaults = Object.fromEntries(
			(retryOptionsProperty.options ?? []).map((option) => [
				(option as { name: string }).name,
				(option as { default: unknown }).default,
			]),
		);
		expect(defaults).toEqual({
			maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
			maxWaitSeconds: DEFAULT_RETRY_POLICY.maxWaitMs / 1000,
		});
	});
});

describe('retry policy from the Retry Options', () => {
	it('keeps the defaults for what the user did not set', () => {
		expect(retryPolicy({})).toEqual(DEFAULT_RETRY_POLICY);
		expect(retryPolicy(undefined)).toEqual(DEFAULT_RETRY_POLICY);
		expect(retryPolicy({ maxRetries: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxRetries: 2 });
	});

	it('brings values from expressions into the fields\' ranges', () => {
		expect(retryPolicy({ maxRetries: 50.7, maxWaitSeconds: -3 })).toEqual({
			...DEFAULT_RETRY_POLICY,
			maxRetries: 20,
			maxWaitMs: 0,
		});
		expect(retryPolicy({ maxRetries: '3', maxWaitSeconds: 'soon' })).toEqual({ ...DEFAULT_RETRY_POLICY, maxRetries: 3 });
	});
});

describe('SSE reader', () => {
	it('assembles deltas split across chunks at any byte', async () => {
		const stream =
			'data: {"type":"text-delta","textDelta":"Hel"}\n\n' +
			'data: {"type":"text-delta","textDelta":"lo, привет!"}\n\n' +
			'data: {"type":"finish","message":{"id":"m1","role":"assistant"},"usage":{"input_tokens":3,"output_tokens":2}}\n\n';
		const bytes = Buffer.from(stream, 'utf8');
		// Split inside a multi-byte character and inside the event separator.
		async function* byteChunks(): AsyncGenerator<Buffer> {
			for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
		}
		const deltas: string[] = [];
		const reply = await readReplyStream(byteChunks(), (delta) => deltas.push(delta));
		expect(deltas).toEqual(['Hel', 'lo, привет!']);
		expect(reply.text).toBe('Hello, привет!');
		expect(reply.message).toEqual({ id: 'm1', role: 'assistant' });
		expect(reply.usage).toEqual({ input_tokens: 3, output_tokens: 2 });
	});

	it('accepts CRLF framing', async () => {
		const events: unknown[] = [];
		for await (const event of parseEventStream(chunks('data: {"a":1}\r\n\r\ndata: {"b":2}\r\n\r\n'))) {
			events.push(event);
		}
		expect(events).toEqual([{ a: 1 }, { b: 2 }]);
	});

	it('fails with the partial text on an error event', async () => {
		const stream = chunks(
			'data: {"type":"text-delta","textDelta":"Par"}\n\n',
			'data: {"type":"error","error":"Model provider failed"}\n\n',
		);
		const failure = readReplyStream(stream, () => {});
		await expect(failure).rejects.toBeInstanceOf(ReplyStreamError);
		await expect(readReplyStream(chunks('data: {"type":"text-delta","textDelta":"Par"}\n\n', 'data: {"type":"error","error":"boom"}\n\n'), () => {})).rejects.toMatchObject({ message: 'boom', partialText: 'Par' });
	});

	it('fails when the stream ends before finish', async () => {
		await expect(
			readReplyStream(chunks('data: {"type":"text-delta","textDelta":"Hi"}\n\n'), () => {}),
		).rejects.toMatchObject({ partialText: 'Hi' });
	});
});
