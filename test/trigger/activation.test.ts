/**
 * First activation: fast-forward to the head of the feed without emitting, or (Include Existing Threads)
 * emit every existing thread once; and an idle poll costs exactly one request.
 */
import type { Sandbox } from '../../sandbox';
import { Poller, feedRequests, ids, newProject, openSandbox, requestsOf } from './triggerEnv';

let sb: Sandbox;

beforeAll(async () => {
	sb = await openSandbox();
});

afterAll(async () => {
	await sb.close();
});

test('the first poll walks the feed to its head in pages of 100 and emits nothing; an idle poll makes one request', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 250, messagesPerThread: 1 });
	const poller = new Poller(project, { events: ['newThread', 'threadUpdated', 'newMessage'] });

	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();
	const walk = feedRequests(sb, project);
	expect(walk.map((entry) => entry.query.limit)).toEqual(['100', '100', '100']);
	expect(walk[0].query.cursor).toBe('');
	expect(walk[1].query.cursor).not.toBe('');
	expect(requestsOf(sb, project)).toHaveLength(3);

	const state = poller.state();
	expect(state).toMatchObject({ version: 1, phase: 'watching' });
	expect(typeof state?.cursor).toBe('string');
	expect(state?.cursor).not.toBe('');
	expect((state?.seen as unknown[]).length).toBe(250);

	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();
	const idle = requestsOf(sb, project);
	expect(idle).toHaveLength(1);
	expect(idle[0]).toMatchObject({ method: 'GET', path: '/threads', status: 200 });
	expect(idle[0].query).toEqual({ cursor: state?.cursor, limit: '100' });
	// Nothing changed, so nothing was rewritten.
	expect(poller.state()).toEqual(state);
});

test('an empty project: the first poll stores the head, the next new thread is a New Thread', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1 });
	const poller = new Poller(project, { events: ['newThread'] });
	expect(await poller.poll()).toBeNull();
	expect(poller.state()).toMatchObject({ phase: 'watching', cursor: '', startedAt: '', caughtUpAt: '' });

	const created = sb.control.seed(project.projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: 1 });
	const items = await poller.poll();
	expect(ids(items, 'newThread')).toEqual(created.threadIds);
	expect(items).toHaveLength(1);
	expect(await poller.poll()).toBeNull();
});

test('Include Existing Threads emits every existing thread once as New Thread, and not again', async () => {
	const project = newProject(sb, { bots: 2, chatsPerBot: 2, threadsPerChat: 8, messagesPerThread: 2 });
	const poller = new Poller(project, {
		events: ['newThread', 'threadUpdated', 'newMessage'],
		options: { includeExisting: true },
	});

	const items = await poller.poll();
	expect(items).toHaveLength(32);
	expect(items?.every((item) => item.event === 'newThread')).toBe(true);
	expect(new Set(ids(items))).toEqual(new Set(project.seeded.threadIds));
	// The existing messages existed before the trigger watched: they are no New Message.
	expect(ids(items, 'newMessage')).toEqual([]);

	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();
	expect(requestsOf(sb, project)).toHaveLength(1);
});

test('Include Existing Threads with Max Items per Poll spreads the existing threads over polls, each once', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 25, messagesPerThread: 2 });
	const threads = project.seeded.threadIds;
	const poller = new Poller(project, {
		events: ['newThread', 'threadUpdated', 'newMessage'],
		options: { includeExisting: true, maxItems: 10 },
	});

	const first = await poller.poll();
	expect(ids(first, 'newThread')).toEqual(threads.slice(0, 10));
	expect(first).toHaveLength(10);

	// While the existing threads are still being delivered: one already delivered and one not yet get
	// a message. The first is a Thread Updated; the second is still announced once, as New Thread.
	const late = sb.control.addMessage(threads[2], { role: 'user', content: 'Still there?' });
	const early = sb.control.addMessage(threads[19], { role: 'user', content: 'Hello again' });

	const second = await poller.poll();
	expect(ids(second, 'newThread')).toEqual([...threads.slice(10, 19), threads[20]]);
	expect(second).toHaveLength(10);

	const third = await poller.poll();
	expect(third?.map((item) => [item.event, item.id])).toEqual([
		...threads.slice(21, 25).map((id) => ['newThread', id]),
		['threadUpdated', threads[2]],
		['newMessage', late.id],
		['newThread', threads[19]],
		['newMessage', early.id],
	]);
	expect(await poller.poll()).toBeNull();

	const announced = [first, second, third].flatMap((items) => ids(items, 'newThread'));
	expect(announced).toHaveLength(25);
	expect(new Set(announced)).toEqual(new Set(threads));
	// Caught up: from now on only threads created after this point are new.
	expect(poller.state()?.caughtUpAt).not.toBe('');
});

test('a poll that fails during activation stores nothing', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 1, threadsPerChat: 150 });
	const poller = new Poller(project, { events: ['newThread'] });
	sb.control.injectFaults({ count: 1, delayMs: 0, pathPrefix: '/threads' });
	sb.control.injectFaults({ count: 1, status: 404, pathPrefix: '/threads' });
	await expect(poller.poll()).rejects.toThrow(/not found/i);
	// n8n creates the node's (empty) static data when it is first asked for; nothing was stored in it.
	expect(poller.state() ?? {}).toEqual({});
	sb.control.clearFaults();
	expect(await poller.poll()).toBeNull();
	expect(poller.state()).toMatchObject({ phase: 'watching' });
});

test('what is remembered per thread stays bounded: the 2,000 most recently changed threads', async () => {
	const project = newProject(sb, { bots: 1, chatsPerBot: 3, threadsPerChat: 700 });
	const poller = new Poller(project, { events: ['newThread'] });
	expect(await poller.poll()).toBeNull();
	const seen = poller.state()?.seen as Array<[string, string, number]>;
	expect(seen).toHaveLength(2000);
	expect(seen.map(([id]) => id)).toEqual(project.seeded.threadIds.slice(100));
	expect(JSON.stringify(poller.state()).length).toBeLessThan(150_000);
});
