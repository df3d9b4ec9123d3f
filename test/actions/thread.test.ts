/**
 * Thread resource of the Worken action node, run in n8n-core's engine against the sandbox: for every
 * operation the request the sandbox received and the node's output; local refusals send nothing.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { WorkenCredentialData } from '../helpers/n8n';
import { runActionNode } from '../helpers/n8n';
import type { ActionEnv } from './fixtures';
import { byId, expectReturnAllPaging, fromList, startActionEnv } from './fixtures';

const SIMPLIFIED_KEYS = ['bot_id', 'chat_id', 'id', 'last_message_at', 'message_count', 'mode', 'title'];

let env: ActionEnv;
let sandbox: Sandbox;
let credentials: WorkenCredentialData;
let botIds: string[];
let chatIds: string[];
let threadIds: string[];

function run(parameters: INodeParameters, extra: { items?: Array<Record<string, unknown>>; continueOnFail?: boolean; creds?: WorkenCredentialData } = {}) {
	return runActionNode({
		credentials: extra.creds ?? credentials,
		parameters: { resource: 'thread', ...parameters },
		items: extra.items as never,
		continueOnFail: extra.continueOnFail,
	});
}

const requests = () => sandbox.control.requests();

/** Straight to the API, for setup the control interface does not offer (not logged against the node). */
async function api(method: string, path: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${credentials.apiKey}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
	return await response.json();
}

beforeAll(async () => {
	env = await startActionEnv();
	({ sandbox, credentials } = env);
	const { key } = env;
	const seeded = sandbox.control.seed(key, { bots: 2, chatsPerBot: 2, threadsPerChat: 2 });
	botIds = seeded.botIds;
	chatIds = seeded.chatIds;
	threadIds = seeded.threadIds;
	// One of chat 2's two threads is answered by a human operator, so the mode filter has something to do.
	await api('POST', `/threads/${threadIds[5]}/mode`, { mode: 'manual' });
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => sandbox.control.clearRequests());

describe('Thread → Create', () => {
	it('creates a titled thread in the chosen chat', async () => {
		const { items, error } = await run({
			operation: 'create',
			chatId: byId(chatIds[1]),
			additionalFields: { title: 'Refund for order 42' },
		});
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{ method: 'POST', path: `/chats/${chatIds[1]}/threads`, body: { title: 'Refund for order 42' }, status: 200 },
		]);
		const created = items[0].json;
		expect(created).toEqual(sandbox.control.getThread(String(created.id)));
		expect(created).toMatchObject({ chat_id: chatIds[1], title: 'Refund for order 42', mode: 'auto' });
	});

	it('creates an untitled thread when no title is added (empty body)', async () => {
		const { items } = await run({ operation: 'create', chatId: byId(chatIds[0]) });
		expect(requests()).toMatchObject([{ method: 'POST', path: `/chats/${chatIds[0]}/threads`, body: {} }]);
		expect(items[0].json.title).toBeNull();
	});

	it('refuses an added but empty title before sending anything', async () => {
		const { items, error } = await run({
			operation: 'create',
			chatId: byId(chatIds[0]),
			additionalFields: { title: '   ' },
		});
		expect(items).toEqual([]);
		expect(error?.message).toBe('Title is empty');
		expect(requests()).toEqual([]);
	});

	it('names the chat and its id when the chat does not exist (404)', async () => {
		const { error } = await run({ operation: 'create', chatId: byId('chat_missing') });
		expect(error?.message).toBe('Chat not found (chat ID "chat_missing")');
		expect(error?.httpCode).toBe('404');
		expect(requests()).toMatchObject([{ method: 'POST', path: '/chats/chat_missing/threads', status: 404 }]);
	});
});

describe('Thread → Get', () => {
	it('returns the simplified thread by default', async () => {
		const { items } = await run({ operation: 'get', threadId: byId(threadIds[0]) });
		expect(requests()).toMatchObject([{ method: 'GET', path: `/threads/${threadIds[0]}`, status: 200 }]);
		const stored = sandbox.control.getThread(threadIds[0])!;
		expect(Object.keys(items[0].json).sort()).toEqual(SIMPLIFIED_KEYS);
		for (const key of SIMPLIFIED_KEYS) expect(items[0].json[key]).toEqual(stored[key as keyof typeof stored]);
	});

	it('returns the raw thread with Simplify off', async () => {
		const { items } = await run({ operation: 'get', threadId: byId(threadIds[0]), simplify: false });
		expect(items[0].json).toEqual(sandbox.control.getThread(threadIds[0]));
		expect(items[0].json).toHaveProperty('project_id');
	});

	it('names the thread and its id on a 404', async () => {
		const { error } = await run({ operation: 'get', threadId: byId('thr_gone') });
		expect(error?.message).toBe('Thread not found (thread ID "thr_gone")');
		expect(error?.description).toContain('pick the thread from the list');
	});

	it('refuses an id with spaces from an expression before sending anything', async () => {
		// A literal one is already flagged by the field's own validation in the editor.
		const { error } = await run({ operation: 'get', threadId: byId('={{ "Refund thread" }}') });
		expect(error?.message).toBe('Thread ID "Refund thread" is not a valid ID');
		expect(requests()).toEqual([]);
	});
});

