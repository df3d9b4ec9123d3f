/**
 * The Worken Trigger in an **active** workflow (examples/watch-threads.json), polled by n8n's own scheduler:
 *   1. a thread created in the sandbox starts exactly one execution;
 *   2. a message added to it starts exactly one more;
 *   3. with no change, no further execution;
 *   4. n8n restarted: a change made while it was down is delivered exactly once, earlier ones never again
 *      (only possible if the feed cursor survived in the workflow's static data: a lost cursor would either
 *      re-deliver or, with "include existing" off, silently skip the change).
 *
 * Poll interval: n8n 1.x accepts listed seconds in a custom cron (`0,5,…,55 * * * * *`: every 5 s; it refuses
 * `*` in the seconds field). n8n 2.x refuses any sub-minute cron (`isSubMinuteCron`: a 6-field expression
 * whose seconds field is not a plain number), so there the fastest is once a minute (`* * * * *`), and the
 * waits below allow for that.
 */
import { activateWorkflow, createWorkflow, Execution, listExecutions, loadExample, toCreateBody } from '../../scripts/n8n/workflows';
import { sleep } from '../../scripts/n8n/process';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import { fastPollCron, threadIdOf } from '../../scripts/n8n/trigger-poll';
import type { E2EContext } from './context';
import { expect } from './harness';

export const TRIGGER_EXAMPLE = 'watch-threads.json';
export const TRIGGER_NODE = 'Worken Trigger';

function finished(execs: Execution[]): Execution[] {
	return execs.filter((e) => e.stoppedAt || e.finished).sort((a, b) => Number(a.id) - Number(b.id));
}

export async function checkTrigger(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	expect(ctx.cred, 'no credential');
	const client = ctx.session.client;
	const { sandbox, key, seeded } = ctx.worken;
	const cycleMs = ctx.major >= 2 ? 60_000 : 5_000;
	const waitMs = cycleMs + 30_000; // one poll cycle plus the execution itself, on a busy 2-core machine
	// At least one full poll cycle without a change (two on 1.x, where a cycle is only 5 s).
	const quietMs = ctx.major >= 2 ? cycleMs + 10_000 : cycleMs * 2 + 2_000;

	const wf = loadExample(TRIGGER_EXAMPLE);
	const body = toCreateBody(wf, ctx.cred, (node) => {
		if (node.name !== TRIGGER_NODE) return;
		node.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: fastPollCron(ctx.major) }] };
	});
	const workflowId = await createWorkflow(client, body);
	await activateWorkflow(client, workflowId); // n8n polls once right away (the activation test poll)
	note(`activated "${wf.name}" (${workflowId}) polling with cron "${fastPollCron(ctx.major)}"`);
	await sleep(3000);
	const baseline = finished(await listExecutions(client, workflowId)).length;
	expect(baseline === 0, `the trigger fired ${baseline} time(s) before anything changed`);

	const countNow = async (): Promise<Execution[]> => finished(await listExecutions(client, workflowId));
	const waitForCount = async (n: number, what: string): Promise<Execution[]> => {
		const t0 = Date.now();
		let execs: Execution[] = [];
		for (let i = 0; i < 400 && Date.now() - t0 < waitMs; i++) {
			execs = await countNow();
			if (execs.length >= n) {
				note(`${what}: execution #${n} after ${Math.round((Date.now() - t0) / 1000)}s`);
				return execs;
			}
			await sleep(1000);
		}
		throw new Error(`${what}: expected ${n} execution(s) within ${waitMs / 1000}s, saw ${execs.length}`);
	};
	const itemsOf = (e: Execution): Array<Record<string, unknown>> =>
		(e.data?.resultData.runData[TRIGGER_NODE]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);

	// 1. a new thread
	const chatId = seeded.chatIds[0];
	const thread = await workenApi<{ id: string }>(sandbox.url, key, 'POST', `/chats/${chatId}/threads`, { title: 'E2E: customer asks for help' });
	let execs = await waitForCount(1, 'new thread');
	const first = itemsOf(execs[0]);
	expect(first.length === 1 && threadIdOf(first[0]) === thread.id, `first execution should carry exactly the new thread ${thread.id}, got ${JSON.stringify(first).slice(0, 300)}`);

	// 2. a new message in it
	sandbox.control.addMessage(thread.id, { role: 'user', content: 'Hello, I need help with my order' });
	execs = await waitForCount(2, 'new message');
	const second = itemsOf(execs[1]);
	expect(second.length === 1 && threadIdOf(second[0]) === thread.id, `second execution should carry thread ${thread.id} once, got ${JSON.stringify(second).slice(0, 300)}`);
	note(`items: ${JSON.stringify(first[0]).slice(0, 160)} … then ${JSON.stringify(second[0]).slice(0, 160)}`);

	// 3. no change, no execution
	await sleep(quietMs);
	execs = await countNow();
	expect(execs.length === 2, `the trigger fired again without a change: ${execs.length} executions`);

	const stored = await client.api<{ staticData?: unknown }>('GET', `/workflows/${workflowId}`);
	note(`static data saved by n8n: ${JSON.stringify(stored.staticData ?? null).slice(0, 200)}`);

	// 4. restart: a change while n8n is down arrives once, nothing is re-delivered
	await ctx.session.n8n.stop();
	const other = seeded.threadIds[1];
	sandbox.control.addMessage(other, { role: 'user', content: 'Message sent while n8n was down' });
	await ctx.session.restart();
	execs = await waitForCount(3, 'change made while n8n was stopped');
	const third = itemsOf(execs[2]);
	const ids = third.map(threadIdOf);
	expect(ids.length === 1 && ids[0] === other, `after restart expected only thread ${other}, got ${JSON.stringify(ids)} (re-delivery or lost cursor)`);
	await sleep(quietMs);
	execs = await countNow();
	expect(execs.length === 3, `after restart the trigger fired ${execs.length - 3} extra time(s) without a change`);

	return `1 run for the new thread, 1 for its message, none while quiet; after restart only the change made while stopped (3 runs in all)`;
}
