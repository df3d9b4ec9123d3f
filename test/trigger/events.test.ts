/**
 * What each event emits after activation: New Thread, Thread Updated and New Message, each change once.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { Project } from './triggerEnv';
import { Poller, callApi, createThread, ids, newProject, openSandbox, requestsOf } from './triggerEnv';

const ALL_EVENTS = ['newThread', 'threadUpdated', 'newMessage'];

let sb: Sandbox;

beforeAll(async () => {
	sb = await openSandbox();
});

afterAll(async () => {
	await sb.close();
});

async function activated(events: string[] = ALL_EVENTS): Promise<{ project: Project; poller: Poller }> {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 3, messagesPerThread: 2 });
	const poller = new Poller(project, { events });
	expect(await poller.poll()).toBeNull();
	return { project, poller };
}

test('a new thread → exactly one New Thread on the next poll', async () => {
	const { project, poller } = await activated();
	const thread = await createThread(sb, project, project.seeded.chatIds[0], 'Refund request');

	const items = await poller.poll();
	expect(items).toEqual([{ event: 'newThread', ...thread, eventId: `newThread:${thread.id}` }]);
	expect(await poller.poll()).toBeNull();
});

test('a new message → one Thread Updated and one New Message, read from the thread’s messages', async () => {
	const { project, poller } = await activated(['threadUpdated', 'newMessage']);
	const threadId = project.seeded.threadIds[1];
	const message = sb.control.addMessage(threadId, { role: 'user', content: 'Where is my order?' });
	const thread = sb.control.getThread(threadId) as unknown as IDataObject;

	sb.control.clearRequests();
	const items = await poller.poll();
	expect(items).toEqual([
		{ event: 'threadUpdated', ...thread, eventId: `threadUpdated:${threadId}:${thread.updated_at}` },
		{ event: 'newMessage', ...message, thread, eventId: `newMessage:${message.id}` },
	]);
	expect(thread.message_count).toBe(3);
	const messageRequests = requestsOf(sb, project).filter((entry) => entry.path.endsWith('/messages'));
	expect(messageRequests).toHaveLength(1);
	expect(messageRequests[0]).toMatchObject({
		method: 'GET',
		path: `/chats/${project.seeded.chatIds[0]}/threads/${threadId}/messages`,
		query: { offset: '2', limit: '1' },
	});

	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();
	expect(requestsOf(sb, project)).toHaveLength(1);
});

test('a thread created and given messages before the next poll → one New Thread and each message, no Thread Updated', async () => {
	const { project, poller } = await activated();
	const thread = await createThread(sb, project, project.seeded.chatIds[0]);
	const first = sb.control.addMessage(String(thread.id), { role: 'user', content: 'Hi' });
	const second = sb.control.addMessage(String(thread.id), { role: 'assistant', content: 'Hello! How can I help?' });
	const latest = sb.control.getThread(String(thread.id)) as unknown as IDataObject;

	const items = await poller.poll();
	expect(items).toEqual([
		{ event: 'newThread', ...latest, eventId: `newThread:${thread.id}` },
		{ event: 'newMessage', ...first, thread: latest, eventId: `newMessage:${first.id}` },
		{ event: 'newMessage', ...second, thread: latest, eventId: `newMessage:${second.id}` },
	]);

	// A later message is a change of a thread already announced.
	const third = sb.control.addMessage(String(thread.id), { role: 'user', content: 'Thanks' });
	const next = await poller.poll();
	expect(next?.map((item) => [item.event, item.id])).toEqual([
		['threadUpdated', thread.id],
		['newMessage', third.id],
	]);
});

test('a thread changed several times between polls is emitted once, in its latest state', async () => {
	const { project, poller } = await activated();
	const threadId = project.seeded.threadIds[0];
	const m1 = sb.control.addMessage(threadId, { role: 'user', content: 'One' });
	await callApi(sb, project, 'POST', `/threads/${threadId}/mode`, { mode: 'manual' });
	const m2 = sb.control.addMessage(threadId, { role: 'operator', content: 'Two' });
	await callApi(sb, project, 'POST', `/threads/${threadId}`, { title: 'Escalated' });
	const latest = sb.control.getThread(threadId) as unknown as IDataObject;

	const items = await poller.poll();
	expect(items?.map((item) => [item.event, item.id])).toEqual([
		['threadUpdated', threadId],
		['newMessage', m1.id],
		['newMessage', m2.id],
	]);
	expect(items?.[0]).toEqual({ event: 'threadUpdated', ...latest, eventId: `threadUpdated:${threadId}:${latest.updated_at}` });
	expect(latest).toMatchObject({ mode: 'manual', title: 'Escalated', message_count: 4 });
});

test('a change already emitted is not emitted again when the feed repeats it', async () => {
	const { project, poller } = await activated();
	const before = poller.state() as IDataObject;
	const threadId = project.seeded.threadIds[2];
	sb.control.addMessage(threadId, { role: 'user', content: 'Once' });
	const created = await createThread(sb, project, project.seeded.chatIds[0]);

	const items = await poller.poll();
	expect(items?.map((item) => item.event)).toEqual(['threadUpdated', 'newMessage', 'newThread']);

	// Make the feed repeat those changes: put the old cursor back, keep what was remembered.
	const node = poller.staticData['node:Worken Trigger'] as IDataObject;
	node.cursor = before.cursor;
	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();
	const feed = requestsOf(sb, project);
	expect(feed).toHaveLength(1);
	expect(feed[0].query.cursor).toBe(before.cursor);
	expect(ids(items, 'newThread')).toEqual([created.id]);
	// The cursor moved on past the repeated changes.
	expect(poller.state()?.cursor).not.toBe(before.cursor);
});

test('events not chosen are not emitted, but their changes are still taken', async () => {
	const { project, poller } = await activated(['newThread']);
	sb.control.addMessage(project.seeded.threadIds[0], { role: 'user', content: 'Not a new thread' });
	const cursor = poller.state()?.cursor;
	expect(await poller.poll()).toBeNull();
	expect(poller.state()?.cursor).not.toBe(cursor);

	// Switching New Message on later does not replay that message: it was already taken.
	poller.parameters = { events: ['newMessage'] };
	const m = sb.control.addMessage(project.seeded.threadIds[0], { role: 'user', content: 'This one' });
	expect(ids(await poller.poll())).toEqual([m.id]);
});

test('each item says which event it is and carries the thread fields', async () => {
	const { project, poller } = await activated();
	const thread = await createThread(sb, project, project.seeded.chatIds[0], 'Fields');
	const [item] = (await poller.poll()) ?? [];
	expect(Object.keys(item).sort()).toEqual(
		[
			'event',
			'eventId',
			'id',
			'chat_id',
			'bot_id',
			'project_id',
			'title',
			'mode',
			'message_count',
			'last_message_at',
			'created_at',
			'updated_at',
		].sort(),
	);
	expect(item).toMatchObject({ event: 'newThread', id: thread.id, title: 'Fields', project_id: project.projectId });
});

test('a thread the trigger no longer remembers: its messages since the trigger caught up are the new ones', async () => {
	const { project, poller } = await activated(['newMessage']);
	const threadId = project.seeded.threadIds[0];
	// Forget the thread, as happens to the least recently changed ones beyond the remembered limit.
	const node = poller.staticData['node:Worken Trigger'] as IDataObject;
	node.seen = (node.seen as unknown[][]).filter(([id]) => id !== threadId);
	const m1 = sb.control.addMessage(threadId, { role: 'user', content: 'First after' });
	const m2 = sb.control.addMessage(threadId, { role: 'assistant', content: 'Second after' });

	sb.control.clearRequests();
	const items = await poller.poll();
	expect(ids(items)).toEqual([m1.id, m2.id]);
	// Read backwards from the end: one page reached the messages from before.
	const messageRequests = requestsOf(sb, project).filter((entry) => entry.path.endsWith('/messages'));
	expect(messageRequests.map((entry) => entry.query)).toEqual([{ limit: '4', offset: '0' }]);
});

// The stable eventId: the same change keeps its id whichever poll emits it (a re-delivery after n8n lost
// the poll's saved state, as at-least-once schedulers do), distinct changes get distinct ids, so n8n's
// Remove Duplicates node drops exactly the repeats.

const eventIds = (items: IDataObject[] | null): string[] => (items ?? []).map((item) => String(item.eventId));

test('a re-delivered poll (its saved state lost) emits the same changes with the same event ids', async () => {
	const { project, poller } = await activated();
	const created = await createThread(sb, project, project.seeded.chatIds[0], 'Re-delivered');
	const message = sb.control.addMessage(project.seeded.threadIds[1], { role: 'user', content: 'Again?' });
	const updated = sb.control.getThread(project.seeded.threadIds[1]) as unknown as IDataObject;
	const before = JSON.parse(JSON.stringify(poller.staticData)) as IDataObject;

	const first = await poller.poll();
	expect(eventIds(first)).toEqual([
		`newThread:${created.id}`,
		`threadUpdated:${updated.id}:${updated.updated_at}`,
		`newMessage:${message.id}`,
	]);

	// n8n ran the poll but did not keep its state (a crash before saving, or a durable scheduler retrying
	// the poll): the next poll starts from the old state and delivers the same changes again.
	poller.staticData = before;
	const again = await poller.poll();
	expect(again).toEqual(first);
	expect(eventIds(again)).toEqual(eventIds(first));
});

test('distinct changes get distinct ids: two updates of one thread, two messages, two threads', async () => {
	const { project, poller } = await activated();
	const threadId = project.seeded.threadIds[0];
	const seen: string[] = [];

	const m1 = sb.control.addMessage(threadId, { role: 'user', content: 'First' });
	const m2 = sb.control.addMessage(threadId, { role: 'assistant', content: 'Second' });
	seen.push(...eventIds(await poller.poll()));
	await callApi(sb, project, 'POST', `/threads/${threadId}`, { title: 'Renamed' });
	seen.push(...eventIds(await poller.poll()));
	const a = await createThread(sb, project, project.seeded.chatIds[0]);
	const b = await createThread(sb, project, project.seeded.chatIds[0]);
	seen.push(...eventIds(await poller.poll()));

	const updates = seen.filter((id) => id.startsWith(`threadUpdated:${threadId}:`));
	expect(updates).toHaveLength(2);
	expect(seen).toEqual(expect.arrayContaining([`newMessage:${m1.id}`, `newMessage:${m2.id}`, `newThread:${a.id}`, `newThread:${b.id}`]));
	expect(new Set(seen).size).toBe(seen.length);
});

test('the id does not depend on the poll: a thread emitted by another trigger (other state, other batch size) gets the same id', async () => {
	const { project, poller } = await activated();
	const other = new Poller(project, { events: ALL_EVENTS, options: { maxItems: 1 } });
	expect(await other.poll()).toBeNull();
	const created = await createThread(sb, project, project.seeded.chatIds[0], 'Seen twice');

	const fromFirst = eventIds(await poller.poll());
	const fromOther = eventIds(await other.poll());
	expect(fromFirst).toEqual([`newThread:${created.id}`]);
	expect(fromOther).toEqual(fromFirst);
});