// The second bot's chats (chatIds[2], chatIds[3]): no other test adds or changes their threads.
describe('Thread → Get Many', () => {
	it('lists the threads of one chat', async () => {
		const { items, error } = await run({ operation: 'getAll', scope: 'chat', chatId: byId(chatIds[2]) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{ method: 'GET', path: `/chats/${chatIds[2]}/threads`, query: { limit: '50', offset: '0' } },
		]);
		const expected = threadIds.filter((id) => sandbox.control.getThread(id)?.chat_id === chatIds[2]);
		expect(expected).toHaveLength(2);
		expect(items.map((item) => item.json.id)).toEqual(expected);
		for (const item of items) expect(Object.keys(item.json).sort()).toEqual(SIMPLIFIED_KEYS);
	});

	it.each(['auto', 'manual'])('lists threads across the project filtered by chat, bot and mode %s', async (mode) => {
		const { items } = await run({
			operation: 'getAll',
			scope: 'project',
			filters: { chatId: fromList(chatIds[2]), botId: byId(botIds[1]), mode },
			simplify: false,
		});
		expect(requests()).toMatchObject([
			{
				method: 'GET',
				path: '/threads',
				query: { chat_id: chatIds[2], bot_id: botIds[1], mode, limit: '50', offset: '0' },
			},
		]);
		const expected = threadIds
			.map((id) => sandbox.control.getThread(id)!)
			.filter((t) => t.chat_id === chatIds[2] && t.mode === mode);
		expect(expected).toHaveLength(1);
		expect(items.map((item) => item.json)).toEqual(expected);
	});

	it('lists every thread of the project newest first without filters', async () => {
		const { items } = await run({ operation: 'getAll', scope: 'project', returnAll: true });
		expect(requests()[0].query).toEqual({ limit: '100', offset: '0' });
		const created = items.map((item) => String(item.json.created_at));
		expect(created).toEqual([...created].sort().reverse());
		expect(items.map((item) => item.json.id)).toEqual(expect.arrayContaining(threadIds.slice(4)));
	});

	it('sends no filter the user did not add', async () => {
		const { items } = await run({ operation: 'getAll', scope: 'project', limit: 3 });
		expect(requests()).toMatchObject([{ method: 'GET', path: '/threads' }]);
		expect(requests()[0].query).toEqual({ limit: '3', offset: '0' });
		expect(items).toHaveLength(3);
	});

	it('refuses an invalid mode filter from an expression before sending anything', async () => {
		const { error } = await run({
			operation: 'getAll',
			scope: 'project',
			filters: { mode: '={{ "sometimes" }}' },
		});
		expect(error?.message).toBe('Mode must be one of: auto, manual');
		expect(requests()).toEqual([]);
	});

	describe('pagination over 130 threads', () => {
		let pageCreds: WorkenCredentialData;
		let pageChatId: string;
		let pageThreadIds: string[];
		beforeAll(() => {
			const { key, credentials: other } = env.createProject();
			pageCreds = other;
			const seeded = sandbox.control.seed(key, { bots: 1, chatsPerBot: 1, threadsPerChat: 130 });
			pageChatId = seeded.chatIds[0];
			pageThreadIds = seeded.threadIds;
		});

		it('Return All in one chat reads every page of 100', async () => {
			const { items } = await run(
				{ operation: 'getAll', scope: 'chat', chatId: byId(pageChatId), returnAll: true },
				{ creds: pageCreds },
			);
			expect(new Set(requests().map((r) => r.path))).toEqual(new Set([`/chats/${pageChatId}/threads`]));
			expectReturnAllPaging(requests(), 130);
			expect(items.map((item) => item.json.id)).toEqual(pageThreadIds);
		});

		it('Return All across the project reads every page of 100', async () => {
			const { items } = await run({ operation: 'getAll', scope: 'project', returnAll: true }, { creds: pageCreds });
			expectReturnAllPaging(requests(), 130);
			expect(items.map((item) => item.json.id)).toEqual([...pageThreadIds].reverse());
		});

		it('Limit 120 returns exactly 120 across two pages', async () => {
			const { items } = await run({ operation: 'getAll', scope: 'project', limit: 120 }, { creds: pageCreds });
			expect(requests().map((r) => r.query)).toEqual([
				{ limit: '100', offset: '0' },
				{ limit: '20', offset: '100' },
			]);
			expect(items.map((item) => item.json.id)).toEqual([...pageThreadIds].reverse().slice(0, 120));
		});
	});
});

