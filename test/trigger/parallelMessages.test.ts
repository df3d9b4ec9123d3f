/**
 * New Message over many changed threads: the trigger reads the new messages of several threads at once,
 * and still emits exactly what reading one thread after another would, in feed order; a thread whose
 * messages cannot be read fails the poll with nothing remembered, and the next poll emits everything once.
 */
import type { IDataObject } from 'n8n-workflow';

import { MESSAGE_READS_IN_FLIGHT } from '../../nodes/WorkenTrigger/poll';
import type { Sandbox } from '../../sandbox';
import { Poller, newProject, openSandbox, requestsOf } from './triggerEnv';

let sb: Sandbox;

beforeAll(async () => {
	sb = await openSandbox();
});

afterAll(async () => {
	await sb.close();
});

afterEach(() => sb.control.clearFaults());

/** Adds `count` messages to each thread; returns the new message ids per thread, oldest first. */
function addMessages(threadIds: string[], count: number): Map<string, string[]> {
	const added = new Map<string, string[]>();
	for (const threadId of threadIds) {
		const ids: string[] = [];
		for (let i = 0; i < count; i++) ids.push(sb.control.addMessage(threadId, { role: 'user', content: `m${i}` }).id);
		added.set(threadId, ids);
	}
	return added;
}

/** The items as [thread id, message ids] groups, in the order emitted. */
function groups(items: IDataObject[]): Array<[string, string[]]> {
	const out: Array<[string, string[]]> = [];
	for (const item of items) {
		if (item.event === 'threadUpdated') out.push([String(item.id), []]);
		else if (item.event === 'newMessage') {
			const last = out[out.length - 1];
			expect(last?.[0]).toBe((item.thread as IDataObject).id);
			last[1].push(String(item.id));
		}
	}
	return out;
}

test('messages of 40 changed threads are read several threads at once, emitted in feed order, each once', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 2, threadsPerChat: 20, messagesPerThread: 1 });
	const poller = new Poller(project, { events: ['threadUpdated', 'newMessage'], options: { maxItems: 100 } });
	expect(await poller.poll()).toBeNull();

	const threadIds = project.seeded.threadIds;
	const added = addMessages(threadIds, 3);
	// Slow answers: reading one thread after another would never overlap.
	sb.control.injectFaults({ count: 1000, delayMs: 30, pathPrefix: '/chats' });
	sb.control.clearRequests();
	const items = (await poller.poll()) ?? [];

	const emitted = groups(items);
	expect(emitted.map(([threadId]) => threadId).sort()).toEqual([...threadIds].sort());
	for (const [threadId, messageIds] of emitted) expect(messageIds).toEqual(added.get(threadId));
	// Feed order: the same order as the thread feed lists the threads (oldest change first).
	const feedOrder = sb.control.threadChanges(project.projectId).map((change) => change.threadId);
	const position = (id: string) => feedOrder.lastIndexOf(id);
	const order = emitted.map(([threadId]) => position(threadId));
	expect(order).toEqual([...order].sort((a, b) => a - b));

	// Every thread's messages are wanted: several threads are read at once, up to the trigger's bound (12).
	expect(sb.control.peakInFlight(project.projectId)).toBeGreaterThan(1);
	expect(sb.control.peakInFlight(project.projectId)).toBeLessThanOrEqual(MESSAGE_READS_IN_FLIGHT);
	expect(MESSAGE_READS_IN_FLIGHT).toBe(12);
	const messageReads = requestsOf(sb, project).filter((entry) => entry.path.endsWith('/messages'));
	expect(messageReads).toHaveLength(threadIds.length);

	// Nothing is emitted twice.
	expect(await poller.poll()).toBeNull();
});

test('a thread whose messages fail fails the poll, nothing is remembered, and the next poll emits everything once', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 12, messagesPerThread: 1 });
	const poller = new Poller(project, { events: ['threadUpdated', 'newMessage'] });
	expect(await poller.poll()).toBeNull();
	const before = poller.state();

	const threadIds = project.seeded.threadIds;
	const added = addMessages(threadIds, 2);
	// The fifth message read fails for good (400 is not repeated), the others are slow.
	sb.control.injectFaults({ count: 4, delayMs: 20, pathPrefix: '/chats' });
	sb.control.injectFaults({ count: 1, status: 400, pathPrefix: '/chats' });
	await expect(poller.poll()).rejects.toThrow(new Error('Worken did not accept the request: Bad Request'));
	expect(poller.state()).toEqual(before);

	sb.control.clearFaults();
	const items = (await poller.poll()) ?? [];
	const emitted = groups(items);
	expect(emitted.map(([threadId]) => threadId).sort()).toEqual([...threadIds].sort());
	for (const [threadId, messageIds] of emitted) expect(messageIds).toEqual(added.get(threadId));
	expect(await poller.poll()).toBeNull();
});
