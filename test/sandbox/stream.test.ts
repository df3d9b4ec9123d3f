import type { IncomingMessage } from 'node:http';
import { ManualClock } from '../../sandbox';
import { client, parseSse, startEnv, TestEnv, until } from './helpers';

const REPLY = 'Thanks for your message: "Where is my order?". A Worken bot is here to help.';

describe('sandbox streaming (SSE)', () => {
	let env: TestEnv;
	let chatId: string;
	let threadId: string;
	beforeEach(async () => {
		env = await startEnv();
		const seeded = env.sb.control.seed(env.projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: 1 });
		[chatId] = seeded.chatIds;
		[threadId] = seeded.threadIds;
	});
	afterEach(() => env.sb.close());

	const stream = (content = 'Where is my order?', thread = threadId, chat = chatId) =>
		env.api.post(
			`/chats/${chat}/threads/${thread}/stream`,
			{ messages: [{ role: 'user', content }] },
			{ responseType: 'text' },
		);

	it('streams text-delta events then a finish event, framed as SSE', async () => {
		const res = await stream();
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
		const events = parseSse(res.data as string);
		const deltas = events.slice(0, -1);
		expect(deltas.length).toBeGreaterThan(2);
		for (const e of deltas) expect(Object.keys(e).sort()).toEqual(['textDelta', 'type']);
		expect(deltas.every((e) => e.type === 'text-delta')).toBe(true);
		expect(deltas.map((e) => e.textDelta).join('')).toBe(REPLY);

		const finish = events[events.length - 1] as { type: string; message: Record<string, unknown>; usage: unknown };
		expect(finish.type).toBe('finish');
		expect(finish.message).toMatchObject({ role: 'assistant', content: REPLY, thread_id: threadId, chat_id: chatId });
		expect(finish.usage).toEqual({ input_tokens: 4, output_tokens: 15 }); // words in, words out
	});

	it('stores the user message, then the assistant message', async () => {
		const before = env.sb.control.getThread(threadId)!;
		const res = await stream();
		const finish = parseSse(res.data as string).pop() as { message: { id: string; created_at: string } };
		const messages = (await env.api.get(`/chats/${chatId}/threads/${threadId}/messages`)).data;
		expect(messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
			['user', 'Where is my order?'],
			['assistant', REPLY],
		]);
		expect(messages[1]).toEqual(finish.message);
		const after = (await env.api.get(`/threads/${threadId}`)).data;
		expect(after.message_count).toBe(2);
		expect(after.last_message_at).toBe(finish.message.created_at);
		expect(after.updated_at > before.updated_at).toBe(true);
	});

	it('records the usage for billing', async () => {
		await stream('one two three');
		const botId = env.sb.control.getThread(threadId)!.bot_id;
		const usage = (await env.api.get('/billing/usage', { params: { bot_id: botId } })).data;
		expect(usage).toEqual([
			{
				date: new Date().toISOString().slice(0, 10),
				bot_id: botId,
				requests: 1,
				input_tokens: 3,
				output_tokens: 14,
				// RUB 0.05 per 1,000 input tokens, 0.20 per 1,000 output tokens.
				cost: 0.00295,
			},
		]);
	});

	it('refuses a manual thread with 409 before storing anything', async () => {
		await env.api.post(`/threads/${threadId}/mode`, { mode: 'manual' });
		const res = await env.api.post(`/chats/${chatId}/threads/${threadId}/stream`, {
			messages: [{ role: 'user', content: 'hello?' }],
		});
		expect(res.status).toBe(409);
		expect(res.headers['content-type']).toMatch(/^application\/json/);
		expect(res.data).toEqual({ error: 'Conflict', message: 'Thread is in manual mode' });
		expect(env.sb.control.listMessages(threadId)).toEqual([]);
	});

	it.each([
		[{}, 'messages must be a non-empty array'],
		[{ messages: [] }, 'messages must be a non-empty array'],
		[{ messages: ['hi'] }, 'messages[0] must be an object'],
		[{ messages: [{ role: 'assistant', content: 'x' }] }, 'messages[0].role must be user'],
		[{ messages: [{ role: 'user', content: '' }] }, 'messages[0].content must be a non-empty string'],
	])('rejects body %j with 400 JSON', async (body, message) => {
		const res = await env.api.post(`/chats/${chatId}/threads/${threadId}/stream`, body);
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'Bad Request', message });
		expect(env.sb.control.listMessages(threadId)).toEqual([]);
	});

	it('answers 404 for a thread outside the chat', async () => {
		const other = (await env.api.post(`/chats/${chatId}/threads`, {})).data;
		const otherChat = (await env.api.post('/chats', { name: 'x', bot_id: env.sb.control.getThread(threadId)!.bot_id })).data;
		const res = await stream('hi', other.id, otherChat.id);
		expect(res.status).toBe(404);
		expect(JSON.parse(res.data as string)).toEqual({ error: 'Not Found', message: 'Thread not found' });
	});

	it('ends with an error event after k chunks on an afterStreamChunks fault, storing no reply', async () => {
		env.sb.control.injectFaults({ count: 1, afterStreamChunks: 2 });
		const res = await stream();
		expect(res.status).toBe(200);
		const events = parseSse(res.data as string);
		expect(events.map((e) => e.type)).toEqual(['text-delta', 'text-delta', 'error']);
		expect(events[2]).toEqual({ type: 'error', error: 'Model provider failed' });
		expect(env.sb.control.listMessages(threadId)!.map((m) => m.role)).toEqual(['user']);
		// Consumed: the next stream is normal.
		expect(parseSse((await stream()).data as string).pop()!.type).toBe('finish');
	});

	it('does not let other requests consume a stream fault', async () => {
		env.sb.control.injectFaults({ count: 1, afterStreamChunks: 0 });
		expect((await env.api.get('/bots')).status).toBe(200);
		expect(parseSse((await stream()).data as string).map((e) => e.type)).toEqual(['error']);
	});
});

