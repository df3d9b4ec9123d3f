import { startEnv, TestEnv } from './helpers';

const THREAD_KEYS = [
	'bot_id',
	'chat_id',
	'created_at',
	'id',
	'last_message_at',
	'message_count',
	'mode',
	'project_id',
	'title',
	'updated_at',
];

describe('sandbox chats, threads and messages', () => {
	let env: TestEnv;
	let botId: string;
	beforeAll(async () => {
		env = await startEnv();
		botId = (await env.api.post('/bots', { name: 'Main' })).data.id;
	});
	afterAll(() => env.sb.close());

	const newChat = async (name = 'Chat', bot = botId) => (await env.api.post('/chats', { name, bot_id: bot })).data;
	const newThread = async (chatId: string, title?: string) =>
		(await env.api.post(`/chats/${chatId}/threads`, title === undefined ? {} : { title })).data;

	describe('chats', () => {
		it('creates, reads, updates (POST and PATCH) and lists with a bot_id filter', async () => {
			const created = await env.api.post('/chats', { name: 'Website', bot_id: botId });
			expect(created.status).toBe(200);
			expect(Object.keys(created.data).sort()).toEqual(['bot_id', 'created_at', 'id', 'name', 'project_id', 'updated_at']);
			expect(created.data).toMatchObject({ name: 'Website', bot_id: botId, project_id: env.projectId });
			expect(created.data.id).toMatch(/^chat_[0-9a-f]+$/);
			expect((await env.api.get(`/chats/${created.data.id}`)).data).toEqual(created.data);

			const renamed = await env.api.post(`/chats/${created.data.id}`, { name: 'Site' });
			expect(renamed.data.name).toBe('Site');
			const patched = await env.api.patch(`/chats/${created.data.id}`, { name: 'Web' });
			expect(patched.data.name).toBe('Web');

			const otherBot = (await env.api.post('/bots', { name: 'Other' })).data.id;
			const other = await newChat('Other chat', otherBot);
			const filtered = (await env.api.get('/chats', { params: { bot_id: otherBot } })).data;
			expect(filtered).toEqual([other]);
		});

		it('validates name and bot_id', async () => {
			expect((await env.api.post('/chats', { bot_id: botId })).data).toEqual({
				error: 'Bad Request',
				message: 'name must be a non-empty string',
			});
			expect((await env.api.post('/chats', { name: 'x' })).data).toEqual({
				error: 'Bad Request',
				message: 'bot_id must be a non-empty string',
			});
			const missingBot = await env.api.post('/chats', { name: 'x', bot_id: 'bot_nope' });
			expect(missingBot.status).toBe(404);
			expect(missingBot.data).toEqual({ error: 'Not Found', message: 'Bot not found' });
			const chat = await newChat();
			expect((await env.api.post(`/chats/${chat.id}`, { bot_id: 'bot_nope' })).status).toBe(404);
			expect((await env.api.get('/chats/chat_nope')).data).toEqual({ error: 'Not Found', message: 'Chat not found' });
		});

		it('moving a chat to another bot moves its threads and re-enters them in the feed', async () => {
			const chat = await newChat('Moving');
			const thread = await newThread(chat.id);
			const target = (await env.api.post('/bots', { name: 'Target' })).data.id;
			const cursor = (await env.api.get('/threads', { params: { cursor: '', bot_id: target } })).data.next_cursor;
			await env.api.post(`/chats/${chat.id}`, { bot_id: target });
			const moved = (await env.api.get(`/threads/${thread.id}`)).data;
			expect(moved.bot_id).toBe(target);
			expect(moved.updated_at > thread.updated_at).toBe(true);
			const feed = (await env.api.get('/threads', { params: { cursor, bot_id: target } })).data;
			expect(feed.data.map((t: { id: string }) => t.id)).toEqual([thread.id]);
		});

		it('deleting a chat deletes its threads and messages', async () => {
			const chat = await newChat('Doomed');
			const thread = await newThread(chat.id);
			await env.api.post(`/threads/${thread.id}/messages`, { text: 'hi' });
			const res = await env.api.delete(`/chats/${chat.id}`);
			expect(res.status).toBe(204);
			expect(res.data).toBe('');
			expect((await env.api.get(`/chats/${chat.id}`)).status).toBe(404);
			expect((await env.api.get(`/threads/${thread.id}`)).status).toBe(404);
			expect(env.sb.control.listMessages(thread.id)).toBeUndefined();
			expect((await env.api.delete(`/chats/${chat.id}`)).status).toBe(404);
		});
	});

	describe('threads', () => {
		it('creates a thread with the contract’s shape and sensible defaults', async () => {
			const chat = await newChat();
			const res = await env.api.post(`/chats/${chat.id}/threads`, { title: 'Refund question' });
			expect(res.status).toBe(200);
			expect(Object.keys(res.data).sort()).toEqual(THREAD_KEYS);
			expect(res.data).toMatchObject({
				chat_id: chat.id,
				bot_id: botId,
				project_id: env.projectId,
				title: 'Refund question',
				mode: 'auto',
				message_count: 0,
				last_message_at: null,
			});
			expect(res.data.id).toMatch(/^thr_[0-9a-f]+$/);
			expect((await newThread(chat.id)).title).toBeNull();
			expect((await env.api.post(`/chats/${chat.id}/threads`, { title: 7 })).data.message).toBe(
				'title must be a string or null',
			);
			expect((await env.api.post('/chats/chat_nope/threads', {})).data).toEqual({
				error: 'Not Found',
				message: 'Chat not found',
			});
		});

		it('lists a chat’s threads in creation order and all threads newest first, with filters', async () => {
			const chat = await newChat('Listing');
			const t1 = await newThread(chat.id, 'one');
			const t2 = await newThread(chat.id, 'two');
			const t3 = await newThread(chat.id, 'three');
			const ofChat = (await env.api.get(`/chats/${chat.id}/threads`)).data;
			expect(ofChat.map((t: { id: string }) => t.id)).toEqual([t1.id, t2.id, t3.id]);

			const all = (await env.api.get('/threads', { params: { chat_id: chat.id } })).data;
			expect(all.map((t: { id: string }) => t.id)).toEqual([t3.id, t2.id, t1.id]);

			await env.api.post(`/threads/${t2.id}/mode`, { mode: 'manual' });
			const manual = (await env.api.get('/threads', { params: { chat_id: chat.id, mode: 'manual' } })).data;
			expect(manual.map((t: { id: string }) => t.id)).toEqual([t2.id]);
			const byBot = (await env.api.get('/threads', { params: { bot_id: botId, limit: 100 } })).data;
			expect(byBot.every((t: { bot_id: string }) => t.bot_id === botId)).toBe(true);
			expect((await env.api.get('/threads', { params: { bot_id: 'bot_nope' } })).data).toEqual([]);

			const bad = await env.api.get('/threads', { params: { mode: 'robot' } });
			expect(bad.status).toBe(400);
			expect(bad.data).toEqual({ error: 'Bad Request', message: 'mode must be one of auto, manual' });
		});

		it('renames and changes mode (POST and PATCH), validating the mode', async () => {
			const chat = await newChat();
			const thread = await newThread(chat.id, 'before');
			const renamed = await env.api.post(`/threads/${thread.id}`, { title: 'after' });
			expect(renamed.status).toBe(200);
			expect(renamed.data.title).toBe('after');
			expect(renamed.data.updated_at > thread.updated_at).toBe(true);
			expect((await env.api.patch(`/threads/${thread.id}`, { title: null })).data.title).toBeNull();

			const manual = await env.api.post(`/threads/${thread.id}/mode`, { mode: 'manual' });
			expect(manual.data.mode).toBe('manual');
			expect(manual.data.updated_at > renamed.data.updated_at).toBe(true);
			expect((await env.api.patch(`/threads/${thread.id}/mode`, { mode: 'auto' })).data.mode).toBe('auto');
			for (const body of [{ mode: 'robot' }, {}]) {
				const bad = await env.api.post(`/threads/${thread.id}/mode`, body);
				expect(bad.status).toBe(400);
				expect(bad.data.message).toBe('mode must be one of auto, manual');
			}
			expect((await env.api.get('/threads/thr_nope')).data).toEqual({ error: 'Not Found', message: 'Thread not found' });
		});

		it('deletes a thread with 204', async () => {
			const chat = await newChat();
			const thread = await newThread(chat.id);
			const res = await env.api.delete(`/threads/${thread.id}`);
			expect(res.status).toBe(204);
			expect(res.data).toBe('');
			expect((await env.api.get(`/threads/${thread.id}`)).status).toBe(404);
			expect((await env.api.get(`/chats/${chat.id}/threads`)).data).toEqual([]);
		});
	});

	describe('messages', () => {
		it('posts an operator message that changes the thread', async () => {
			const chat = await newChat();
			const thread = await newThread(chat.id);
			const res = await env.api.post(`/threads/${thread.id}/messages`, { text: 'A human here' });
			expect(res.status).toBe(200);
			expect(Object.keys(res.data).sort()).toEqual(['chat_id', 'content', 'created_at', 'id', 'role', 'thread_id']);
			expect(res.data).toMatchObject({ role: 'operator', content: 'A human here', thread_id: thread.id, chat_id: chat.id });
			expect(res.data.id).toMatch(/^msg_[0-9a-f]+$/);
			const after = (await env.api.get(`/threads/${thread.id}`)).data;
			expect(after).toMatchObject({ message_count: 1, last_message_at: res.data.created_at, updated_at: res.data.created_at });
			expect(after.updated_at > thread.updated_at).toBe(true);
			// The bot does not answer operator messages.
			expect(env.sb.control.listMessages(thread.id)).toHaveLength(1);
		});

		it('validates text and the thread', async () => {
			const chat = await newChat();
			const thread = await newThread(chat.id);
			for (const body of [{}, { text: '' }, { text: 3 }, { content: 'wrong field' }]) {
				const res = await env.api.post(`/threads/${thread.id}/messages`, body);
				expect(res.status).toBe(400);
				expect(res.data.message).toBe('text must be a non-empty string');
			}
			expect((await env.api.post('/threads/thr_nope/messages', { text: 'x' })).status).toBe(404);
		});

		it('lists messages oldest first, through the thread’s own chat only', async () => {
			const chat = await newChat();
			const thread = await newThread(chat.id);
			env.sb.control.addMessage(thread.id, { role: 'user', content: 'first' });
			env.sb.control.addMessage(thread.id, { role: 'assistant', content: 'second' });
			await env.api.post(`/threads/${thread.id}/messages`, { text: 'third' });
			env.sb.control.addMessage(thread.id, { role: 'system', content: 'fourth' });
			const res = await env.api.get(`/chats/${chat.id}/threads/${thread.id}/messages`);
			expect(res.status).toBe(200);
			expect(res.data.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
				['user', 'first'],
				['assistant', 'second'],
				['operator', 'third'],
				['system', 'fourth'],
			]);
			const times = res.data.map((m: { created_at: string }) => m.created_at);
			expect(new Set(times).size).toBe(4);
			expect([...times].sort()).toEqual(times);

			const otherChat = await newChat();
			const wrong = await env.api.get(`/chats/${otherChat.id}/threads/${thread.id}/messages`);
			expect(wrong.data).toEqual({ error: 'Not Found', message: 'Thread not found' });
			expect((await env.api.get(`/chats/chat_nope/threads/${thread.id}/messages`)).data.message).toBe('Chat not found');
		});

		it('control addMessage behaves like any message (counts, timestamps, validation)', async () => {
			const chat = await newChat();
			const thread = await newThread(chat.id);
			const message = env.sb.control.addMessage(thread.id, { role: 'user', content: 'from Telegram' });
			expect(env.sb.control.getThread(thread.id)).toMatchObject({
				message_count: 1,
				last_message_at: message.created_at,
				updated_at: message.created_at,
			});
			expect(() => env.sb.control.addMessage(thread.id, { role: 'robot' as never, content: 'x' })).toThrow(
				'role must be one of user, assistant, operator, system',
			);
			expect(() => env.sb.control.addMessage('thr_nope', { role: 'user', content: 'x' })).toThrow('Thread not found');
		});
	});

	describe('routing', () => {
		it('answers unknown paths with 404 "Route not found" and wrong methods with 405', async () => {
			const res = await env.api.get('/nope');
			expect(res.status).toBe(404);
			expect(res.data).toEqual({ error: 'Not Found', message: 'Route not found' });
			expect((await env.api.get('/v1/bots')).data.message).toBe('Route not found');
			const wrong = await env.api.put('/bots');
			expect(wrong.status).toBe(405);
			expect(wrong.data.error).toBe('Method Not Allowed');
			// A trailing slash is the same path.
			expect((await env.api.get('/bots/')).status).toBe(200);
		});

		it('keeps timestamps strictly increasing even within one millisecond', async () => {
			const chat = await newChat();
			const thread = await newThread(chat.id);
			const stamps = Array.from({ length: 50 }, (_, i) =>
				env.sb.control.addMessage(thread.id, { role: 'user', content: `m${i}` }).created_at,
			);
			for (let i = 1; i < stamps.length; i++) expect(stamps[i] > stamps[i - 1]).toBe(true);
		});
	});
});
