/**
 * What the action node does around every operation, whatever the resource: one call per input item with
 * that item's expressions, pairedItem on every output item, Continue On Fail turning a failing item into
 * `{error}` while the others go on, and an unknown resource/operation.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { WorkenCredentialData } from '../helpers/n8n';
import { runActionNode } from '../helpers/n8n';
import type { ActionEnv } from './fixtures';
import { byId, startActionEnv } from './fixtures';

let env: ActionEnv;
let sandbox: Sandbox;
let credentials: WorkenCredentialData;
let chatIds: string[];
let threadIds: string[];

function run(parameters: INodeParameters, items: IDataObject[], continueOnFail = false) {
	return runActionNode({ credentials, parameters, items, continueOnFail });
}

const requests = () => sandbox.control.requests();

beforeAll(async () => {
	env = await startActionEnv();
	({ sandbox, credentials } = env);
	const { key } = env;
	const seeded = sandbox.control.seed(key, { bots: 1, chatsPerBot: 2, threadsPerChat: 3 });
	chatIds = seeded.chatIds;
	threadIds = seeded.threadIds;
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => sandbox.control.clearRequests());

describe('one call per item', () => {
	it("sends each item's own expression values, and pairs each output with its item", async () => {
		const items = [
			{ threadId: threadIds[0], title: 'First customer' },
			{ threadId: threadIds[1], title: 'Second customer' },
			{ threadId: threadIds[2], title: 'Third customer' },
		];
		const { items: output, error } = await run(
			{
				resource: 'thread',
				operation: 'update',
				threadId: byId('={{ $json.threadId }}'),
				updateFields: { title: '={{ $json.title }}' },
			},
			items,
		);
		expect(error).toBeUndefined();
		expect(requests().map((r) => [r.method, r.path, r.body])).toEqual(
			items.map((item) => ['POST', `/threads/${item.threadId}`, { title: item.title }]),
		);
		expect(output.map((item) => [item.json.id, item.json.title, item.pairedItem])).toEqual(
			items.map((item, index) => [item.threadId, item.title, { item: index }]),
		);
	});

	it('pairs every item of a list with the input item it came from', async () => {
		const { items: output } = await run(
			{ resource: 'thread', operation: 'getAll', scope: 'chat', chatId: byId('={{ $json.chatId }}') },
			[{ chatId: chatIds[1] }, { chatId: chatIds[0] }],
		);
		expect(requests().map((r) => r.path)).toEqual([`/chats/${chatIds[1]}/threads`, `/chats/${chatIds[0]}/threads`]);
		expect(output).toHaveLength(6);
		for (const item of output) {
			const inputIndex = (item.pairedItem as { item: number }).item;
			expect(item.json.chat_id).toBe([chatIds[1], chatIds[0]][inputIndex]);
		}
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 0, 0, 1, 1, 1]);
	});
});

describe('Continue On Fail', () => {
	const getThread: INodeParameters = { resource: 'thread', operation: 'get', threadId: byId('={{ $json.threadId }}') };

	it('turns a failing item into {error} and goes on with the others', async () => {
		const items = [{ threadId: threadIds[0] }, { threadId: 'thr_missing' }, { threadId: 'not an id' }, { threadId: threadIds[2] }];
		const { items: output, error } = await run(getThread, items, true);
		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json.id).toBe(threadIds[0]);
		expect(output[1].json).toMatchObject({ error: 'Thread not found (thread ID "thr_missing")', httpCode: '404' });
		expect(output[2].json).toMatchObject({ error: 'Thread ID "not an id" is not a valid ID' });
		expect(String(output[2].json.description)).toContain('IDs contain no spaces');
		expect(output[3].json.id).toBe(threadIds[2]);
		// The invalid id was refused locally: three requests for four items.
		expect(requests().map((r) => [r.path, r.status])).toEqual([
			[`/threads/${threadIds[0]}`, 200],
			['/threads/thr_missing', 404],
			[`/threads/${threadIds[2]}`, 200],
		]);
	});

	it('without it, stops at the first failing item and names it', async () => {
		const items = [{ threadId: threadIds[0] }, { threadId: 'thr_missing' }, { threadId: threadIds[2] }];
		const { items: output, error } = await run(getThread, items, false);
		expect(output).toEqual([]);
		expect(error?.message).toBe('Thread not found (thread ID "thr_missing")');
		expect(error?.context?.itemIndex).toBe(1);
		expect(requests().map((r) => r.path)).toEqual([`/threads/${threadIds[0]}`, '/threads/thr_missing']);
	});

	it('keeps going after a reply stream that broke off', async () => {
		sandbox.control.injectFaults({ count: 1, afterStreamChunks: 1, pathPrefix: '/chats' });
		const { items: output } = await run(
			{
				resource: 'message',
				operation: 'sendAndWaitReply',
				threadId: byId('={{ $json.threadId }}'),
				content: '={{ $json.text }}',
			},
			[
				{ threadId: threadIds[3], text: 'First' },
				{ threadId: threadIds[4], text: 'Second' },
			],
			true,
		);
		expect(output[0].json.error).toBe("The bot's reply from Worken broke off: Model provider failed");
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].json).toMatchObject({ threadId: threadIds[4] });
		expect(output[1].json.reply).toBe(sandbox.control.listMessages(threadIds[4])?.at(-1)?.content);
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('unknown resource or operation', () => {
	it('refuses an operation the resource does not have, naming both, before sending anything', async () => {
		const { error } = await run({ resource: 'thread', operation: 'sendAndWaitReply' }, [{}]);
		expect(error?.message).toBe('The operation "sendAndWaitReply" is not supported for the resource "thread"');
		expect(requests()).toEqual([]);
	});

	it('refuses an unknown resource (e.g. from a newer version of the pack), naming it, before sending anything', async () => {
		// n8n drops `operation` here, as no operation field is shown for an unknown resource.
		const { error } = await run({ resource: 'knowledgeBase', operation: 'get' }, [{}]);
		expect(error?.message).toBe('The resource "knowledgeBase" is not supported by this version of the Worken node');
		expect(requests()).toEqual([]);
	});
});