describe('Thread → Update', () => {
	it('sends the new title and returns the updated thread', async () => {
		const { items } = await run({
			operation: 'update',
			threadId: byId(threadIds[1]),
			updateFields: { title: 'Escalated: billing' },
		});
		expect(requests()).toMatchObject([
			{ method: 'POST', path: `/threads/${threadIds[1]}`, body: { title: 'Escalated: billing' }, status: 200 },
		]);
		expect(items[0].json).toEqual(sandbox.control.getThread(threadIds[1]));
		expect(items[0].json.title).toBe('Escalated: billing');
	});

	it('refuses an empty update before sending anything', async () => {
		const { error } = await run({ operation: 'update', threadId: byId(threadIds[1]), updateFields: {} });
		expect(error?.message).toBe('Update Fields is empty: there is nothing to update');
		expect(error?.description).toContain('Title');
		expect(requests()).toEqual([]);
	});

	it('refuses an empty title before sending anything', async () => {
		const { error } = await run({ operation: 'update', threadId: byId(threadIds[1]), updateFields: { title: '' } });
		expect(error?.message).toBe('Title is empty');
		expect(requests()).toEqual([]);
	});

	it('passes a 400 from Worken on with its status', async () => {
		sandbox.control.injectFaults({ count: 1, status: 400, method: 'POST', pathPrefix: `/threads/${threadIds[1]}` });
		const { error } = await run({
			operation: 'update',
			threadId: byId(threadIds[1]),
			updateFields: { title: 'Rejected' },
		});
		expect(error?.message).toBe('Worken did not accept the request: Bad Request');
		expect(error?.httpCode).toBe('400');
		// Not repeated: a 400 will not go away by sending the same thing again.
		expect(requests()).toMatchObject([{ method: 'POST', status: 400 }]);
		expect(sandbox.control.getThread(threadIds[1])?.title).toBe('Escalated: billing');
	});
});

describe('Thread → Set Mode', () => {
	it('hands a thread to a human operator and back to the bot', async () => {
		const manual = await run({ operation: 'setMode', threadId: byId(threadIds[2]), mode: 'manual' });
		expect(manual.items[0].json).toMatchObject({ id: threadIds[2], mode: 'manual' });
		const auto = await run({ operation: 'setMode', threadId: byId(threadIds[2]), mode: 'auto' });
		expect(auto.items[0].json).toEqual(sandbox.control.getThread(threadIds[2]));
		expect(auto.items[0].json.mode).toBe('auto');
		expect(requests()).toMatchObject([
			{ method: 'POST', path: `/threads/${threadIds[2]}/mode`, body: { mode: 'manual' } },
			{ method: 'POST', path: `/threads/${threadIds[2]}/mode`, body: { mode: 'auto' } },
		]);
	});

	it('refuses an unknown mode from an expression before sending anything', async () => {
		const { error } = await run({ operation: 'setMode', threadId: byId(threadIds[2]), mode: '={{ "robot" }}' });
		expect(error?.message).toBe('Mode must be one of: auto, manual');
		expect(requests()).toEqual([]);
	});
});

describe('Thread → Delete', () => {
	it('deletes the thread and says so', async () => {
		const victim = threadIds[3];
		const { items } = await run({ operation: 'delete', threadId: byId(victim) });
		expect(requests()).toMatchObject([{ method: 'DELETE', path: `/threads/${victim}`, status: 204 }]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, id: victim }]);
		expect(sandbox.control.getThread(victim)).toBeUndefined();
	});

	it('names the thread on a 404 and does not pretend it deleted it', async () => {
		const { items, error } = await run({ operation: 'delete', threadId: byId(threadIds[3]) });
		expect(items).toEqual([]);
		expect(error?.message).toBe(`Thread not found (thread ID "${threadIds[3]}")`);
	});
});
