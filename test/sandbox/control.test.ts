import { spawn } from 'node:child_process';
import path from 'node:path';
import { AxiosInstance } from 'axios';
import { client, startEnv, TestEnv } from './helpers';

describe('sandbox request log', () => {
	let env: TestEnv;
	beforeEach(async () => {
		env = await startEnv();
	});
	afterEach(() => env.sb.close());

	it('records every public request with redacted auth and no control calls', async () => {
		await env.api.post('/bots?verbose=1&verbose=2', { name: 'Logged' }, { headers: { 'X-Trace': 'abc' } });
		await client(env.sb.url).get('/bots');
		await client(env.sb.url).get('/__sandbox/health');
		const log = env.sb.control.requests();
		expect(log).toHaveLength(2);
		expect(log[0]).toEqual({
			method: 'POST',
			path: '/bots',
			query: { verbose: '1' },
			headers: expect.objectContaining({
				authorization: 'Bearer <redacted>',
				'content-type': 'application/json',
				'x-trace': 'abc',
			}),
			body: { name: 'Logged' },
			status: 200,
			projectId: env.projectId,
			at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		});
		expect(Object.keys(log[0].headers).every((h) => h === h.toLowerCase())).toBe(true);
		expect(log[1]).toMatchObject({ method: 'GET', path: '/bots', status: 401, projectId: null, body: null });
		expect(log[1].headers).not.toHaveProperty('authorization');
	});

	it('never stores a key, wherever a client puts it', async () => {
		const revoked = env.sb.control.createKey(env.projectId);
		env.sb.control.revokeKey(revoked);
		await env.api.get('/bots', { params: { api_key: env.key } });
		await env.api.post('/bots', { name: `leak ${env.key}` }, { headers: { 'X-Api-Key': env.key } });
		await client(env.sb.url, revoked).get('/bots');
		await client(env.sb.url, undefined, { Authorization: env.key }).get('/bots');
		const log = env.sb.control.requests();
		expect(log).toHaveLength(4);
		const text = JSON.stringify(log);
		expect(text).not.toContain(env.key.slice(3));
		expect(text).not.toContain(revoked.slice(3));
		expect(log.every((r) => r.headers.authorization === 'Bearer <redacted>')).toBe(true);
	});

	it('logs a non-JSON body as text, and clears', async () => {
		await env.api.post('/bots', 'name=x', {
			headers: { 'Content-Type': 'text/plain' },
			transformRequest: [(d: unknown) => d],
		});
		expect(env.sb.control.requests()[0]).toMatchObject({ body: 'name=x', status: 400 });
		env.sb.control.clearRequests();
		expect(env.sb.control.requests()).toEqual([]);
	});

	it('returns copies that callers cannot change', async () => {
		await env.api.get('/bots');
		env.sb.control.requests()[0].status = 999;
		expect(env.sb.control.requests()[0].status).toBe(200);
	});
});

