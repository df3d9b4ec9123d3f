import { parseDeviations } from '../../sandbox';
import { client, startEnv, TestEnv } from './helpers';

describe('sandbox deviations (answers that depart from the contract on purpose)', () => {
	let env: TestEnv;
	beforeEach(async () => {
		env = await startEnv();
		env.sb.control.seed(env.key, { bots: 2, chatsPerBot: 1, threadsPerChat: 1 });
	});
	afterEach(() => env.sb.close());

	it('answers as the contract says while none is switched on', async () => {
		expect(env.sb.control.deviations()).toEqual([]);
		const bots = await env.api.get('/bots');
		expect(Array.isArray(bots.data)).toBe(true);
		expect(bots.data[0]).toHaveProperty('name');
		expect((await env.api.post('/bots', { name: 'B' })).status).toBe(200);
		expect(Object.keys((await env.api.get('/threads?cursor=')).data).sort()).toEqual(['data', 'next_cursor']);
	});

	it('wrap-lists: every offset list comes as {data:[…]}, objects stay as they are', async () => {
		env.sb.control.setDeviations(['wrap-lists']);
		const bots = await env.api.get('/bots');
		expect(Object.keys(bots.data)).toEqual(['data']);
		expect(bots.data.data).toHaveLength(2);
		expect((await env.api.get('/chats')).data.data).toHaveLength(2);
		const botId = bots.data.data[0].id as string;
		expect((await env.api.get(`/bots/${botId}`)).data).toHaveProperty('id', botId);
	});

	it('camel-cursor: the feed carries nextCursor instead of next_cursor', async () => {
		env.sb.control.setDeviations(['camel-cursor']);
		const feed = await env.api.get('/threads?cursor=');
		expect(Object.keys(feed.data).sort()).toEqual(['data', 'nextCursor']);
		expect(typeof feed.data.nextCursor).toBe('string');
	});

	it('create-201: creates answer 201, updates and reads 200, deletes 204', async () => {
		env.sb.control.setDeviations(['create-201']);
		const bot = await env.api.post('/bots', { name: 'Created' });
		expect(bot.status).toBe(201);
		expect((await env.api.post(`/bots/${bot.data.id}`, { name: 'Renamed' })).status).toBe(200);
		expect((await env.api.post(`/bots/${bot.data.id}/clone`)).status).toBe(201);
		const chat = await env.api.post('/chats', { name: 'C', bot_id: bot.data.id });
		expect(chat.status).toBe(201);
		expect((await env.api.post(`/chats/${chat.data.id}/threads`, {})).status).toBe(201);
		expect((await env.api.get('/bots')).status).toBe(200);
		expect((await env.api.delete(`/bots/${bot.data.id}`)).status).toBe(204);
	});

	it('bot-title: bots carry title instead of name; the stored bot and other objects are unchanged', async () => {
		env.sb.control.setDeviations(['bot-title']);
		const bots = (await env.api.get('/bots')).data as Array<Record<string, unknown>>;
		expect(bots[0]).not.toHaveProperty('name');
		expect(bots[0].title).toBe('Bot 1');
		expect((await env.api.get(`/bots/${bots[0].id}`)).data).toMatchObject({ title: 'Bot 1' });
		expect(env.sb.control.getBot(bots[0].id as string)).toMatchObject({ name: 'Bot 1' });
		expect((await env.api.get('/chats')).data[0]).toHaveProperty('name');
	});

	it('is switched over HTTP under /__sandbox/deviations, checked, and cleared by reset', async () => {
		const control = client(env.sb.url);
		const set = await control.post('/__sandbox/deviations', { deviations: ['wrap-lists', 'create-201'] });
		expect(set.status).toBe(200);
		expect(set.data).toEqual({ deviations: ['wrap-lists', 'create-201'] });
		expect((await control.get('/__sandbox/deviations')).data).toEqual({ deviations: ['wrap-lists', 'create-201'] });
		expect((await env.api.get('/bots')).data).toHaveProperty('data');

		const unknown = await control.post('/__sandbox/deviations', { deviations: ['lists'] });
		expect(unknown.status).toBe(400);
		expect(unknown.data.message).toMatch(/unknown deviation lists; use wrap-lists, camel-cursor, create-201, bot-title or all/);

		expect((await control.delete('/__sandbox/deviations')).data).toEqual({ deviations: [] });
		expect(Array.isArray((await env.api.get('/bots')).data)).toBe(true);

		env.sb.control.setDeviations(['all' as never]);
		expect(env.sb.control.deviations()).toHaveLength(4);
		env.sb.control.reset();
		expect(env.sb.control.deviations()).toEqual([]);
	});

	it('reads the CLI form: comma-separated names or all', () => {
		expect(parseDeviations('wrap-lists, bot-title')).toEqual(['wrap-lists', 'bot-title']);
		expect(parseDeviations('all')).toEqual(['wrap-lists', 'camel-cursor', 'create-201', 'bot-title']);
		expect(() => parseDeviations('wrap')).toThrow(/unknown deviation wrap/);
	});
});
