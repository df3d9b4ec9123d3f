/**
 * Message resource of the Worken action node, run in n8n-core's engine against the sandbox: Get Many,
 * Send as Operator and Send and Get Reply (the SSE stream, live chunk forwarding, a stream that breaks).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { WorkenCredentialData } from '../helpers/n8n';
import { runActionNode } from '../helpers/n8n';
import type { ActionEnv } from './fixtures';
import { byId, expectReturnAllPaging, startActionEnv } from './fixtures';

type Chunk = { type: string; content?: string; metadata: IDataObject };

let env: ActionEnv;
let sandbox: Sandbox;
let credentials: WorkenCredentialData;
let chatIds: string[];
let threadIds: string[];

function run(
	parameters: INodeParameters,
	extra: {
		items?: IDataObject[];
		creds?: WorkenCredentialData;
		onChunk?: (chunk: Chunk) => void;
		mode?: 'manual' | 'trigger';
	} = {},
) {
	return runActionNode({
		credentials: extra.creds ?? credentials,
		parameters: { resource: 'message', ...parameters },
		items: extra.items,
		onChunk: extra.onChunk,
		mode: extra.mode,
	});
}

const requests = () => sandbox.control.requests();
const stored = (threadId: string) => sandbox.control.listMessages(threadId) ?? [];

/** Straight to the API, for setup the control interface does not offer. */
async function setMode(threadId: string, mode: 'auto' | 'manual'): Promise<void> {
	const response = await fetch(`${sandbox.url}/threads/${threadId}/mode`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${credentials.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ mode }),
	});
	if (!response.ok) throw new Error(`set mode → ${response.status}`);
}

