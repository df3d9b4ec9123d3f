import { startEnv, TestEnv } from './helpers';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('sandbox integrations', () => {
	let env: TestEnv;
	let botId: string;
	beforeAll(async () => {
		env = await startEnv();
		botId = (await env.api.post('/bots', { name: 'Main' })).data.id;
	});
	afterAll(() => env.sb.close());

	it('creates with defaults and the contract’s shape', async () => {
		const res = await env.api.post('/integrations', { type: 'telegram', name: 'TG', bot_id: botId, config: { token: 't' } });
		expect(res.status).toBe(200);
		expect(Object.keys(res.data).sort()).toEqual([
			'bot_id',
			'config',
			'created_at',
			'id',
			'name',
			'status',
			'type',
			'updated_at',
		]);
		expect(res.data).toMatchObject({ type: 'telegram', name: 'TG', bot_id: botId, status: 'active', config: { token: 't' } });
		expect(res.data.id).toMatch(/^int_[0-9a-f]+$/);
		const bare = await env.api.post('/integrations', { type: 'webhook', name: 'Hook' });
		expect(bare.data).toMatchObject({ bot_id: null, config: {} });
		expect((await env.api.get(`/integrations/${res.data.id}`)).data).toEqual(res.data);
	});

	it.each([
		[{ name: 'x' }, 400, 'type must be a non-empty string'],
		[{ type: 'telegram' }, 400, 'name must be a non-empty string'],
		[{ type: 'telegram', name: 'x', config: [] }, 400, 'config must be an object'],
		[{ type: 'telegram', name: 'x', bot_id: 5 }, 400, 'bot_id must be a non-empty string or null'],
		[{ type: 'telegram', name: 'x', bot_id: 'bot_nope' }, 404, 'Bot not found'],
	])('rejects %j', async (body, status, message) => {
		const res = await env.api.post('/integrations', body);
		expect(res.status).toBe(status);
		expect(res.data.message).toBe(message);
	});

	it('updates (POST and PATCH): config replaced, bot detached, status validated', async () => {
		const created = (await env.api.post('/integrations', { type: 'whatsapp', name: 'WA', bot_id: botId, config: { a: 1 } })).data;
		const res = await env.api.post(`/integrations/${created.id}`, { name: 'WhatsApp', config: { b: 2 }, status: 'disabled' });
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ name: 'WhatsApp', config: { b: 2 }, status: 'disabled', bot_id: botId, type: 'whatsapp' });
		expect(res.data.updated_at > created.updated_at).toBe(true);
		expect((await env.api.patch(`/integrations/${created.id}`, { bot_id: null })).data.bot_id).toBeNull();
		const bad = await env.api.post(`/integrations/${created.id}`, { status: 'broken' });
		expect(bad.data).toEqual({ error: 'Bad Request', message: 'status must be one of active, disabled, error' });
		expect((await env.api.post('/integrations/int_nope', { name: 'x' })).data).toEqual({
			error: 'Not Found',
			message: 'Integration not found',
		});
	});

	it('keeps any type it is given and any status Worken sets itself', async () => {
		const created = (await env.api.post('/integrations', { type: 'odnoklassniki', name: 'OK' })).data;
		expect(created.type).toBe('odnoklassniki');
		const changed = env.sb.control.setIntegrationStatus(created.id, 'in_setup');
		expect(changed).toMatchObject({ status: 'in_setup', type: 'odnoklassniki' });
		expect(changed.updated_at > created.updated_at).toBe(true);
		expect((await env.api.get(`/integrations/${created.id}`)).data).toEqual(changed);
		expect((await env.api.get('/integrations', { params: { type: 'odnoklassniki' } })).data).toEqual([changed]);
		expect(() => env.sb.control.setIntegrationStatus('int_nope', 'archived')).toThrow('Integration not found');
	});

	it('filters by bot_id and type, deletes with 204', async () => {
		const other = (await env.api.post('/bots', { name: 'Other' })).data.id;
		const a = (await env.api.post('/integrations', { type: 'custom_mcp', name: 'MCP', bot_id: other })).data;
		expect((await env.api.get('/integrations', { params: { bot_id: other } })).data).toEqual([a]);
		const mcp = (await env.api.get('/integrations', { params: { type: 'custom_mcp' } })).data;
		expect(mcp.map((i: { id: string }) => i.id)).toEqual([a.id]);
		const del = await env.api.delete(`/integrations/${a.id}`);
		expect(del.status).toBe(204);
		expect(del.data).toBe('');
		expect((await env.api.get(`/integrations/${a.id}`)).status).toBe(404);
	});
});

