import { startEnv, TestEnv } from './helpers';

const BOT_KEYS = ['created_at', 'description', 'id', 'name', 'project_id', 'status', 'updated_at'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('sandbox bots', () => {
	let env: TestEnv;
	beforeAll(async () => {
		env = await startEnv();
	});
	afterAll(() => env.sb.close());

	it('creates a bot with 200 (not 201) and the contract’s exact shape', async () => {
		const res = await env.api.post('/bots', { name: 'Support', unknown_field: 'ignored' });
		expect(res.status).toBe(200);
		expect(Object.keys(res.data).sort()).toEqual(BOT_KEYS);
		expect(res.data).toMatchObject({ name: 'Support', description: null, status: 'active', project_id: env.projectId });
		expect(res.data.id).toMatch(/^bot_[0-9a-f]+$/);
		expect(res.data.created_at).toMatch(ISO);
		expect((await env.api.get(`/bots/${res.data.id}`)).data).toEqual(res.data);
	});

	it.each([
		['missing name', {}],
		['empty name', { name: '' }],
		['blank name', { name: '   ' }],
		['non-string name', { name: 42 }],
	])('rejects %s with 400 naming the field', async (_label, body) => {
		const res = await env.api.post('/bots', body);
		expect(res.status).toBe(400);
		expect(res.data.error).toBe('Bad Request');
		expect(res.data.message).toMatch(/^name /);
	});

	it('rejects a non-JSON or non-object body with 400', async () => {
		// transformRequest keeps axios from JSON-encoding the string.
		const bad = await env.api.post('/bots', '{"name": ', {
			headers: { 'Content-Type': 'application/json' },
			transformRequest: [(d: unknown) => d],
		});
		expect(bad.status).toBe(400);
		expect(bad.data).toEqual({ error: 'Bad Request', message: 'Request body must be valid JSON' });
		const arr = await env.api.post('/bots', [{ name: 'x' }]);
		expect(arr.status).toBe(400);
		expect(arr.data.message).toBe('Request body must be a JSON object');
	});

	it('answers 404 "Bot not found" for an unknown id', async () => {
		const res = await env.api.get('/bots/bot_doesnotexist');
		expect(res.status).toBe(404);
		expect(res.data).toEqual({ error: 'Not Found', message: 'Bot not found' });
	});

	it('updates with POST and with PATCH (partial bodies), bumping updated_at', async () => {
		const bot = (await env.api.post('/bots', { name: 'Old' })).data;
		const viaPost = await env.api.post(`/bots/${bot.id}`, { description: 'Handles refunds' });
		expect(viaPost.status).toBe(200);
		expect(viaPost.data).toMatchObject({ name: 'Old', description: 'Handles refunds' });
		expect(viaPost.data.updated_at > bot.updated_at).toBe(true);
		const viaPatch = await env.api.patch(`/bots/${bot.id}`, { name: 'New' });
		expect(viaPatch.status).toBe(200);
		expect(viaPatch.data).toMatchObject({ name: 'New', description: 'Handles refunds' });
		expect(viaPatch.data.updated_at > viaPost.data.updated_at).toBe(true);
		expect((await env.api.post(`/bots/${bot.id}`, { name: '' })).status).toBe(400);
		expect((await env.api.post(`/bots/${bot.id}`, { description: 5 })).data.message).toMatch(/^description /);
		expect((await env.api.post('/bots/bot_nope', { name: 'x' })).status).toBe(404);
	});

	it('changes status and validates it', async () => {
		const bot = (await env.api.post('/bots', { name: 'S' })).data;
		const res = await env.api.post(`/bots/${bot.id}/status`, { status: 'disabled' });
		expect(res.status).toBe(200);
		expect(res.data.status).toBe('disabled');
		expect(Object.keys(res.data).sort()).toEqual(BOT_KEYS);
		for (const body of [{ status: 'paused' }, {}]) {
			const bad = await env.api.post(`/bots/${bot.id}/status`, body);
			expect(bad.status).toBe(400);
			expect(bad.data.message).toBe('status must be one of active, disabled, error');
		}
	});

	it('gives every new bot full default settings', async () => {
		const bot = (await env.api.post('/bots', { name: 'Settings' })).data;
		const res = await env.api.get(`/bots/${bot.id}/settings`);
		expect(res.status).toBe(200);
		expect(res.data).toEqual({
			ai: {
				instruction: expect.any(String),
				model: {
					id: 'gpt-4o-mini',
					temperature: 0.7,
					max_tokens: 1024,
					top_p: 1,
					frequency_penalty: 0,
					presence_penalty: 0,
				},
				memory: {
					lastMessages: expect.any(Number),
					semanticRecall: expect.any(Boolean),
					workingMemory: { enabled: expect.any(Boolean) },
					generateTitle: expect.any(Boolean),
				},
				formatting: { removeEmojis: false, removeMarkdown: false },
				tools: {},
			},
		});
	});

	it('deep-merges partial settings and returns the full settings', async () => {
		const bot = (await env.api.post('/bots', { name: 'Merge' })).data;
		const before = (await env.api.get(`/bots/${bot.id}/settings`)).data;
		const res = await env.api.post(`/bots/${bot.id}/settings`, {
			ai: {
				model: { temperature: 1.2 },
				memory: { workingMemory: { enabled: true } },
				tools: { search: 'auto', refund: 'operator_approve' },
				unknown: 'ignored',
			},
		});
		expect(res.status).toBe(200);
		expect(res.data.ai.model).toEqual({ ...before.ai.model, temperature: 1.2 });
		expect(res.data.ai.memory).toEqual({ ...before.ai.memory, workingMemory: { enabled: true } });
		expect(res.data.ai.instruction).toBe(before.ai.instruction);
		expect(res.data.ai.tools).toEqual({ search: 'auto', refund: 'operator_approve' });
		expect(res.data.ai).not.toHaveProperty('unknown');
		const notObject = await env.api.post(`/bots/${bot.id}/settings`, { ai: 'nope' });
		expect(notObject.data).toEqual({ error: 'Bad Request', message: 'ai must be an object' });
		// Tools merge by name; null removes one.
		const again = await env.api.patch(`/bots/${bot.id}/settings`, { ai: { tools: { refund: null, faq: 'user_approve' } } });
		expect(again.data.ai.tools).toEqual({ search: 'auto', faq: 'user_approve' });
		expect((await env.api.get(`/bots/${bot.id}/settings`)).data).toEqual(again.data);
	});

	it.each([
		[{ ai: { model: { temperature: 2.5 } } }, 'ai.model.temperature must be a number between 0 and 2'],
		[{ ai: { model: { temperature: -0.1 } } }, 'ai.model.temperature must be a number between 0 and 2'],
		[{ ai: { model: { max_tokens: 0 } } }, 'ai.model.max_tokens must be a positive integer'],
		[{ ai: { model: { max_tokens: 1.5 } } }, 'ai.model.max_tokens must be a positive integer'],
		[{ ai: { model: { top_p: 1.1 } } }, 'ai.model.top_p must be a number between 0 and 1'],
		[{ ai: { model: { frequency_penalty: -2.1 } } }, 'ai.model.frequency_penalty must be a number between -2 and 2'],
		[{ ai: { model: { presence_penalty: 3 } } }, 'ai.model.presence_penalty must be a number between -2 and 2'],
		[{ ai: { tools: { search: 'always' } } }, 'ai.tools.search must be one of user_approve, operator_approve, auto'],
		[{ ai: { memory: { semanticRecall: 'yes' } } }, 'ai.memory.semanticRecall must be a boolean'],
		[{ ai: { model: 'gpt-4o' } }, 'ai.model must be an object'],
	])('rejects invalid settings %j without changing anything', async (body, message) => {
		const bot = (await env.api.post('/bots', { name: 'Invalid settings' })).data;
		const before = (await env.api.get(`/bots/${bot.id}/settings`)).data;
		// The valid part of the body must not be applied either.
		const res = await env.api.post(`/bots/${bot.id}/settings`, { ai: { instruction: 'changed', ...body.ai } });
		expect(res.status).toBe(400);
		expect(res.data).toEqual({ error: 'Bad Request', message });
		expect((await env.api.get(`/bots/${bot.id}/settings`)).data).toEqual(before);
	});

	it('clones a bot: new id, "(copy)" name, same but independent settings', async () => {
		const bot = (await env.api.post('/bots', { name: 'Original', description: 'd' })).data;
		await env.api.post(`/bots/${bot.id}/settings`, { ai: { instruction: 'Be brief', model: { max_tokens: 64 } } });
		const clone = await env.api.post(`/bots/${bot.id}/clone`);
		expect(clone.status).toBe(200);
		expect(clone.data.id).not.toBe(bot.id);
		expect(clone.data).toMatchObject({ name: 'Original (copy)', description: 'd', project_id: env.projectId });
		const original = (await env.api.get(`/bots/${bot.id}/settings`)).data;
		expect((await env.api.get(`/bots/${clone.data.id}/settings`)).data).toEqual(original);
		await env.api.post(`/bots/${clone.data.id}/settings`, { ai: { instruction: 'Other' } });
		expect((await env.api.get(`/bots/${bot.id}/settings`)).data.ai.instruction).toBe('Be brief');
		expect((await env.api.post('/bots/bot_nope/clone')).status).toBe(404);
	});

	it('deletes with 204 and no body, cascading to chats/threads/messages and detaching integrations', async () => {
		const seeded = env.sb.control.seed(env.projectId, {
			bots: 2,
			chatsPerBot: 2,
			threadsPerChat: 2,
			messagesPerThread: 2,
			integrations: 2,
		});
		const [doomed, survivor] = seeded.botIds;
		const res = await env.api.delete(`/bots/${doomed}`);
		expect(res.status).toBe(204);
		expect(res.data).toBe('');
		expect(res.headers['content-type']).toBeUndefined();
		expect((await env.api.get(`/bots/${doomed}`)).status).toBe(404);
		expect((await env.api.get(`/bots/${doomed}/settings`)).status).toBe(404);
		expect((await env.api.delete(`/bots/${doomed}`)).status).toBe(404);

		const chats = (await env.api.get('/chats', { params: { limit: 100 } })).data as Array<{ id: string; bot_id: string }>;
		expect(chats.some((c) => c.bot_id === doomed)).toBe(false);
		expect(chats.filter((c) => c.bot_id === survivor)).toHaveLength(2);
		const doomedThreads = seeded.threadIds.slice(0, 4);
		for (const id of doomedThreads) {
			expect((await env.api.get(`/threads/${id}`)).status).toBe(404);
			expect(env.sb.control.listMessages(id)).toBeUndefined();
		}
		expect((await env.api.get(`/threads/${seeded.threadIds[4]}`)).status).toBe(200);

		const [i1, i2] = seeded.integrationIds;
		expect((await env.api.get(`/integrations/${i1}`)).data.bot_id).toBeNull();
		expect((await env.api.get(`/integrations/${i2}`)).data.bot_id).toBe(survivor);
	});

	it('lists bots in creation order as a bare array', async () => {
		const res = await env.api.get('/bots', { params: { limit: 100 } });
		expect(Array.isArray(res.data)).toBe(true);
		const created = res.data.map((b: { created_at: string }) => b.created_at);
		expect([...created].sort()).toEqual(created);
	});
});
