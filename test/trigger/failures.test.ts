/**
 * Failures and races: a poll that fails stores nothing and the next one delivers everything once;
 * threads that change while a poll pages through the feed are not lost; an unusable cursor and the poll
 * time budget do not block the trigger.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { ManualClock } from '../../sandbox';
import type { Project } from './triggerEnv';
import { Poller, createThread, feedRequests, ids, newProject, openSandbox, requestsOf } from './triggerEnv';

let sb: Sandbox;
// A request held by a delay fault is answered when the test advances this clock, after its changes.
const clock = new ManualClock();

beforeAll(async () => {
	sb = await openSandbox({ clock });
});

afterAll(async () => {
	await sb.close();
});

async function activatedWithChanges(threads: number, maxItems: number): Promise<{ project: Project; poller: Poller }> {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: threads });
	const poller = new Poller(project, { events: ['newThread', 'threadUpdated'], options: { maxItems } });
	expect(await poller.poll()).toBeNull();
	for (const threadId of project.seeded.threadIds) {
		sb.control.addMessage(threadId, { role: 'user', content: 'Changed' });
	}
	return { project, poller };
}

test('a 500 in the middle of a multi-page poll: the poll fails, nothing is stored, the next poll delivers every thread once', async () => {
	const { project, poller } = await activatedWithChanges(250, 250);
	// The trigger's Retry Options apply: with no retries the first 500 fails the poll (retries and their
	// waits are the transport's, tested in test/foundation/transport.test.ts).
	poller.parameters = { ...poller.parameters, retryOptions: { maxRetries: 0 } };
	const before = JSON.stringify(poller.staticData);

	// Page 1 goes through; page 2 fails.
	sb.control.injectFaults({ count: 1, delayMs: 0, pathPrefix: '/threads' });
	sb.control.injectFaults({ count: 1, status: 500, pathPrefix: '/threads' });
	sb.control.clearRequests();
	await expect(poller.poll()).rejects.toThrow('Worken had an internal error (500)');
	expect(feedRequests(sb, project).map((entry) => entry.status)).toEqual([200, 500]);
	expect(sb.control.pendingFaults()).toEqual([]);
	expect(JSON.stringify(poller.staticData)).toBe(before);

	sb.control.clearRequests();
	const items = await poller.poll();
	expect(ids(items, 'threadUpdated')).toEqual(project.seeded.threadIds);
	expect(items).toHaveLength(250);
	// It started again from the old cursor.
	expect(feedRequests(sb, project)[0].query.cursor).toBe(JSON.parse(before)['node:Worken Trigger'].cursor);
	expect(await poller.poll()).toBeNull();
});

/**
 * The sandbox holds page 2 of the poll (a delay-only fault) while the test changes threads: one already
 * read on page 1, one not read yet, and a brand-new one; then lets page 2 be answered.
 */
async function pollWhileChanging(project: Project, poller: Poller): Promise<{ items: IDataObject[] | null; changed: IDataObject }> {
	sb.control.clearRequests();
	sb.control.injectFaults({ count: 1, delayMs: 0, pathPrefix: '/threads' });
	sb.control.injectFaults({ count: 1, delayMs: 300, pathPrefix: '/threads' });
	const polling = poller.poll();
	await clock.whenPending();
	expect(feedRequests(sb, project)).toHaveLength(2);
	const [readAlready, notReadYet] = [project.seeded.threadIds[10], project.seeded.threadIds[240]];
	sb.control.addMessage(readAlready, { role: 'user', content: 'Changed while paging' });
	sb.control.addMessage(notReadYet, { role: 'user', content: 'Changed while paging' });
	const created = await createThread(sb, project, project.seeded.chatIds[0], 'Created while paging');
	clock.advance(300);
	return { items: await polling, changed: { readAlready, notReadYet, created: created.id } };
}

test('threads that change while a poll pages through the feed are emitted once, in their latest state', async () => {
	const { project, poller } = await activatedWithChanges(250, 1000);
	const { items, changed } = await pollWhileChanging(project, poller);

	// Drained in one poll: the thread read on page 1 came back later in the feed and is emitted once.
	expect(items).toHaveLength(251);
	expect(new Set(ids(items)).size).toBe(251);
	const byId = new Map((items ?? []).map((item) => [item.id, item]));
	expect(byId.get(changed.readAlready)).toMatchObject({ event: 'threadUpdated', message_count: 2 });
	expect(byId.get(changed.notReadYet)).toMatchObject({ event: 'threadUpdated', message_count: 2 });
	expect(byId.get(changed.created)).toMatchObject({ event: 'newThread', title: 'Created while paging' });
	expect(feedRequests(sb, project).map((entry) => entry.query.limit)).toEqual(['100', '100', '100']);
	expect(await poller.poll()).toBeNull();
});