describe('sandbox control over HTTP', () => {
	let env: TestEnv;
	let ctl: AxiosInstance;
	beforeAll(async () => {
		env = await startEnv();
		ctl = client(`${env.sb.url}/__sandbox`);
	});
	afterAll(() => env.sb.close());

	it('drives a whole scenario from another process’s point of view', async () => {
		expect((await ctl.get('/health')).data).toEqual({ ok: true });

		const key = `sk-${'ab'.repeat(16)}`;
		const created = await ctl.post('/projects', { name: 'Remote', plan: 'starter', key, balance: 5 });
		expect(created.status).toBe(200);
		expect(created.data).toEqual({ projectId: expect.stringMatching(/^prj_/), key });
		const { projectId } = created.data;
		expect((await ctl.get(`/projects/${projectId}`)).data).toMatchObject({ name: 'Remote', plan: 'starter', balance: 5 });
		expect((await ctl.post('/projects', { key })).status).toBe(409);
		expect((await ctl.post('/projects', { key: 'not-a-key' })).status).toBe(400);
		expect((await ctl.post('/projects', { plan: 'gold' })).data.message).toBe('plan must be one of free, starter, pro, enterprise');

		const api = client(env.sb.url, key);
		expect((await api.get('/billing')).data.plan).toBe('starter');
		expect((await ctl.post(`/projects/${projectId}/plan`, { plan: 'pro' })).data).toEqual({ ok: true });
		expect((await api.get('/billing')).data.plan).toBe('pro');

		const seeded = (await ctl.post('/seed', { project: key, bots: 2, chatsPerBot: 1, threadsPerChat: 2, messagesPerThread: 3, integrations: 2, usageDays: 3 })).data;
		expect(seeded.botIds).toHaveLength(2);
		expect(seeded.threadIds).toHaveLength(4);
		expect(seeded.integrationIds).toHaveLength(2);
		expect((await api.get('/bots')).data.map((b: { name: string }) => b.name)).toEqual(['Bot 1', 'Bot 2']);
		expect((await api.get('/billing/usage', { params: { limit: 100 } })).data).toHaveLength(6);

		const thread = seeded.threadIds[0];
		const message = await ctl.post(`/threads/${thread}/messages`, { role: 'user', content: 'from WhatsApp' });
		expect(message.data).toMatchObject({ role: 'user', content: 'from WhatsApp', thread_id: thread });
		expect((await ctl.get(`/threads/${thread}`)).data.message_count).toBe(4);
		expect((await ctl.get(`/threads/${thread}/messages`)).data).toHaveLength(4);
		expect((await ctl.get(`/bots/${seeded.botIds[0]}`)).data.name).toBe('Bot 1');
		expect((await ctl.get(`/bots/${seeded.botIds[0]}/settings`)).data.ai.model.id).toBe('gpt-4o-mini');
		expect((await ctl.get(`/chats/${seeded.chatIds[0]}`)).data.name).toBe('Chat 1.1');
		expect((await ctl.get(`/integrations/${seeded.integrationIds[0]}`)).data.type).toBe('telegram');
		expect((await ctl.get('/threads/thr_nope')).data).toEqual({ error: 'Not Found', message: 'Thread not found' });

		expect((await ctl.post('/faults', { count: 1, status: 503, pathPrefix: '/bots' })).data).toEqual({ ok: true, pending: 1 });
		expect((await ctl.get('/faults')).data).toEqual([{ count: 1, status: 503, pathPrefix: '/bots' }]);
		expect((await api.get('/bots')).status).toBe(503);
		await ctl.post('/faults', { count: 5, status: 500 });
		expect((await ctl.delete('/faults')).data).toEqual({ ok: true });
		expect((await api.get('/bots')).status).toBe(200);
		expect((await ctl.post('/faults', { count: 1 })).status).toBe(400);

		const log = (await ctl.get('/requests')).data;
		expect(log.length).toBeGreaterThan(3);
		expect(JSON.stringify(log)).not.toContain(key.slice(3));
		await ctl.delete('/requests');
		expect((await ctl.get('/requests')).data).toEqual([]);

		const second = (await ctl.post(`/projects/${projectId}/keys`)).data.key;
		expect(second).toMatch(/^sk-[0-9a-f]{32}$/);
		expect((await client(env.sb.url, second).get('/bots')).status).toBe(200);
		expect((await ctl.post('/keys/revoke', { key: second })).data).toEqual({ ok: true });
		expect((await client(env.sb.url, second).get('/bots')).status).toBe(401);

		expect((await ctl.post('/reset')).data).toEqual({ ok: true });
		expect((await api.get('/bots')).status).toBe(401);
		expect((await ctl.get(`/projects/${projectId}`)).status).toBe(404);
	});

	it('answers bad control requests with JSON errors', async () => {
		expect((await ctl.get('/nope')).data).toEqual({ error: 'Not Found', message: 'Route not found' });
		const badJson = await ctl.post('/projects', '{', {
			headers: { 'Content-Type': 'application/json' },
			transformRequest: [(d: unknown) => d],
		});
		expect(badJson.status).toBe(400);
		expect((await ctl.post('/seed', { bots: 1 })).data.message).toBe('project must be a non-empty string');
		expect((await ctl.post('/seed', { project: 'prj_nope' })).status).toBe(404);
		expect((await ctl.post('/threads/thr_nope/messages', { role: 'user', content: 'x' })).status).toBe(404);
		expect((await ctl.get('/projects')).status).toBe(405);
	});
});

describe('sandbox cli', () => {
	it('starts a seeded pro demo project with a fixed key and stops on SIGTERM', async () => {
		const root = path.resolve(__dirname, '../..');
		const key = `sk-${'0f'.repeat(16)}`;
		const child = spawn(
			process.execPath,
			['-r', 'ts-node/register/transpile-only', 'sandbox/cli.ts', '--port', '0', '--key', key],
			{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		try {
			const url = await new Promise<string>((resolve, reject) => {
				let out = '';
				child.stdout.on('data', (d: Buffer) => {
					out += d.toString();
					const match = /listening on (http:\/\/\S+)/.exec(out);
					if (match && out.includes('Ctrl-C')) resolve(match[1]);
				});
				child.stderr.on('data', (d: Buffer) => (out += d.toString()));
				child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
			});
			const api = client(url, key);
			expect((await api.get('/billing')).data.plan).toBe('pro');
			expect((await api.get('/bots')).data.length).toBeGreaterThan(0);
			expect((await api.get('/threads', { params: { cursor: '' } })).data.data.length).toBeGreaterThan(0);
			expect((await client(`${url}/__sandbox`).get('/health')).data).toEqual({ ok: true });
		} finally {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
	});
});
