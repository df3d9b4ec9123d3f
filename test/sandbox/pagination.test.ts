import { startEnv, TestEnv } from './helpers';

type Item = { id: string };
const ids = (items: Item[]) => items.map((i) => i.id);

describe('sandbox limit/offset pagination', () => {
	let env: TestEnv;
	let seeded: ReturnType<TestEnv['sb']['control']['seed']>;
	beforeAll(async () => {
		env = await startEnv();
		seeded = env.sb.control.seed(env.projectId, {
			bots: 25,
			chatsPerBot: 1,
			threadsPerChat: 1,
			messagesPerThread: 1,
			integrations: 25,
		});
		const thread = seeded.threadIds[0];
		for (let i = 0; i < 24; i++) env.sb.control.addMessage(thread, { role: 'user', content: `extra ${i}` });
	});
	afterAll(() => env.sb.close());

	it.each([
		['limit', '0', 'limit must be an integer between 1 and 100'],
		['limit', '101', 'limit must be an integer between 1 and 100'],
		['limit', '-1', 'limit must be an integer between 1 and 100'],
		['limit', '1.5', 'limit must be an integer between 1 and 100'],
		['limit', 'ten', 'limit must be an integer between 1 and 100'],
		['limit', '', 'limit must be an integer between 1 and 100'],
		['offset', '-1', 'offset must be a non-negative integer'],
		['offset', '2.5', 'offset must be a non-negative integer'],
		['offset', 'x', 'offset must be a non-negative integer'],
	])('rejects %s=%s with 400 naming the field', async (field, value, message) => {
		for (const path of ['/bots', '/chats', '/threads', '/integrations', '/billing/usage']) {
			const res = await env.api.get(`${path}?${field}=${encodeURIComponent(value)}`);
			expect({ path, status: res.status, data: res.data }).toEqual({
				path,
				status: 400,
				data: { error: 'Bad Request', message },
			});
		}
	});

	it('defaults to 20 items and accepts 1 and 100', async () => {
		expect((await env.api.get('/bots')).data).toHaveLength(20);
		expect((await env.api.get('/bots', { params: { limit: 1 } })).data).toHaveLength(1);
		expect((await env.api.get('/bots', { params: { limit: 100 } })).data).toHaveLength(25);
	});

	it.each([
		['/bots', 25],
		['/chats', 25],
		['/threads', 25],
		['/integrations', 25],
	])('pages %s in a stable order until a short page', async (path, total) => {
		const full = (await env.api.get(path, { params: { limit: 100 } })).data as Item[];
		expect(full).toHaveLength(total);
		const collected: Item[] = [];
		for (let offset = 0; ; offset += 7) {
			const page = (await env.api.get(path, { params: { limit: 7, offset } })).data as Item[];
			collected.push(...page);
			if (page.length < 7) break;
		}
		expect(ids(collected)).toEqual(ids(full));
		expect(new Set(ids(collected)).size).toBe(total);
		expect((await env.api.get(path, { params: { offset: 1000 } })).data).toEqual([]);
	});

	it('pages messages and a chat’s threads', async () => {
		const thread = env.sb.control.getThread(seeded.threadIds[0])!;
		const base = `/chats/${thread.chat_id}/threads/${thread.id}/messages`;
		const first = (await env.api.get(base, { params: { limit: 10 } })).data;
		const rest = (await env.api.get(base, { params: { limit: 100, offset: 10 } })).data;
		expect(first).toHaveLength(10);
		expect(rest).toHaveLength(15);
		expect([...first, ...rest].map((m: { content: string }) => m.content).slice(-2)).toEqual(['extra 22', 'extra 23']);
		expect((await env.api.get(`/chats/${thread.chat_id}/threads`, { params: { offset: 1 } })).data).toEqual([]);
	});

	it('seeds thousands of objects with deterministic names', () => {
		const { projectId } = env.sb.control.createProject();
		const second = env.sb.control.createProject();
		const result = env.sb.control.seed(projectId, { bots: 20, chatsPerBot: 10, threadsPerChat: 12, messagesPerThread: 2 });
		env.sb.control.seed(second.projectId, { bots: 20 });
		const bots = env.sb.control.seed(second.projectId, { bots: 2000 });
		expect(result.threadIds).toHaveLength(2400);
		expect(bots.botIds).toHaveLength(2000);
		expect(env.sb.control.getBot(result.botIds[0])?.name).toBe('Bot 1');
		expect(env.sb.control.getBot(bots.botIds[0])?.name).toBe('Bot 21');
		expect(env.sb.control.getChat(result.chatIds[1])?.name).toBe('Chat 1.2');
		expect(env.sb.control.getThread(result.threadIds[13])?.title).toBe('Thread 1.2.2');
		// Seeding a fresh project does not run its clock ahead of real time.
		const last = env.sb.control.getThread(result.threadIds[2399])!;
		expect(Date.parse(last.updated_at)).toBeLessThanOrEqual(Date.now());
		expect(() => env.sb.control.seed(projectId, { bots: -1 })).toThrow('bots must be a non-negative integer');
	});
});