describe('sandbox streaming with streamChunkDelayMs', () => {
	let env: TestEnv;
	let clock: ManualClock;
	beforeEach(async () => {
		clock = new ManualClock();
		env = await startEnv({ streamChunkDelayMs: 40, clock });
	});
	afterEach(() => env.sb.close());

	it('pauses 40 ms between events, each event delivered before the next pause ends', async () => {
		const { chatIds, threadIds } = env.sb.control.seed(env.projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: 1 });
		const res = await env.api.post(
			`/chats/${chatIds[0]}/threads/${threadIds[0]}/stream`,
			{ messages: [{ role: 'user', content: 'hi' }] },
			{ responseType: 'stream' },
		);
		const body = res.data as IncomingMessage;
		let text = '';
		let ended = false;
		body.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
		body.on('end', () => (ended = true));
		const received = (): number => text.split('\n\n').length - 1;

		// Events the client holds at each pause: one more per pause, none sent early.
		const heldAtPause: number[] = [];
		for (;;) {
			await until(() => ended || (clock.pending() === 1 && received() === heldAtPause.length + 1));
			if (ended) break;
			heldAtPause.push(received());
			clock.advance(39);
			expect(clock.pending()).toBe(1);
			clock.advance(1);
		}
		const events = parseSse(text);
		expect(events.map((e) => e.type)).toEqual([...Array(events.length - 1).fill('text-delta'), 'finish']);
		expect(heldAtPause).toEqual(events.slice(1).map((_, i) => i + 1));
	});

	it('closes while a stream is still open, without storing the reply', async () => {
		const { chatIds, threadIds } = env.sb.control.seed(env.projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: 1 });
		const api = client(env.sb.url, env.key);
		const res = await api.post(`/chats/${chatIds[0]}/threads/${threadIds[0]}/stream`, { messages: [{ role: 'user', content: 'hi' }] }, {
			responseType: 'stream',
		});
		const closed = new Promise<void>((resolve) => {
			(res.data as IncomingMessage).on('close', resolve).on('error', () => resolve()).resume();
		});
		await clock.whenPending();
		await env.sb.close();
		expect(clock.pending()).toBe(0);
		await closed;
		expect(env.sb.control.listMessages(threadIds[0])!.map((m) => m.role)).toEqual(['user']);
	});
});
