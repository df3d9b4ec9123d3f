import { client, startEnv, TestEnv } from './helpers';

describe('sandbox auth', () => {
	let env: TestEnv;
	beforeAll(async () => {
		env = await startEnv();
	});
	afterAll(() => env.sb.close());

	it('accepts a valid key (scheme case-insensitive)', async () => {
		expect((await env.api.get('/bots')).status).toBe(200);
		const lower = client(env.sb.url, undefined, { authorization: `bearer ${env.key}` });
		expect((await lower.get('/bots')).status).toBe(200);
	});

	it('generates keys as sk- + 32 lowercase hex', () => {
		expect(env.key).toMatch(/^sk-[0-9a-f]{32}$/);
		expect(env.sb.control.createKey(env.projectId)).toMatch(/^sk-[0-9a-f]{32}$/);
	});

	it.each([
		['a missing header', {}],
		['another scheme', { Authorization: 'Basic sk-0123abcd' }],
		['a key without the sk- prefix', { Authorization: 'Bearer 0123456789abcdef0123456789abcdef' }],
		['a non-hex key', { Authorization: 'Bearer sk-not-hex-at-all' }],
		['an empty bearer', { Authorization: 'Bearer ' }],
		['an unknown well-formed key', { Authorization: 'Bearer sk-00000000000000000000000000000000' }],
	])('rejects %s with 401 {"error":"Unauthorized"}', async (_name, headers) => {
		const res = await client(env.sb.url, undefined, headers as Record<string, string>).get('/bots');
		expect(res.status).toBe(401);
		expect(res.data).toEqual({ error: 'Unauthorized' });
	});

	it('rejects a revoked key while the project’s other keys keep working', async () => {
		const second = env.sb.control.createKey(env.projectId);
		const api2 = client(env.sb.url, second);
		expect((await api2.get('/bots')).status).toBe(200);
		env.sb.control.revokeKey(second);
		const res = await api2.get('/bots');
		expect(res.status).toBe(401);
		expect(res.data).toEqual({ error: 'Unauthorized' });
		expect((await env.api.get('/bots')).status).toBe(200);
		expect(() => env.sb.control.revokeKey('sk-ffff')).toThrow('Key not found');
	});

	it('ignores Worken-Organization / Worken-Project / Worken-User headers', async () => {
		const other = env.sb.control.createProject({ name: 'Other' });
		const otherBot = (await client(env.sb.url, other.key).post('/bots', { name: 'Other bot' })).data;
		const internal = {
			'Worken-Organization': 'org_1',
			'Worken-Project': other.projectId,
			'Worken-User': 'usr_1',
		};
		// With a key: still the key's project, never the header's.
		const withKey = client(env.sb.url, env.key, internal);
		const list = await withKey.get('/bots');
		expect(list.status).toBe(200);
		expect(list.data.map((b: { id: string }) => b.id)).not.toContain(otherBot.id);
		expect((await withKey.get(`/bots/${otherBot.id}`)).status).toBe(404);
		// Without a key: the headers grant nothing.
		const res = await client(env.sb.url, undefined, internal).get('/bots');
		expect(res.status).toBe(401);
	});

	it('hides other projects’ objects behind 404', async () => {
		const other = env.sb.control.createProject();
		const seeded = env.sb.control.seed(other.projectId, {
			bots: 1,
			chatsPerBot: 1,
			threadsPerChat: 1,
			messagesPerThread: 1,
			integrations: 1,
		});
		const [bot] = seeded.botIds;
		const [chat] = seeded.chatIds;
		const [thread] = seeded.threadIds;
		const [integration] = seeded.integrationIds;
		const cases: Array<[string, string, string]> = [
			['get', `/bots/${bot}`, 'Bot not found'],
			['get', `/bots/${bot}/settings`, 'Bot not found'],
			['delete', `/bots/${bot}`, 'Bot not found'],
			['get', `/chats/${chat}`, 'Chat not found'],
			['get', `/chats/${chat}/threads`, 'Chat not found'],
			['get', `/threads/${thread}`, 'Thread not found'],
			['post', `/threads/${thread}/mode`, 'Thread not found'],
			['get', `/integrations/${integration}`, 'Integration not found'],
		];
		for (const [method, path, message] of cases) {
			const res = await env.api.request({ method, url: path, data: method === 'post' ? { mode: 'manual' } : undefined });
			expect({ path, status: res.status, data: res.data }).toEqual({
				path,
				status: 404,
				data: { error: 'Not Found', message },
			});
		}
		expect((await env.api.get('/threads', { params: { chat_id: chat } })).data).toEqual([]);
		expect(env.sb.control.getBot(bot)?.id).toBe(bot);
		expect(env.sb.control.getThread(thread)?.mode).toBe('auto');
		// Another project's bot cannot be used as a reference either.
		const res = await env.api.post('/chats', { name: 'x', bot_id: bot });
		expect(res.status).toBe(404);
		expect(res.data).toEqual({ error: 'Not Found', message: 'Bot not found' });
	});
});
