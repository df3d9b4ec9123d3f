/**
 * Issue check 4: SIGKILL one worker while it runs executions of a two-step Worken workflow (Create Thread,
 * wait 4 s, Send as Operator into it). Reported: what n8n records for the executions the dead worker held
 * and for the others. Checked: nothing the pack wrote to Worken is doubled: at most one thread per request
 * and at most one operator message per thread (n8n's queue gives a stalled job no second run:
 * `maxStalledCount: 0` in n8n's ScalingService), and every execution on the surviving worker completed.
 */
import { randomUUID } from 'crypto';
import { activateWorkflow, createWorkflow, deactivateWorkflow } from '../../scripts/n8n/workflows';
import { sleep } from '../../scripts/n8n/process';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import { expect } from '../e2e/harness';
import type { Note, QueueContext } from './context';
import { allExecutions, listChatThreads } from './context';
import { createThreadWorkflow } from './burst.check';

const REQUESTS = 12;

function twoStepWorkflow(ctx: QueueContext, path: string, chatId: string): Record<string, unknown> {
	const wf = createThreadWorkflow('Queue: worker killed mid-run', path, chatId, ctx.scale.cred, 'onReceived') as {
		nodes: Array<Record<string, unknown>>;
		connections: Record<string, unknown>;
	};
	wf.nodes.push(
		{ id: randomUUID(), name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [440, 0], webhookId: randomUUID(), parameters: { amount: 4, unit: 'seconds' } },
		{
			id: randomUUID(),
			name: 'Answer as operator',
			type: 'n8n-nodes-worken.worken',
			typeVersion: 1,
			position: [660, 0],
			credentials: { workenApi: ctx.scale.cred },
			parameters: { resource: 'message', operation: 'sendOperator', threadId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, text: '={{ "operator answer for " + $json.title }}' },
		},
	);
	wf.connections['Create thread'] = { main: [[{ node: 'Wait', type: 'main', index: 0 }]] };
	wf.connections.Wait = { main: [[{ node: 'Answer as operator', type: 'main', index: 0 }]] };
	return wf;
}

export async function checkWorkerKill(ctx: QueueContext, note: Note): Promise<string> {
	const { client } = ctx.session;
	const { sandbox } = ctx.worken;
	const victim = ctx.cluster.workers[0];
	const chat = await workenApi<{ id: string }>(sandbox.url, ctx.scale.key, 'POST', '/chats', { name: 'Worker kill', bot_id: ctx.scale.seeded.botIds[0] });
	const path = `queue-kill-${Date.now()}`;
	const workflowId = await createWorkflow(client, twoStepWorkflow(ctx, path, chat.id));
	await activateWorkflow(client, workflowId);
	const startedBefore = new Set(ctx.cluster.executionsByWorker().get(victim.name));

	await Promise.all(Array.from({ length: REQUESTS }, (_, i) => client.webhook(path, { title: `kill-${i}` })));
	// Kill once the victim holds executions and threads sit created but not yet answered (executions in
	// their 4 s wait between the two writes).
	const t0 = Date.now();
	let held: string[] = [];
	let midway = 0;
	while (Date.now() - t0 < 30_000) {
		held = (ctx.cluster.executionsByWorker().get(victim.name) ?? []).filter((id) => !startedBefore.has(id));
		const threads = (await listChatThreads(ctx, chat.id)).map((t) => t.id);
		midway = threads.filter((id) => !(sandbox.control.listMessages(id) ?? []).some((m) => m.role === 'operator')).length;
		if (held.length >= 1 && midway >= 2) break;
		await sleep(100);
	}
	expect(held.length > 0, `${victim.name} took none of the ${REQUESTS} executions within 30 s`);
	await victim.instance.kill();
	// Everything the victim had taken by the time it died (its log up to the kill).
	held = (ctx.cluster.executionsByWorker().get(victim.name) ?? []).filter((id) => !startedBefore.has(id));
	note(`SIGKILL ${victim.name} while it held executions ${held.join(', ')} and ${midway} threads were created but not yet answered`);

	// Give n8n time to notice (Bull's lock expiry and stalled-job check, shortened for the suite).
	const deadline = Date.now() + 90_000;
	let execs = await allExecutions(ctx, workflowId);
	while (Date.now() < deadline) {
		execs = await allExecutions(ctx, workflowId);
		const open = execs.filter((e) => !['success', 'error', 'crashed', 'canceled'].includes(String(e.status)));
		if (execs.length === REQUESTS && open.length === 0) break;
		await sleep(2000);
	}
	const statusOf = (ids: string[]): string =>
		Object.entries(
			execs.filter((e) => ids.includes(String(e.id))).reduce<Record<string, number>>((acc, e) => ({ ...acc, [String(e.status)]: (acc[String(e.status)] ?? 0) + 1 }), {}),
		)
			.map(([s, n]) => `${n} ${s}`)
			.join(', ');
	// The victim's log may not show every job it took (it died before logging, or before its output was
	// read), so split by the survivor's log: what the survivor ran, and what the killed worker had taken.
	const survivor = new Set(ctx.cluster.executionsByWorker().get(ctx.cluster.workers[1].name) ?? []);
	const others = execs.map((e) => String(e.id)).filter((id) => survivor.has(id));
	const lost = execs.map((e) => String(e.id)).filter((id) => !survivor.has(id));
	note(`n8n's record ~${Math.round((Date.now() - t0) / 1000)} s later: the ${lost.length} taken by the killed worker: ${statusOf(lost)}; the ${others.length} run by the other worker: ${statusOf(others)}`);
	const rerun = held.filter((id) => survivor.has(id));
	note(rerun.length ? `executions started again on the other worker: ${rerun.join(', ')}` : 'no execution of the killed worker was started again elsewhere');

	// Worken: nothing doubled.
	const threads = await listChatThreads(ctx, chat.id);
	const titles = threads.map((t) => t.title);
	expect(new Set(titles).size === titles.length, `a thread was created twice: ${titles.sort().join(', ')}`);
	let answered = 0;
	for (const t of threads) {
		const ops = (sandbox.control.listMessages(t.id) ?? []).filter((m) => m.role === 'operator');
		expect(ops.length <= 1, `thread ${t.title} got ${ops.length} operator messages`);
		answered += ops.length;
	}
	const otherOk = execs.filter((e) => others.includes(String(e.id)) && e.status === 'success').length;
	expect(otherOk === others.length, `only ${otherOk} of the ${others.length} executions on the surviving worker succeeded`);
	note(`Worken: ${threads.length} threads for ${REQUESTS} requests, ${answered} answered once, none twice (${threads.length - answered} created by an execution that died before its second step)`);
	await deactivateWorkflow(client, workflowId).catch(() => undefined);
	// The suite goes on with one worker (restarting the killed one would cost ~40 s of the CI budget).
	return `killed ${victim.name}: the ${lost.length} it had taken ${statusOf(lost)}; the other worker's ${others.length} ${statusOf(others)}; Worken: ${threads.length} threads, ${answered} operator answers, nothing doubled`;
}