describe('sandbox billing', () => {
	let env: TestEnv;
	beforeAll(async () => {
		env = await startEnv({}, { plan: 'starter', balance: 250.5 });
	});
	afterAll(() => env.sb.close());

	it('reports the project’s plan, balance and current period', async () => {
		const res = await env.api.get('/billing');
		expect(res.status).toBe(200);
		expect(res.data).toEqual({
			plan: 'starter',
			balance: 250.5,
			currency: 'RUB',
			period_start: expect.stringMatching(/^\d{4}-\d{2}-01T00:00:00\.000Z$/),
			period_end: expect.stringMatching(/^\d{4}-\d{2}-01T00:00:00\.000Z$/),
		});
		expect(Date.parse(res.data.period_start)).toBeLessThanOrEqual(Date.now());
		expect(Date.parse(res.data.period_end)).toBeGreaterThan(Date.now());
		env.sb.control.setPlan(env.projectId, 'pro');
		expect((await env.api.get('/billing')).data.plan).toBe('pro');
		const other = env.sb.control.createProject();
		expect(env.sb.control.getProject(other.projectId).plan).toBe('enterprise');
	});

	it('lists seeded usage with from/to/bot_id filters and pagination', async () => {
		const { botIds } = env.sb.control.seed(env.projectId, { bots: 2, usageDays: 10 });
		const all = (await env.api.get('/billing/usage', { params: { limit: 100 } })).data;
		expect(all).toHaveLength(20);
		expect(Object.keys(all[0]).sort()).toEqual(['bot_id', 'cost', 'date', 'input_tokens', 'output_tokens', 'requests']);
		const dates = all.map((r: { date: string }) => r.date);
		expect([...dates].sort()).toEqual(dates);
		expect(dates[0]).toBe(daysAgo(9));
		expect(dates[dates.length - 1]).toBe(today());
		for (const r of all) {
			expect(r.requests).toBeGreaterThan(0);
			expect(r.cost).toBeGreaterThan(0);
		}

		const window = (await env.api.get('/billing/usage', { params: { from: daysAgo(4), to: daysAgo(2), limit: 100 } })).data;
		expect(window).toHaveLength(6);
		expect(window.every((r: { date: string }) => r.date >= daysAgo(4) && r.date <= daysAgo(2))).toBe(true);
		const oneBot = (await env.api.get('/billing/usage', { params: { bot_id: botIds[1], limit: 100 } })).data;
		expect(oneBot).toHaveLength(10);
		expect(oneBot.every((r: { bot_id: string }) => r.bot_id === botIds[1])).toBe(true);
		const page2 = (await env.api.get('/billing/usage', { params: { limit: 15, offset: 15 } })).data;
		expect(page2).toEqual(all.slice(15));
	});

	it.each([
		[{ from: '2024-13-01' }, 'from must be a date in YYYY-MM-DD format'],
		[{ from: '2024-02-30' }, 'from must be a date in YYYY-MM-DD format'],
		[{ to: 'yesterday' }, 'to must be a date in YYYY-MM-DD format'],
		[{ to: '2024-01-01T00:00:00Z' }, 'to must be a date in YYYY-MM-DD format'],
		[{ from: '2024-02-02', to: '2024-02-01' }, 'from must not be after to'],
		[{ limit: 0 }, 'limit must be an integer between 1 and 100'],
	])('rejects usage query %j', async (params, message) => {
		const res = await env.api.get('/billing/usage', { params });
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'Bad Request', message });
	});
});
