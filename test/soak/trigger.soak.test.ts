/**
 * Trigger soak: five Worken Triggers (different events and Max Items per Poll) poll one project in
 * n8n-core's engine, over HTTP, more than 1,000 times in all, while a writer keeps creating threads,
 * adding messages, switching modes and renaming threads, and the sandbox deals about 10% faults on every
 * read (429 with Retry-After 0, 500, connection reset, slow answers, a feed page that repeats a thread it
 * already sent). Then the faults stop, every trigger drains the feed, and its deliveries are compared with
 * the sandbox's own record of every change: 0 lost, 0 duplicated.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Message, Sandbox } from '../../sandbox';
import { Poller, newProject, openSandbox } from '../trigger/triggerEnv';
import type { TriggerEventName } from './deliveries';
import { countDeliveries } from './deliveries';
import { startWriter } from './writer';

const POLLS_EACH = 200;

interface Watcher {
	name: string;
	events: TriggerEventName[];
	poller: Poller;
	items: IDataObject[];
	polls: number;
	failedPolls: number;
}

let sb: Sandbox;

beforeAll(async () => {
	sb = await openSandbox();
});

afterAll(async () => {
	await sb.close();
});

function watcher(project: ReturnType<typeof newProject>, name: string, events: TriggerEventName[], maxItems: number, retryOptions: INodeParameters): Watcher {
	const parameters: INodeParameters = { events, options: { maxItems }, retryOptions };
	return { name, events, poller: new Poller(project, parameters), items: [], polls: 0, failedPolls: 0 };
}

async function pollOnce(w: Watcher): Promise<boolean> {
	w.polls++;
	try {
		const items = await w.poller.poll();
		w.items.push(...(items ?? []));
		return items !== null;
	} catch {
		w.failedPolls++;
		return true;
	}
}

/** Polls until a poll finds nothing and leaves the cursor where it was: the feed is drained. */
async function drain(w: Watcher): Promise<void> {
	for (let i = 0; i < 1_000; i++) {
		const before = JSON.stringify(w.poller.state()?.cursor);
		const emitted = await pollOnce(w);
		if (!emitted && JSON.stringify(w.poller.state()?.cursor) === before) return;
	}
	throw new Error(`${w.name} did not drain the feed`);
}

test('1,000+ polls under ~10% faults while threads keep changing: every change delivered, 0 lost, 0 duplicated', async () => {
	const t0 = Date.now();
	const project = newProject(sb, { bots: 2, chatsPerBot: 2, threadsPerChat: 5, messagesPerThread: 2 });
	// Fast retries (Retry-After 0 is retried; 500 and resets fail the poll at once) with some slower ones.
	const watchers = [
		watcher(project, 'all events, 3 per poll', ['newThread', 'threadUpdated', 'newMessage'], 3, { maxWaitSeconds: 0 }),
		watcher(project, 'threads, 100 per poll', ['newThread', 'threadUpdated'], 100, { maxRetries: 1, maxWaitSeconds: 0.5 }),
		watcher(project, 'messages, 1 per poll', ['newMessage'], 1, { maxWaitSeconds: 0 }),
		watcher(project, 'updates and messages, 7 per poll', ['threadUpdated', 'newMessage'], 7, { maxRetries: 0 }),
		watcher(project, 'new threads, 2 per poll', ['newThread'], 2, { maxWaitSeconds: 0 }),
	];
	for (const w of watchers) expect(await w.poller.poll()).toBeNull(); // activation: finds "now", emits nothing

	const existingThreads = new Set(project.seeded.threadIds);
	const changesBefore = sb.control.threadChanges(project.projectId).length;
	const messagesBefore = new Set(project.seeded.threadIds.flatMap((id) => (sb.control.listMessages(id) ?? []).map((m) => m.id)));

	sb.control.setFaultMix({ rate: 0.1, method: 'GET', retryAfter: 0, slowMs: 60, seed: 12 });
	const writer = startWriter(sb, project.key, {
		chatIds: project.seeded.chatIds,
		threadIds: project.seeded.threadIds,
		maxThreads: 80,
		pauseMs: 6,
	});
	await Promise.all(
		watchers.map(async (w) => {
			for (let i = 0; i < POLLS_EACH; i++) await pollOnce(w);
		}),
	);
	const written = await writer.stop();
	sb.control.setFaultMix(undefined);
	const dealt = sb.control.chaosDealt();
	const faultPolls = watchers.reduce((n, w) => n + w.polls, 0);
	const faultRequests = sb.control.requests().filter((entry) => entry.method === 'GET' && entry.projectId === project.projectId).length;
	for (const w of watchers) await drain(w);

	const changes = sb.control.threadChanges(project.projectId).slice(changesBefore);
	const allThreads = new Set([...existingThreads, ...changes.map((change) => change.threadId)]);
	const newMessages: Message[] = [...allThreads]
		.flatMap((id) => sb.control.listMessages(id) ?? [])
		.filter((message) => !messagesBefore.has(message.id));
	const ledger = { changes, existingThreads, newMessages };

	const lines: string[] = [];
	let lost = 0;
	let duplicated = 0;
	let polls = 0;
	let failed = 0;
	let deliveries = 0;
	for (const w of watchers) {
		const count = countDeliveries(w.events, ledger, w.items);
		lost += count.lost.length;
		duplicated += count.duplicated.length + count.unexpected.length;
		polls += w.polls;
		failed += w.failedPolls;
		deliveries += count.deliveries;
		lines.push(
			`  ${w.name.padEnd(34)} polls ${w.polls}, failed ${w.failedPolls}, to cover ${count.expected}, deliveries ${count.deliveries}, lost ${count.lost.length}, duplicated ${count.duplicated.length + count.unexpected.length}`,
		);
		expect({ name: w.name, lost: count.lost.slice(0, 5), duplicated: count.duplicated.slice(0, 5), unexpected: count.unexpected.slice(0, 5) }).toEqual({
			name: w.name,
			lost: [],
			duplicated: [],
			unexpected: [],
		});
	}
	const faults = Object.values(dealt).reduce((n, k) => n + k, 0);
	console.log(
		[
			`Trigger soak: ${polls} polls (${faultPolls} under faults), ${failed} failed polls, ${changes.length} thread changes + ${newMessages.length} new messages, ${deliveries} deliveries, ${lost} lost, ${duplicated} duplicated, ${Math.round((Date.now() - t0) / 1000)} s`,
			`  writer: ${written.created} threads created, ${written.messages} messages, ${written.modes} mode switches, ${written.renames} renames`,
			`  faults: ${faults} of ${faultRequests} reads (${Math.round((100 * faults) / faultRequests)}%): ${JSON.stringify(dealt)}`,
			...lines,
		].join('\n'),
	);

	expect(polls).toBeGreaterThanOrEqual(1_000);
	expect(written.failed).toBe(0);
	expect(changes.length).toBeGreaterThan(500);
	expect(failed).toBeGreaterThan(0); // the faults did reach the polls
	expect(Object.keys(dealt).sort()).toEqual(['429', '500', 'repeat', 'reset', 'slow']);
	// Never a Worken-* header, from any poll.
	const workenHeaders = sb.control.requests().flatMap((entry) => Object.keys(entry.headers).filter((name) => name.startsWith('worken-')));
	expect(workenHeaders).toEqual([]);
}, 300_000);