test('with a cap, a thread that changes after it was read comes again in the next poll (a later change), nothing is lost', async () => {
	const { project, poller } = await activatedWithChanges(250, 200);
	const { items: first, changed } = await pollWhileChanging(project, poller);
	expect(ids(first)).toEqual(project.seeded.threadIds.slice(0, 200));
	expect(first?.find((item) => item.id === changed.readAlready)).toMatchObject({ message_count: 1 });

	const second = await poller.poll();
	const expected = [
		...project.seeded.threadIds.slice(200).filter((id) => id !== changed.notReadYet),
		changed.readAlready,
		changed.notReadYet,
		changed.created,
	];
	expect(ids(second)).toEqual(expected);
	expect(second?.find((item) => item.id === changed.readAlready)).toMatchObject({ event: 'threadUpdated', message_count: 2 });
	expect(second?.find((item) => item.id === changed.created)).toMatchObject({ event: 'newThread' });
	expect(await poller.poll()).toBeNull();
});

test('a cursor Worken no longer accepts: the trigger starts again from the head instead of failing forever', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 3 });
	const poller = new Poller(project, { events: ['newThread', 'threadUpdated'] });
	expect(await poller.poll()).toBeNull();
	// A well-formed cursor from a future the sandbox has not reached (as after a reset on Worken's side).
	const node = poller.staticData['node:Worken Trigger'] as IDataObject;
	const unknownCursor = Buffer.from('seq:999999999', 'utf8').toString('base64url');
	node.cursor = unknownCursor;

	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();
	const feed = feedRequests(sb, project);
	expect(feed.map((entry) => [entry.query.cursor, entry.status])).toEqual([
		[unknownCursor, 400],
		['', 200],
	]);
	expect(poller.state()).toMatchObject({ phase: 'watching' });
	expect(poller.state()?.cursor).not.toBe(unknownCursor);

	const created = await createThread(sb, project, project.seeded.chatIds[0]);
	expect(ids(await poller.poll())).toEqual([created.id]);
});

test('a refused cursor is told by the 400 status of the feed request, whatever words Worken uses', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 2 });
	const poller = new Poller(project, { events: ['newThread'] });
	expect(await poller.poll()).toBeNull();
	const stored = poller.state()?.cursor;

	sb.control.clearRequests();
	sb.control.injectFaults({ count: 1, status: 400, message: 'Position unknown, please resynchronise', pathPrefix: '/threads' });
	expect(await poller.poll()).toBeNull();
	expect(feedRequests(sb, project).map((entry) => [entry.query.cursor, entry.status])).toEqual([
		[stored, 400],
		['', 200],
	]);
	expect(poller.state()).toMatchObject({ phase: 'watching' });

	const created = await createThread(sb, project, project.seeded.chatIds[0]);
	expect(ids(await poller.poll())).toEqual([created.id]);
});

test('a 400 on the very first feed request (no cursor yet) fails the poll: there is nothing to start again from', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 1 });
	const poller = new Poller(project, { events: ['newThread'] });
	sb.control.injectFaults({ count: 1, status: 400, message: 'Invalid cursor', pathPrefix: '/threads' });
	await expect(poller.poll()).rejects.toThrow('Worken did not accept the request: Invalid cursor');
	expect(poller.state()).toEqual({});
});

test('when the poll time budget runs out, each poll does one page and the next continues: activation and backlog', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 250 });
	// A budget of 0 ms is spent at once: every poll stops after its first page.
	const poller = new Poller(project, { events: ['threadUpdated'], options: { maxItems: 1000 } }, 0);

	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();
	expect(poller.state()).toMatchObject({ phase: 'activating' });
	expect(await poller.poll()).toBeNull();
	expect(await poller.poll()).toBeNull();
	expect(poller.state()).toMatchObject({ phase: 'watching' });
	expect(feedRequests(sb, project)).toHaveLength(3);

	for (const threadId of project.seeded.threadIds) {
		sb.control.addMessage(threadId, { role: 'user', content: 'Changed' });
	}
	const polls: string[][] = [];
	for (let items = await poller.poll(); items !== null; items = await poller.poll()) polls.push(ids(items));
	expect(polls.map((emitted) => emitted.length)).toEqual([100, 100, 50]);
	expect(polls.flat()).toEqual(project.seeded.threadIds);
	expect(requestsOf(sb, project)).toHaveLength(3 + 4);
});

test('a thread deleted between the feed and its messages: its messages are skipped, the poll succeeds', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 2, messagesPerThread: 1 });
	const poller = new Poller(project, { events: ['threadUpdated', 'newMessage'] });
	expect(await poller.poll()).toBeNull();
	const [doomed, kept] = project.seeded.threadIds;
	sb.control.addMessage(doomed, { role: 'user', content: 'Bye' });
	const message = sb.control.addMessage(kept, { role: 'user', content: 'Hi' });

	// The first messages request is held while the thread is deleted.
	sb.control.clearRequests();
	sb.control.injectFaults({ count: 1, delayMs: 200, pathPrefix: '/chats/' });
	const polling = poller.poll();
	await clock.whenPending();
	const response = await fetch(`${sb.url}/threads/${doomed}`, {
		method: 'DELETE',
		headers: { Authorization: `Bearer ${project.key}` },
	});
	expect(response.status).toBe(204);
	clock.advance(200);

	const items = await polling;
	expect(items?.map((item) => [item.event, item.id])).toEqual([
		['threadUpdated', doomed],
		['threadUpdated', kept],
		['newMessage', message.id],
	]);
	expect(requestsOf(sb, project).filter((entry) => entry.path.endsWith('/messages')).map((entry) => entry.status)).toEqual([404, 200]);
	expect(await poller.poll()).toBeNull();
});
