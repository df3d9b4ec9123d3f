/**
 * A backlog larger than Max Items per Poll is drained over several polls: no thread lost, none repeated.
 */
import type { Sandbox } from '../../sandbox';
import type { Project } from './triggerEnv';
import { Poller, feedRequests, ids, newProject, openSandbox } from './triggerEnv';

let sb: Sandbox;
let project: Project;

beforeAll(async () => {
	sb = await openSandbox();
	// 1,000 threads: 10 chats of 100.
	project = newProject(sb, { bots: 1, chatsPerBot: 10, threadsPerChat: 100 });
	expect(project.seeded.threadIds).toHaveLength(1000);
});

afterAll(async () => {
	await sb.close();
});

function changeAll(round: string): void {
	for (const threadId of project.seeded.threadIds) {
		sb.control.addMessage(threadId, { role: 'user', content: `Backlog ${round}` });
	}
}

/** Polls until a poll returns null; returns what each poll emitted. */
async function drain(poller: Poller): Promise<string[][]> {
	const polls: string[][] = [];
	for (;;) {
		const items = await poller.poll();
		if (items === null) return polls;
		polls.push(ids(items));
		if (polls.length > 50) throw new Error('the backlog never drained');
	}
}

test('1,000 changed threads with a cap of 100 per poll: 10 polls of 100, in feed order, none lost or repeated', async () => {
	const poller = new Poller(project, { events: ['newThread', 'threadUpdated'], options: { maxItems: 100 } });
	expect(await poller.poll()).toBeNull();
	changeAll('one');

	sb.control.clearRequests();
	const polls = await drain(poller);

	expect(polls.map((emitted) => emitted.length)).toEqual(Array(10).fill(100));
	const all = polls.flat();
	expect(all).toEqual(project.seeded.threadIds);
	expect(new Set(all).size).toBe(1000);
	// One page of 100 per poll, plus the final idle poll.
	const feed = feedRequests(sb, project);
	expect(feed).toHaveLength(11);
	expect(feed.every((entry) => entry.query.limit === '100')).toBe(true);
	// Each poll started where the previous one stopped.
	expect(new Set(feed.map((entry) => entry.query.cursor)).size).toBe(11);
});

test('a cap that is not a multiple of 100 asks each page for exactly what is still allowed', async () => {
	const poller = new Poller(project, { events: ['threadUpdated', 'newMessage'], options: { maxItems: 250 } });
	expect(await poller.poll()).toBeNull();
	changeAll('two');

	sb.control.clearRequests();
	const polls = await drain(poller);
	// Thread Updated + New Message per thread.
	expect(polls.map((emitted) => emitted.length)).toEqual([500, 500, 500, 500]);
	const updated = polls.flat().filter((_id, index) => index % 2 === 0);
	expect(updated).toEqual(project.seeded.threadIds);
	const limits = feedRequests(sb, project).map((entry) => entry.query.limit);
	expect(limits).toEqual([...Array(4).fill(['100', '100', '50']).flat(), '100']);
});
