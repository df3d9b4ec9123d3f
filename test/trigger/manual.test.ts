/**
 * "Fetch Test Event" (manual mode): example items from the newest threads, the stored state untouched.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { pollTrigger } from '../helpers/n8n';
import type { Project } from './triggerEnv';
import { NODE_KEY, Poller, byId, jsonOf, newProject, openSandbox, requestsOf } from './triggerEnv';

const ALL_EVENTS = ['newThread', 'threadUpdated', 'newMessage'];

let sb: Sandbox;

beforeAll(async () => {
	sb = await openSandbox();
});

afterAll(async () => {
	await sb.close();
});

async function fetchTestEvent(project: Project, parameters: INodeParameters, staticData: IDataObject = {}) {
	return await pollTrigger({ credentials: project.credentials, parameters, staticData, mode: 'manual' });
}

test('returns the newest thread, the latest changed thread and the latest message, without touching the stored state', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 2, threadsPerChat: 3, messagesPerThread: 2 });
	const poller = new Poller(project, { events: ALL_EVENTS });
	expect(await poller.poll()).toBeNull();
	const threads = project.seeded.threadIds;
	const message = sb.control.addMessage(threads[1], { role: 'user', content: 'Latest words' });
	const before = JSON.stringify(poller.staticData);

	sb.control.clearRequests();
	const { items, staticData } = await fetchTestEvent(project, { events: ALL_EVENTS }, poller.staticData);
	expect(JSON.stringify(staticData)).toBe(before);

	const newest = sb.control.getThread(threads[5]) as unknown as IDataObject;
	const changed = sb.control.getThread(threads[1]) as unknown as IDataObject;
	expect(jsonOf(items)).toEqual([
		{ event: 'newThread', ...newest, eventId: `newThread:${threads[5]}` },
		{ event: 'threadUpdated', ...changed, eventId: `threadUpdated:${threads[1]}:${changed.updated_at}` },
		{ event: 'newMessage', ...message, thread: changed, eventId: `newMessage:${message.id}` },
	]);
	const requests = requestsOf(sb, project);
	expect(requests.map((entry) => [entry.path, entry.query])).toEqual([
		['/threads', { limit: '10', offset: '0' }],
		[`/chats/${changed.chat_id}/threads/${threads[1]}/messages`, { limit: '1', offset: '2' }],
	]);

	// The production poll still finds the change the test event showed, with the same event ids.
	const polled = await poller.poll();
	expect(polled?.map((item) => item.event)).toEqual(['threadUpdated', 'newMessage']);
	expect(polled?.map((item) => item.eventId)).toEqual(jsonOf(items).slice(1).map((item) => item.eventId));
});

test('before the first activation it stores nothing', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 2 });
	const { items, staticData } = await fetchTestEvent(project, { events: ['newThread'] });
	const newest = project.seeded.threadIds[1];
	expect(jsonOf(items)).toEqual([{ event: 'newThread', ...(sb.control.getThread(newest) as object), eventId: `newThread:${newest}` }]);
	expect(staticData[NODE_KEY]).toBeUndefined();
	expect(JSON.stringify(staticData)).toBe('{}');
});

test('the filters apply to the test event', async () => {
	const project = newProject(sb, { bots: 2, chatsPerBot: 1, threadsPerChat: 2 });
	const [, chatB] = project.seeded.chatIds;
	sb.control.clearRequests();
	const { items } = await fetchTestEvent(project, {
		events: ['newThread'],
		filters: { chatId: byId(chatB), mode: 'auto' },
	});
	const newest = project.seeded.threadIds[3];
	expect(jsonOf(items)).toEqual([{ event: 'newThread', ...(sb.control.getThread(newest) as object), eventId: `newThread:${newest}` }]);
	expect(requestsOf(sb, project)[0].query).toEqual({ chat_id: chatB, mode: 'auto', limit: '10', offset: '0' });
});

test('no thread yet: a clear error that says what to do', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1 });
	const attempt = fetchTestEvent(project, { events: ['newThread'] });
	await expect(attempt).rejects.toThrow('No threads found to use as a test event');
	await expect(attempt).rejects.toMatchObject({ description: expect.stringContaining('Create one') });

	const filtered = fetchTestEvent(project, { events: ['newThread'], filters: { mode: 'manual' } });
	await expect(filtered).rejects.toThrow('No threads found matching the filters to use as a test event');
});

test('only New Message and no message yet: a clear error', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 2 });
	const attempt = fetchTestEvent(project, { events: ['newMessage'] });
	await expect(attempt).rejects.toThrow('No messages found to use as a test event');
	await expect(attempt).rejects.toMatchObject({ description: expect.stringContaining('Send a message') });
});
