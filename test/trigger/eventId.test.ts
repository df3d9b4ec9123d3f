/**
 * The stable `eventId` on every item: the same change keeps its id whichever poll emits it (a re-delivery
 * after n8n lost the poll's saved state, as at-least-once schedulers do), and distinct changes get distinct
 * ids, so n8n's Remove Duplicates node can drop exactly the repeats.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import type { Project } from './triggerEnv';
import { Poller, callApi, createThread, newProject, openSandbox } from './triggerEnv';

const ALL_EVENTS = ['newThread', 'threadUpdated', 'newMessage'];

let sb: Sandbox;

beforeAll(async () => {
	sb = await openSandbox();
});

afterAll(async () => {
	await sb.close();
});

async function activated(): Promise<{ project: Project; poller: Poller }> {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 3, messagesPerThread: 2 });
	const poller = new Poller(project, { events: ALL_EVENTS });
	expect(await poller.poll()).toBeNull();
	return { project, poller };
}

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
