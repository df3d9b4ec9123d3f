/**
 * Issue check 3: the Worken Trigger (examples/watch-threads.json) active on the main while two workers run
 * its executions. Each change is delivered exactly once: a new thread, a new message, then a burst of 250
 * new messages (Max Items per Poll 300, so one poll can take them); later (`checkTriggerRestart`) the main
 * is restarted: nothing is re-delivered, and a change made while it was down comes once. The trigger
 * watches one chat (filter), so the other checks' threads and messages elsewhere do not reach it.
 *
 * n8n 2.x refuses sub-minute poll crons, so every step waits for the next minute's poll.
 */
import { activateWorkflow, createWorkflow, Execution, loadExample, nodeItems, toCreateBody } from '../../scripts/n8n/workflows';
import { sleep } from '../../scripts/n8n/process';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import { fastPollCron, threadIdOf } from '../../scripts/n8n/trigger-poll';
import { TRIGGER_EXAMPLE, TRIGGER_NODE } from '../e2e/trigger.check';
import { expect } from '../e2e/harness';
import type { Note, QueueContext } from './context';
import { allExecutions, finished, spread, waitForFinished, waitUntilWatching } from './context';

export const BURST_CHANGES = 250;
const POLL_WAIT_MS = 60_000 + 45_000; // the next minute's poll, plus the execution on a busy machine

/** State shared by the two trigger checks (the workflow stays active in between). */
export interface TriggerRun {
	workflowId: string;
	/** Every message id delivered so far. */
	delivered: string[];
	/** Executions of the workflow right after the restart check, and when that check saw the last one. */
	executions: number;
	checkedAt: number;
}

type Item = Record<string, unknown>;

/** The seeded threads of the chat the trigger watches. */
function watchedThreads(ctx: QueueContext): string[] {
	const chat = ctx.scale.seeded.chatIds[0];
	return ctx.scale.seeded.threadIds.filter((id) => ctx.worken.sandbox.control.getThread(id)?.chat_id === chat);
}

async function triggerItems(ctx: QueueContext, workflowId: string): Promise<{ execs: Execution[]; items: Item[] }> {
	const execs = finished(await allExecutions(ctx, workflowId, true));
	return { execs, items: execs.flatMap((e) => nodeItems(e, TRIGGER_NODE)) };
}

export async function checkTriggerOnce(ctx: QueueContext, run: Partial<TriggerRun>, note: Note): Promise<string> {
	const { client } = ctx.session;
	const { sandbox } = ctx.worken;
	const { key, seeded } = ctx.scale;
	const wf = loadExample(TRIGGER_EXAMPLE);
	const body = toCreateBody(wf, ctx.scale.cred, (node) => {
		if (node.name !== TRIGGER_NODE) return;
		node.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: fastPollCron(ctx.major) }] };
		node.parameters.options = { maxItems: 300 };
		// Only the first seeded chat: the other checks create threads and messages elsewhere in the project.
		node.parameters.filters = { chatId: { __rl: true, mode: 'id', value: seeded.chatIds[0] } };
	});
	body.name = 'Queue: watch threads';
	const workflowId = await createWorkflow(client, body);
	run.workflowId = workflowId;
	await activateWorkflow(client, workflowId);
	await waitUntilWatching(ctx, workflowId, POLL_WAIT_MS);
	expect(finished(await allExecutions(ctx, workflowId)).length === 0, 'the trigger fired before anything changed');

	// 1. a new thread
	const thread = await workenApi<{ id: string }>(sandbox.url, key, 'POST', `/chats/${seeded.chatIds[0]}/threads`, { title: 'Queue: new thread' });
	let execs = await waitForFinished(ctx, workflowId, 1, POLL_WAIT_MS);
	let got = await triggerItems(ctx, workflowId);
	expect(got.items.length === 1 && threadIdOf(got.items[0]) === thread.id && got.items[0].event === 'newThread', `expected one New Thread item for ${thread.id}, got ${JSON.stringify(got.items).slice(0, 300)}`);
	note(`new thread → execution ${execs[0].id} on ${ctx.cluster.workerOf(execs[0].id) ?? '?'}, eventId ${String(got.items[0].eventId)}`);

	// 2. a new message in it
	const message = sandbox.control.addMessage(thread.id, { role: 'user', content: 'Queue: new message' });
	execs = await waitForFinished(ctx, workflowId, 2, POLL_WAIT_MS);
	got = await triggerItems(ctx, workflowId);
	expect(got.items.length === 2 && got.items[1].id === message.id && got.items[1].event === 'newMessage', `expected one New Message item for ${message.id}, got ${JSON.stringify(got.items.slice(1)).slice(0, 300)}`);
	note(`new message → execution ${execs[1].id} on ${ctx.cluster.workerOf(execs[1].id) ?? '?'}`);

	// 3. a burst of 250 new messages over the seeded threads
	const burst = new Set<string>();
	const watched = watchedThreads(ctx);
	for (let i = 0; i < BURST_CHANGES; i++) {
		const threadId = watched[i % watched.length];
		burst.add(sandbox.control.addMessage(threadId, { role: 'user', content: `Queue burst message ${i}` }).id);
	}
	const t0 = Date.now();
	let burstItems: Item[] = [];
	while (Date.now() - t0 < POLL_WAIT_MS * 2) {
		got = await triggerItems(ctx, workflowId);
		burstItems = got.items.filter((i) => burst.has(String(i.id)));
		if (burstItems.length >= BURST_CHANGES) break;
		await sleep(2000);
	}
	const ids = burstItems.map((i) => String(i.id));
	expect(new Set(ids).size === ids.length, `a burst message was delivered twice (${ids.length} items, ${new Set(ids).size} distinct)`);
	expect(ids.length === BURST_CHANGES, `expected ${BURST_CHANGES} burst messages delivered, got ${ids.length}`);
	const eventIds = got.items.map((i) => String(i.eventId));
	expect(new Set(eventIds).size === eventIds.length, 'two delivered items share an eventId');
	const s = spread(ctx, got.execs.map((e) => e.id));
	expect(s.unknown.length === 0, `trigger executions not run by a worker: ${s.unknown.join(', ')}`);
	run.delivered = got.items.map((i) => String(i.id));
	note(`burst of ${BURST_CHANGES} messages → ${got.execs.length - 2} execution(s), each message once; executions ran on ${s.text}`);
	return `new thread, new message and ${BURST_CHANGES} burst messages each delivered exactly once over ${got.execs.length} executions (${s.text})`;
}