beforeAll(async () => {
	env = await startActionEnv();
	({ sandbox, credentials } = env);
	const { key } = env;
	const seeded = sandbox.control.seed(key, { bots: 1, chatsPerBot: 2, threadsPerChat: 4, messagesPerThread: 5 });
	chatIds = seeded.chatIds;
	threadIds = seeded.threadIds;
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => sandbox.control.clearRequests());

describe('Message → Get Many', () => {
	it('finds the chat from the thread, then lists its messages oldest first', async () => {
		const threadId = threadIds[5]; // in the second chat
		const { items, error } = await run({ operation: 'getAll', threadId: byId(threadId) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{ method: 'GET', path: `/threads/${threadId}` },
			{ method: 'GET', path: `/chats/${chatIds[1]}/threads/${threadId}/messages`, query: { limit: '50', offset: '0' } },
		]);
		expect(items.map((item) => item.json)).toEqual(stored(threadId));
		expect(items.map((item) => item.json.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
	});

	it('respects a small Limit', async () => {
		const { items } = await run({ operation: 'getAll', threadId: byId(threadIds[0]), limit: 2 });
		expect(requests()[1].query).toEqual({ limit: '2', offset: '0' });
		expect(items.map((item) => item.json)).toEqual(stored(threadIds[0]).slice(0, 2));
	});

	it('names the thread and its id when it does not exist, and asks for nothing more', async () => {
		const { error } = await run({ operation: 'getAll', threadId: byId('thr_nowhere') });
		expect(error?.message).toBe('Thread not found (thread ID "thr_nowhere")');
		expect(requests()).toMatchObject([{ method: 'GET', path: '/threads/thr_nowhere', status: 404 }]);
	});

	describe('pagination over 230 messages', () => {
		let pageCreds: WorkenCredentialData;
		let longThreadId: string;
		beforeAll(() => {
			const { key, credentials: other } = env.createProject();
			pageCreds = other;
			longThreadId = sandbox.control.seed(key, {
				bots: 1,
				chatsPerBot: 1,
				threadsPerChat: 1,
				messagesPerThread: 230,
			}).threadIds[0];
		});

		it('Return All reads every page of 100', async () => {
			const { items } = await run(
				{ operation: 'getAll', threadId: byId(longThreadId), returnAll: true },
				{ creds: pageCreds },
			);
			expectReturnAllPaging(requests().slice(1), 230);
			expect(items).toHaveLength(230);
			expect(items.map((item) => item.json)).toEqual(stored(longThreadId));
		});

		it('Limit 150 returns exactly 150 across two pages', async () => {
			const { items } = await run({ operation: 'getAll', threadId: byId(longThreadId), limit: 150 }, { creds: pageCreds });
			expect(requests().map((r) => [r.path, r.query])).toEqual([
				[`/threads/${longThreadId}`, {}],
				[expect.stringMatching(/\/messages$/), { limit: '100', offset: '0' }],
				[expect.stringMatching(/\/messages$/), { limit: '50', offset: '100' }],
			]);
			expect(items.map((item) => item.json)).toEqual(stored(longThreadId).slice(0, 150));
		});
	});
});

describe('Message → Send as Operator', () => {
	it('stores an operator message that the bot does not answer', async () => {
		const threadId = threadIds[1];
		const before = stored(threadId).length;
		const { items } = await run({
			operation: 'sendOperator',
			threadId: byId(threadId),
			text: 'Hi, this is Anna from support.',
		});
		expect(requests()).toMatchObject([
			{ method: 'POST', path: `/threads/${threadId}/messages`, body: { text: 'Hi, this is Anna from support.' } },
		]);
		const after = stored(threadId);
		expect(after).toHaveLength(before + 1);
		expect(items[0].json).toEqual(after[after.length - 1]);
		expect(items[0].json).toMatchObject({ role: 'operator', content: 'Hi, this is Anna from support.', thread_id: threadId });
	});

	it('works on a thread in manual mode', async () => {
		const threadId = threadIds[2];
		await setMode(threadId, 'manual');
		const { items, error } = await run({ operation: 'sendOperator', threadId: byId(threadId), text: 'Taking over.' });
		expect(error).toBeUndefined();
		expect(items[0].json.role).toBe('operator');
		await setMode(threadId, 'auto');
	});

	it('refuses empty text before sending anything', async () => {
		const { error } = await run({ operation: 'sendOperator', threadId: byId(threadIds[1]), text: '  ' });
		expect(error?.message).toBe('Text is empty');
		expect(requests()).toEqual([]);
	});
});

describe('Message → Send and Get Reply', () => {
	const streamRequest = (chatId: string, threadId: string, content: string) => ({
		method: 'POST',
		path: `/chats/${chatId}/threads/${threadId}/stream`,
		body: { messages: [{ role: 'user', content }] },
	});

	it('posts the user message to the stream and returns the assembled reply, the stored message and usage', async () => {
		const threadId = threadIds[4];
		const before = stored(threadId);
		const { items, error } = await run({
			operation: 'sendAndWaitReply',
			threadId: byId(threadId),
			content: 'Where is my parcel?',
		});
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{ method: 'GET', path: `/threads/${threadId}` },
			{ ...streamRequest(chatIds[1], threadId, 'Where is my parcel?'), status: 200 },
		]);
		expect(requests()[1].headers.accept).toBe('text/event-stream');

		const after = stored(threadId);
		expect(after).toHaveLength(before.length + 2);
		const [userMessage, assistantMessage] = after.slice(-2);
		expect(userMessage).toMatchObject({ role: 'user', content: 'Where is my parcel?' });
		expect(assistantMessage.role).toBe('assistant');

		const output = items[0].json;
		expect(Object.keys(output).sort()).toEqual(['chatId', 'message', 'reply', 'threadId', 'usage']);
		expect(output).toMatchObject({ threadId, chatId: chatIds[1], message: assistantMessage });
		expect(output.reply).toBe(assistantMessage.content);
		const usage = output.usage as IDataObject;
		expect(Object.keys(usage).sort()).toEqual(['input_tokens', 'output_tokens']);
		expect(usage.input_tokens).toEqual(expect.any(Number));
		// The sandbox counts a token per word of the reply.
		expect(usage.output_tokens).toBe(String(output.reply).split(/\s+/).filter(Boolean).length);
	});

	it('forwards every delta live when the workflow streams, and the deltas make up the reply', async () => {
		const chunks: Chunk[] = [];
		const { items, error } = await run(
			{ operation: 'sendAndWaitReply', threadId: byId(threadIds[3]), content: 'Can I change the delivery address?' },
			{ onChunk: (chunk) => chunks.push(chunk) },
		);
		expect(error).toBeUndefined();
		const types = chunks.map((chunk) => chunk.type);
		expect(types[0]).toBe('begin');
		expect(types[types.length - 1]).toBe('end');
		const deltas = chunks.filter((chunk) => chunk.type === 'item');
		expect(types).toEqual(['begin', ...deltas.map(() => 'item'), 'end']);
		expect(deltas.length).toBeGreaterThan(1);
		expect(deltas.map((chunk) => chunk.content).join('')).toBe(items[0].json.reply);
		expect(items[0].json.reply).toBe((items[0].json.message as IDataObject).content);
		for (const chunk of chunks) expect(chunk.metadata).toMatchObject({ nodeName: 'Worken', itemIndex: 0 });
	});

	it('forwards deltas while the reply is still being written, not after', async () => {
		// A sandbox that pauses between events, so "before the reply is complete" is observable.
		const slow = await startSandbox({ port: 0, streamChunkDelayMs: 20 });
		try {
			const { key } = slow.control.createProject();
			const threadId = slow.control.seed(key, { bots: 1, chatsPerBot: 1, threadsPerChat: 1 }).threadIds[0];
			const storedRoles: string[][] = [];
			const { items } = await run(
				{ operation: 'sendAndWaitReply', threadId: byId(threadId), content: 'Are you typing?' },
				{
					creds: { apiKey: key, baseUrl: slow.url },
					onChunk: (chunk) => {
						if (chunk.type === 'item') storedRoles.push((slow.control.listMessages(threadId) ?? []).map((m) => m.role));
					},
				},
			);
			// The first delta reached the workflow while Worken had stored only the user's message.
			expect(storedRoles[0]).toEqual(['user']);
			expect(slow.control.listMessages(threadId)?.map((m) => m.role)).toEqual(['user', 'assistant']);
			expect(items[0].json.reply).toBe(slow.control.listMessages(threadId)?.[1].content);
		} finally {
			await slow.close();
		}
	});

	it('streams each input item in its own begin…end block, tagged with its item index', async () => {
		const chunks: Chunk[] = [];
		const { items } = await run(
			{ operation: 'sendAndWaitReply', threadId: byId('={{ $json.threadId }}'), content: '={{ $json.text }}' },
			{
				items: [
					{ threadId: threadIds[6], text: 'First question' },
					{ threadId: threadIds[7], text: 'Second question' },
				],
				onChunk: (chunk) => chunks.push(chunk),
			},
		);
		expect(items).toHaveLength(2);
		for (const itemIndex of [0, 1]) {
			const own = chunks.filter((chunk) => chunk.metadata.itemIndex === itemIndex);
			expect(own[0].type).toBe('begin');
			expect(own[own.length - 1].type).toBe('end');
			const text = own.filter((chunk) => chunk.type === 'item').map((chunk) => chunk.content).join('');
			expect(text).toBe(items[itemIndex].json.reply);
		}
		// Item 0 finishes before item 1 begins.
		expect(chunks.findIndex((chunk) => chunk.metadata.itemIndex === 1)).toBe(
			chunks.findIndex((chunk) => chunk.type === 'end') + 1,
		);
		expect(items[1].json.reply).toContain('Second question');
	});

	it('sends no chunks when the workflow does not stream its response', async () => {
		const chunks: Chunk[] = [];
		// A handler is registered, but a trigger-mode execution does not stream: isStreaming() is false.
		const { items, error } = await run(
			{ operation: 'sendAndWaitReply', threadId: byId(threadIds[3]), content: 'Any news?' },
			{ onChunk: (chunk) => chunks.push(chunk), mode: 'trigger' },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.reply).toBe(stored(threadIds[3]).at(-1)?.content);
		expect(chunks).toEqual([]);
	});

	it('fails clearly when the stream breaks midway, and no reply is stored', async () => {
		const threadId = threadIds[0];
		const before = stored(threadId);
		sandbox.control.injectFaults({ count: 1, afterStreamChunks: 2, pathPrefix: '/chats' });
		const { items, error } = await run({ operation: 'sendAndWaitReply', threadId: byId(threadId), content: 'Hello?' });
		expect(items).toEqual([]);
		expect(error?.message).toBe("The bot's reply from Worken broke off: Model provider failed");
		expect(error?.description).toMatch(/stopped after \d+ characters of the reply/);
		expect(error?.description).toContain(`Your message was stored in thread "${threadId}", but no reply was stored`);
		expect(error?.context?.itemIndex).toBe(0);
		const after = stored(threadId);
		expect(after).toHaveLength(before.length + 1);
		expect(after[after.length - 1]).toMatchObject({ role: 'user', content: 'Hello?' });
		expect(sandbox.control.pendingFaults()).toEqual([]);
	});

	it('when streaming, forwards what arrived and closes the message; n8n then sends the error', async () => {
		const chunks: Chunk[] = [];
		sandbox.control.injectFaults({ count: 1, afterStreamChunks: 2, pathPrefix: '/chats' });
		const { error } = await run(
			{ operation: 'sendAndWaitReply', threadId: byId(threadIds[0]), content: 'Hello again?' },
			{ onChunk: (chunk) => chunks.push(chunk) },
		);
		// begin, the two deltas that arrived, end (ours); then the error chunk n8n sends for any failed node.
		expect(chunks.map((chunk) => chunk.type)).toEqual(['begin', 'item', 'item', 'end', 'error']);
		const partial = chunks.filter((chunk) => chunk.type === 'item').map((chunk) => chunk.content).join('');
		expect(partial.length).toBeGreaterThan(0);
		expect(error?.description).toContain(`stopped after ${partial.length} characters`);
		expect(chunks[4].content).toBe(error?.description);
	});

	it('passes on the 409 of a thread in manual mode; nothing is stored and nothing streamed', async () => {
		const threadId = threadIds[2];
		await setMode(threadId, 'manual');
		sandbox.control.clearRequests();
		const before = stored(threadId);
		const chunks: Chunk[] = [];
		const { error } = await run(
			{ operation: 'sendAndWaitReply', threadId: byId(threadId), content: 'Is anyone there?' },
			{ onChunk: (chunk) => chunks.push(chunk) },
		);
		expect(error?.message).toBe('Worken refused the change: Thread is in manual mode');
		expect(error?.description).toContain('Set the thread mode to Auto first');
		expect(error?.httpCode).toBe('409');
		expect(requests()).toMatchObject([
			{ method: 'GET', path: `/threads/${threadId}` },
			{ ...streamRequest(chatIds[0], threadId, 'Is anyone there?'), status: 409 },
		]);
		expect(stored(threadId)).toEqual(before);
		// Nothing was begun: the only chunk is the error n8n sends for any failed node.
		expect(chunks.map((chunk) => chunk.type)).toEqual(['error']);
		await setMode(threadId, 'auto');
	});

	it('names the thread on a 404 and posts nothing', async () => {
		const { error } = await run({ operation: 'sendAndWaitReply', threadId: byId('thr_lost'), content: 'Hi' });
		expect(error?.message).toBe('Thread not found (thread ID "thr_lost")');
		expect(requests()).toMatchObject([{ method: 'GET', path: '/threads/thr_lost', status: 404 }]);
	});

	it('refuses empty content from an expression before sending anything', async () => {
		// A literal empty field is already flagged by n8n as a required parameter.
		const { error } = await run(
			{ operation: 'sendAndWaitReply', threadId: byId(threadIds[0]), content: '={{ $json.text }}' },
			{ items: [{ text: '' }] },
		);
		expect(error?.message).toBe('Content is empty');
		expect(error?.description).toBe('Enter a value for Content.');
		expect(requests()).toEqual([]);
	});
});
