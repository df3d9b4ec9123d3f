/**
 * Issue checks 1 and 5: every example runs through the queue exactly as in the single-process e2e suite (the
 * same checks, test/e2e/examples.check.ts, including the Chat Trigger streaming Send and Get Reply), and
 * n8n's own records show a worker ran each execution: a worker logs "Worker started execution <id>" when it
 * takes the job from the Redis queue (n8n's JobProcessor); the main runs none in queue mode.
 */
import { exampleChecks } from '../e2e/examples.check';
import { expect } from '../e2e/harness';
import type { QueueContext, Note } from './context';
import { allExecutions, spread } from './context';

type Check = [string, (note: Note) => Promise<string>];

export function queueExampleChecks(ctx: QueueContext): Check[] {
	return [...exampleChecks(ctx), ['every example execution ran on a worker, and the chat reply streamed through one', (n) => examplesOnWorkers(ctx, n)]];
}

async function examplesOnWorkers(ctx: QueueContext, note: Note): Promise<string> {
	const execs = (await allExecutions(ctx)).filter((e) => e.stoppedAt || e.finished);
	expect(execs.length >= 7, `expected at least 7 example executions, found ${execs.length}`);
	const workflows = await ctx.session.client.api<{ data: Array<{ id: string; name: string }> }>('GET', '/workflows?limit=250');
	const nameOf = new Map(workflows.data.map((w) => [w.id, w.name]));
	for (const e of execs) note(`execution ${e.id} (${nameOf.get(e.workflowId) ?? e.workflowId}, ${e.mode}, ${e.status}) ran on ${ctx.cluster.workerOf(e.id) ?? 'no worker'}`);
	const s = spread(ctx, execs.map((e) => e.id));
	expect(s.unknown.length === 0, `executions no worker logged as started: ${s.unknown.join(', ')}`);
	const chat = execs.filter((e) => /chat/i.test(nameOf.get(e.workflowId) ?? ''));
	expect(chat.length > 0, 'no execution of the chat example found');
	return `${execs.length} executions, all on workers (${s.text}); chat reply streamed from ${chat.map((e) => ctx.cluster.workerOf(e.id)).join(', ')}`;
}