/**
 * Restart the main, switching the durable scheduler on at the same time (one restart instead of two keeps
 * the suite in its time budget; the plain restart is covered by the single-process e2e suite). A message
 * added while the main is down must come exactly once and nothing delivered before may come again; the
 * scheduler check then watches the same workflow for repeats over the following polls.
 */
export async function checkTriggerRestart(
	ctx: QueueContext,
	run: Partial<TriggerRun>,
	restartEnv: Record<string, string>,
	afterRestart: () => Promise<void>,
	note: Note,
): Promise<string> {
	expect(run.workflowId && run.delivered, 'the first trigger check did not run');
	const workflowId = run.workflowId;
	const before = finished(await allExecutions(ctx, workflowId)).length;
	await ctx.session.n8n.stop();
	const threadId = watchedThreads(ctx)[1];
	const whileDown = ctx.worken.sandbox.control.addMessage(threadId, { role: 'user', content: 'Sent while the main was down' });
	await ctx.session.restart(restartEnv);
	note(`main restarted with ${Object.entries(restartEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`);
	await afterRestart();
	const execs = await waitForFinished(ctx, workflowId, before + 1, POLL_WAIT_MS + 30_000);
	expect(execs.length >= before + 1, `no execution after the restart (had ${before})`);
	const got = await triggerItems(ctx, workflowId);
	const after = got.execs.slice(before);
	const items = after.flatMap((e) => nodeItems(e, TRIGGER_NODE));
	expect(items.length === 1 && items[0].id === whileDown.id, `expected only the message sent while down, got ${JSON.stringify(items.map((i) => i.id))}`);
	expect(!run.delivered.includes(String(items[0].id)), 'the message was delivered before');
	run.delivered.push(String(items[0].id));
	run.executions = got.execs.length;
	run.checkedAt = Date.now();
	note(`after the restart: execution ${after[0].id} on ${ctx.cluster.workerOf(after[0].id) ?? '?'} with only ${whileDown.id}`);
	return 'the change made while the main was down was delivered once; nothing earlier came again';
}

/** No execution of the watched workflow since the restart check, over at least one more poll under the scheduler. */
export async function expectNoRedelivery(ctx: QueueContext, run: Partial<TriggerRun>): Promise<number> {
	expect(run.workflowId && run.executions !== undefined && run.checkedAt, 'the restart check did not run');
	// At least one more scheduled poll (once a minute) must have run since.
	const wait = run.checkedAt + 65_000 - Date.now();
	if (wait > 0) await sleep(wait);
	const now = finished(await allExecutions(ctx, run.workflowId)).length;
	expect(now === run.executions, `the watched workflow ran ${now - run.executions} more time(s) without a change`);
	return now;
}
