import { startEnv, TestEnv } from './helpers';

type Thread = { id: string; updated_at: string; mode: string; chat_id: string; bot_id: string };
type FeedPage = { data: Thread[]; next_cursor: string };

describe('sandbox thread feed (cursor)', () => {
	let env: TestEnv;
	let threadIds: string[];
	let botIds: string[];
	let chatIds: string[];

	beforeEach(async () => {
		env = await startEnv();
		({ threadIds, botIds, chatIds } = env.sb.control.seed(env.projectId, {
			bots: 2,
			chatsPerBot: 1,
			threadsPerChat: 3,
			messagesPerThread: 1,
		}));
	});
	afterEach(() => env.sb.close());

	const feed = async (cursor: string, params: Record<string, string | number> = {}): Promise<FeedPage> => {
		const res = await env.api.get('/threads', { params: { cursor, ...params } });
		expect(res.status).toBe(200);
		return res.data as FeedPage;
	};
	/** Follows next_cursor until an empty page; returns the ids seen and the final cursor. */
	const drain = async (cursor: string, params: Record<string, string | number> = {}) => {
		const seen: string[] = [];
		for (;;) {
			const page = await feed(cursor, params);
			if (page.data.length === 0) {
				expect(page.next_cursor).toBe(cursor);
				return { seen, cursor };
			}
			seen.push(...page.data.map((t) => t.id));
			cursor = page.next_cursor;
		}
	};
	const touch = (id: string, content = 'ping') => env.sb.control.addMessage(id, { role: 'user', content });

	it('answers {data, next_cursor} and starts at the beginning with an empty cursor', async () => {
		const res = await env.api.get('/threads?cursor=');
		expect(res.status).toBe(200);
		expect(Object.keys(res.data).sort()).toEqual(['data', 'next_cursor']);
		expect(res.data.data.map((t: Thread) => t.id)).toEqual(threadIds);
		expect(typeof res.data.next_cursor).toBe('string');
		expect(res.data.next_cursor).not.toBe('');
	});

	it('lists in order of last change (updated_at ascending, strictly)', async () => {
		touch(threadIds[1]);
		touch(threadIds[0]);
		const { data } = await feed('', { limit: 100 });
		expect(data.map((t) => t.id)).toEqual([threadIds[2], threadIds[3], threadIds[4], threadIds[5], threadIds[1], threadIds[0]]);
		for (let i = 1; i < data.length; i++) expect(data[i].updated_at > data[i - 1].updated_at).toBe(true);
	});

	it('pages with limit, never repeats, and returns the same cursor when nothing changed', async () => {
		const first = await feed('', { limit: 4 });
		expect(first.data).toHaveLength(4);
		const second = await feed(first.next_cursor, { limit: 4 });
		expect(second.data.map((t) => t.id)).toEqual(threadIds.slice(4));
		const idle = await feed(second.next_cursor, { limit: 4 });
		expect(idle).toEqual({ data: [], next_cursor: second.next_cursor });
		expect(await feed(second.next_cursor)).toEqual(idle);
		// Default limit 20 and the usual limit validation apply.
		expect((await env.api.get('/threads', { params: { cursor: '', limit: 101 } })).data).toEqual({
			error: 'Bad Request',
			message: 'limit must be an integer between 1 and 100',
		});
	});

	it('hands back an empty cursor unchanged for an empty project', async () => {
		const other = env.sb.control.createProject();
		const res = await env.api.get('/threads?cursor=', { headers: { Authorization: `Bearer ${other.key}` } });
		expect(res.data).toEqual({ data: [], next_cursor: '' });
	});

	it('re-enters a changed thread after the cursor, once, at its latest change', async () => {
		const { cursor } = await drain('');
		touch(threadIds[2], 'one');
		touch(threadIds[4], 'two');
		touch(threadIds[2], 'three');
		const page = await feed(cursor);
		expect(page.data.map((t) => t.id)).toEqual([threadIds[4], threadIds[2]]);
		expect(page.data[1].updated_at).toBe(env.sb.control.getThread(threadIds[2])?.updated_at);
		expect((await feed(page.next_cursor)).data).toEqual([]);
	});

	it('never loses a thread that changes while a client pages through the feed', async () => {
		const first = await feed('', { limit: 2 }); // threads 0, 1
		touch(threadIds[0]); // already read → must come again
		touch(threadIds[3]); // not read yet → must come once, at its new position
		const { seen } = await drain(first.next_cursor, { limit: 2 });
		expect(seen).toEqual([threadIds[2], threadIds[4], threadIds[5], threadIds[0], threadIds[3]]);
		expect(new Set(seen).size).toBe(seen.length);
	});

	it('treats mode changes, renames, operator messages and new threads as changes; no-op updates are not', async () => {
		const { cursor } = await drain('');
		await env.api.post(`/threads/${threadIds[0]}/mode`, { mode: 'manual' });
		await env.api.post(`/threads/${threadIds[1]}`, { title: 'Renamed' });
		await env.api.post(`/threads/${threadIds[2]}/messages`, { text: 'operator here' });
		const created = (await env.api.post(`/chats/${chatIds[0]}/threads`, { title: 'new' })).data;
		const { seen, cursor: after } = await drain(cursor);
		expect(seen).toEqual([threadIds[0], threadIds[1], threadIds[2], created.id]);

		await env.api.post(`/threads/${threadIds[0]}/mode`, { mode: 'manual' }); // already manual
		await env.api.post(`/threads/${threadIds[1]}`, { title: 'Renamed' }); // same title
		await env.api.post(`/threads/${threadIds[1]}`, {}); // nothing
		expect(await feed(after)).toEqual({ data: [], next_cursor: after });
	});

	it('drops deleted threads from the feed', async () => {
		await env.api.delete(`/threads/${threadIds[1]}`);
		const { seen } = await drain('');
		expect(seen).toEqual(threadIds.filter((id) => id !== threadIds[1]));
	});

	it('applies chat_id, bot_id and mode filters', async () => {
		await env.api.post(`/threads/${threadIds[4]}/mode`, { mode: 'manual' });
		expect((await drain('', { chat_id: chatIds[0] })).seen).toEqual(threadIds.slice(0, 3));
		expect((await drain('', { bot_id: botIds[1] })).seen).toEqual([threadIds[3], threadIds[5], threadIds[4]]);
		expect((await drain('', { mode: 'manual' })).seen).toEqual([threadIds[4]]);
		const { cursor } = await drain('', { mode: 'manual', limit: 1 });
		touch(threadIds[0]); // an auto thread changing does not show in a manual-only feed
		expect(await feed(cursor, { mode: 'manual' })).toEqual({ data: [], next_cursor: cursor });
		expect((await env.api.get('/threads', { params: { cursor: '', mode: 'both' } })).status).toBe(400);
	});

	it.each([
		['garbage', 'not a cursor!'],
		['base64 of something else', Buffer.from('hello').toString('base64url')],
		['a position not reached yet', Buffer.from('seq:999999').toString('base64url')],
		['standard base64 padding', `${Buffer.from('seq:1').toString('base64')}==`],
	])('rejects %s with 400 Invalid cursor', async (_label, cursor) => {
		const res = await env.api.get('/threads', { params: { cursor } });
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'Bad Request', message: 'Invalid cursor' });
	});

	it('invalidates old cursors after reset', async () => {
		const { cursor } = await drain('');
		env.sb.control.reset();
		const { key } = env.sb.control.createProject();
		const res = await env.api.get('/threads', { params: { cursor }, headers: { Authorization: `Bearer ${key}` } });
		expect(res.data).toEqual({ error: 'Bad Request', message: 'Invalid cursor' });
	});
});
