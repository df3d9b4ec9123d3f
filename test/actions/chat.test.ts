/**
 * Chat resource of the Worken action node, run in n8n-core's engine against the sandbox: for every
 * operation the request the sandbox received and the node's output; bad input is refused before anything
 * is sent; lists are paged 100 at a time.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkenCredentialData } from '../helpers/n8n';
import { runActionNode } from '../helpers/n8n';
import type { ActionEnv, TestProject } from './fixtures';
import { byId, expectReturnAllPaging, fromList, sortedPages, startActionEnv } from './fixtures';

let env: ActionEnv;
let botIds: string[];
let chatIds: string[];

function run(parameters: INodeParameters, extra: { items?: IDataObject[]; credentials?: WorkenCredentialData } = {}) {
	return runActionNode({
		credentials: extra.credentials ?? env.credentials,
		parameters: { resource: 'chat', ...parameters },
		items: extra.items,
	});
}

const requests = () => env.requests(env.projectId);

/** A fresh chat (of a fresh bot), so a test can change it without affecting the others. */
function newChat(): string {
	return env.sandbox.control.seed(env.key, { bots: 1, chatsPerBot: 1 }).chatIds[0];
}

beforeAll(async () => {
	env = await startActionEnv();
	({ botIds, chatIds } = env.sandbox.control.seed(env.key, { bots: 2, chatsPerBot: 2 }));
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => env.sandbox.control.clearRequests());

describe('Chat → Create', () => {
	it('sends the name and the bot and returns the created chat', async () => {
		const { items, error } = await run({ operation: 'create', name: 'Website Chat', botId: fromList(botIds[1]) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{ method: 'POST', path: '/chats', query: {}, body: { name: 'Website Chat', bot_id: botIds[1] } },
		]);
		const created = items[0].json;
		expect(created).toEqual(env.sandbox.control.getChat(String(created.id)));
		expect(created).toMatchObject({ name: 'Website Chat', bot_id: botIds[1] });
	});

	it('refuses a name an expression leaves empty before sending anything', async () => {
		// A literally empty one is already stopped by n8n as a missing required parameter.
		const { error } = await run(
			{ operation: 'create', name: '={{ $json.title }}', botId: byId(botIds[0]) },
			{ items: [{ title: ' ' }] },
		);
		expect(error?.message).toBe('Name is empty');
		expect(requests()).toEqual([]);
	});

	it('refuses a bot ID with spaces from an expression before sending anything', async () => {
		const { error } = await run({ operation: 'create', name: 'X', botId: byId('={{ "Bot 1" }}') });
		expect(error?.message).toBe('Bot ID "Bot 1" is not a valid ID');
		expect(requests()).toEqual([]);
	});

	it('says the bot was not found when it does not exist', async () => {
		const { error } = await run({ operation: 'create', name: 'X', botId: byId('bot_missing') });
		expect(error?.message).toBe('Bot not found');
		expect(error?.httpCode).toBe('404');
		expect(requests()).toMatchObject([{ method: 'POST', path: '/chats', status: 404 }]);
	});
});

describe('Chat → Get', () => {
	it('gets a chat by ID', async () => {
		const { items, error } = await run({ operation: 'get', chatId: byId(chatIds[2]) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'GET', path: `/chats/${chatIds[2]}`, query: {}, body: null }]);
		expect(items.map((item) => item.json)).toEqual([env.sandbox.control.getChat(chatIds[2])]);
	});

	it('names the chat and its ID on a 404', async () => {
		const { error } = await run({ operation: 'get', chatId: byId('chat_missing') });
		expect(error?.message).toBe('Chat not found (chat ID "chat_missing")');
		expect(error?.httpCode).toBe('404');
	});
});

describe('Chat → Get Many', () => {
	// No test adds chats to the first bot or moves them away.
	it('filters by bot', async () => {
		const { items, error } = await run({ operation: 'getAll', returnAll: true, filters: { botId: byId(botIds[0]) } });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{ method: 'GET', path: '/chats', query: { bot_id: botIds[0], limit: '100', offset: '0' } },
		]);
		expect(items.map((item) => item.json)).toEqual(chatIds.slice(0, 2).map((id) => env.sandbox.control.getChat(id)));
	});

	it('sends no bot filter when none is added', async () => {
		const { items } = await run({ operation: 'getAll', limit: 3 });
		expect(requests()).toMatchObject([{ method: 'GET', path: '/chats', query: { limit: '3', offset: '0' } }]);
		expect(Object.keys(requests()[0].query).sort()).toEqual(['limit', 'offset']);
		expect(items.map((item) => item.json.id)).toEqual(chatIds.slice(0, 3));
	});

	describe('over more than 100 chats', () => {
		let project: TestProject;
		let ids: string[];
		let botId: string;

		beforeAll(() => {
			project = env.createProject();
			const seeded = env.sandbox.control.seed(project.key, { bots: 1, chatsPerBot: 120 });
			ids = seeded.chatIds;
			botId = seeded.botIds[0];
		});

		it('Return All returns every chat, each once, in pages of 100', async () => {
			const { items } = await run(
				{ operation: 'getAll', returnAll: true, filters: { botId: byId(botId) } },
				{ credentials: project.credentials },
			);
			expect(items.map((item) => item.json.id)).toEqual(ids);
			expect(new Set(items.map((item) => item.json.id)).size).toBe(120);
			const sent = env.requests(project.projectId);
			expectReturnAllPaging(sent, 120);
			expect(sent.every((entry) => entry.query.bot_id === botId)).toBe(true);
		});

		it('Limit across pages returns exactly Limit chats', async () => {
			const { items } = await run({ operation: 'getAll', limit: 101 }, { credentials: project.credentials });
			expect(items.map((item) => item.json.id)).toEqual(ids.slice(0, 101));
			expect(sortedPages(env.requests(project.projectId))).toEqual([
				[100, 0],
				[1, 100],
			]);
		});
	});
});

describe('Chat → Update', () => {
	it('renames the chat and moves it to another bot', async () => {
		const chatId = newChat();
		const { items, error } = await run({
			operation: 'update',
			chatId: byId(chatId),
			updateFields: { name: 'Moved', botId: byId(botIds[1]) },
		});
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{ method: 'POST', path: `/chats/${chatId}`, body: { name: 'Moved', bot_id: botIds[1] } },
		]);
		expect(items[0].json).toEqual(env.sandbox.control.getChat(chatId));
		expect(items[0].json).toMatchObject({ name: 'Moved', bot_id: botIds[1] });
	});

	it('sends only the name when only the name is added', async () => {
		const chatId = newChat();
		await run({ operation: 'update', chatId: byId(chatId), updateFields: { name: 'Only renamed' } });
		expect(requests().map((entry) => entry.body)).toEqual([{ name: 'Only renamed' }]);
	});

	it('refuses an update without fields before sending anything', async () => {
		const { error } = await run({ operation: 'update', chatId: byId(chatIds[0]), updateFields: {} });
		expect(error?.message).toBe('Update Fields is empty');
		expect(requests()).toEqual([]);
	});

	it('refuses an added but empty bot before sending anything', async () => {
		const { error } = await run({
			operation: 'update',
			chatId: byId(chatIds[0]),
			updateFields: { botId: byId('={{ "" }}') },
		});
		expect(error?.message).toBe('Bot ID is empty');
		expect(requests()).toEqual([]);
	});
});

describe('Chat → Delete', () => {
	it('deletes the chat with its threads and returns {deleted: true, id}', async () => {
		const seeded = env.sandbox.control.seed(env.key, { bots: 1, chatsPerBot: 1, threadsPerChat: 1 });
		const [chatId] = seeded.chatIds;
		env.sandbox.control.clearRequests();

		const { items, error } = await run({ operation: 'delete', chatId: byId(chatId) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'DELETE', path: `/chats/${chatId}`, status: 204 }]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, id: chatId }]);
		expect(env.sandbox.control.getChat(chatId)).toBeUndefined();
		expect(env.sandbox.control.getThread(seeded.threadIds[0])).toBeUndefined();
	});
});
