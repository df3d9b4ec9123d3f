/**
 * Issue check 2: a burst of webhook executions of a Worken workflow (Webhook → Worken: Create Thread with
 * the title from the request), sent 25 at a time to the main, which queues them for the two workers. Every
 * response must be the thread Worken really stored under that title; the executions must be spread over
 * both workers; executions/s is printed (a figure, not asserted). The same burst again while the main
 * keeps stalling: every call must still be answered (see checkBurstWithStalledMain).
 */
import { randomUUID } from 'crypto';
import { activateWorkflow, createWorkflow, deactivateWorkflow } from '../../scripts/n8n/workflows';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import { expect } from '../e2e/harness';
import type { Note, QueueContext } from './context';
import { allExecutions, listChatThreads, spread } from './context';
import { sleep } from '../../scripts/n8n/process';

export const BURST_SIZE = 200;
/** Enough calls that the lost-answer race (about 2.4% of calls without the setting) shows almost surely. */
const STALLED_BURST_SIZE = 200;
const PARALLEL = 25;
/** Answers come within seconds; a call still unanswered after this is lost, not slow. */
const ANSWER_TIMEOUT_MS = 120_000;

interface CallOutcome {
	title: string;
	status: number;
	json: unknown;
	ms: number;
	/** Set when no answer came (the call timed out or the connection broke). */
	error?: string;
}

/** Webhook → Worken Create Thread in `chatId`, titled by the request; answers with the created thread. */
export function createThreadWorkflow(name: string, path: string, chatId: string, cred: { id: string; name: string }, responseMode = 'lastNode'): Record<string, unknown> {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode, responseData: 'firstEntryJson', options: {} },
			},
			{
				id: randomUUID(),
				name: 'Create thread',
				type: 'n8n-nodes-worken.worken',
				typeVersion: 1,
				position: [220, 0],
				credentials: { workenApi: cred },
				parameters: {
					resource: 'thread',
					operation: 'create',
					chatId: { __rl: true, mode: 'id', value: chatId },
					additionalFields: { title: '={{ $json.body.title }}' },
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Create thread', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

interface Burst {
	workflowId: string;
	chatId: string;
	results: CallOutcome[];
	seconds: number;
}

/**
 * Webhook → Create Thread, active, then `size` calls, `PARALLEL` in flight, each titled `<prefix>-<n>`.
 * A call without an answer is recorded, not thrown, so the rest are still sent and can be checked.
 */
async function sendBurst(ctx: QueueContext, name: string, prefix: string, size: number): Promise<Burst> {
	const { client } = ctx.session;
	const chat = await workenApi<{ id: string }>(ctx.worken.sandbox.url, ctx.scale.key, 'POST', '/chats', { name, bot_id: ctx.scale.seeded.botIds[0] });
	const path = `queue-${prefix}-${Date.now()}`;
	const workflowId = await createWorkflow(client, createThreadWorkflow(`Queue: ${name}`, path, chat.id, ctx.scale.cred));
	await activateWorkflow(client, workflowId);
	await client.webhook(path, { title: 'warm-up' }); // waits until the webhook is registered
	const t0 = Date.now();
	const results: CallOutcome[] = [];
	let next = 0;
	const sender = async (): Promise<void> => {
		while (next < size) {
			const title = `${prefix}-${next++}`;
			const sent = Date.now();
			try {
				const res = await client.webhook(path, { title }, ANSWER_TIMEOUT_MS);
				results.push({ title, status: res.status, json: res.json, ms: Date.now() - sent });
			} catch (error) {
				results.push({ title, status: 0, json: undefined, ms: Date.now() - sent, error: String(error) });
			}
		}
	};
	await Promise.all(Array.from({ length: PARALLEL }, sender));
	const seconds = (Date.now() - t0) / 1000;
	await deactivateWorkflow(client, workflowId);
	return { workflowId, chatId: chat.id, results, seconds };
}

/**
 * Every call answered with the thread Worken really stored under its title, one thread per call and none
 * doubled, one successful execution per call; returns the executions' spread over the workers.
 */
async function expectBurstMatchesWorken(ctx: QueueContext, burst: Burst, size: number): Promise<ReturnType<typeof spread>> {
	const { workflowId, chatId, results } = burst;
	const unanswered = results.filter((r) => r.error !== undefined);
	if (unanswered.length > 0) {
		const why = await diagnose(ctx, workflowId, chatId, unanswered).catch((error: unknown) => `(could not look closer: ${String(error)})`);
		throw new Error(`${unanswered.length} of ${size} webhook calls had no answer within ${ANSWER_TIMEOUT_MS / 1000} s: ${why}`);
	}
	const failed = results.filter((r) => r.status !== 200);
	expect(failed.length === 0, `${failed.length} of ${size} webhook calls failed, e.g. ${String(JSON.stringify(failed[0] ?? null)).slice(0, 300)}`);
	for (const r of results) {
		const thread = r.json as { id?: string; title?: string };
		expect(thread.title === r.title && thread.id, `response for ${r.title} is not that thread: ${String(JSON.stringify(r.json)).slice(0, 200)}`);
		const stored = ctx.worken.sandbox.control.getThread(thread.id!);
		expect(stored?.title === r.title && stored.chat_id === chatId, `Worken has no thread ${thread.id} titled ${r.title} in the burst chat`);
	}
	// Exactly one thread per request in Worken, nothing doubled: page through the chat's threads.
	const titles = (await listChatThreads(ctx, chatId)).map((t) => t.title);
	expect(titles.length === size + 1, `the burst chat holds ${titles.length} threads, expected ${size + 1} (the warm-up and one per request)`);
	expect(new Set(titles).size === titles.length, 'a title appears twice in the burst chat');

	const execs = (await allExecutions(ctx, workflowId)).filter((e) => e.status === 'success');
	expect(execs.length === size + 1, `expected ${size + 1} successful executions, n8n recorded ${execs.length}`);
	return spread(ctx, execs.map((e) => e.id));
}

export async function checkBurst(ctx: QueueContext, note: Note): Promise<string> {
	const burst = await sendBurst(ctx, 'Burst', 'burst', BURST_SIZE);
	const s = await expectBurstMatchesWorken(ctx, burst, BURST_SIZE);
	expect(s.unknown.length === 0 && s.byWorker.size === ctx.cluster.workers.length, `executions not spread over every worker: ${s.text}`);
	const rate = (BURST_SIZE / burst.seconds).toFixed(1);
	const slowest = Math.max(...burst.results.map((r) => r.ms));
	note(`${BURST_SIZE} executions in ${burst.seconds.toFixed(1)} s = ${rate} executions/s (${PARALLEL} requests in flight; slowest answer ${slowest} ms; ${s.text})`);
	return `${BURST_SIZE} executions, all succeeded and match Worken; ${rate} executions/s; ${s.text}`;
}

/**
 * The same burst while the main keeps stalling: paused (SIGSTOP) for 0.3–0.7 s, then running for
 * 0.03–0.18 s, over and over, as a main in long GC pauses or on an overloaded host runs. A worker can
 * then finish a job before the main starts waiting for it. n8n 2.x removes a finished job from Redis at
 * once by default, and Bull's `job.finished()`, which the main awaits, never settles for a job that is
 * already gone: that webhook call gets no answer, ever (measured: 19 of 800 calls). With
 * N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED / _FAILED set (the cluster sets both, docs/running-at-scale.md)
 * Bull's 5-second watchdog finds the job and the call is answered (0 of 800).
 */
export async function checkBurstWithStalledMain(ctx: QueueContext, note: Note): Promise<string> {
	const pid = ctx.session.n8n.pid;
	if (!pid) throw new Error('the main has no process id');
	let stalls = 0;
	let sending = true;
	const staller = (async () => {
		while (sending) {
			process.kill(pid, 'SIGSTOP');
			stalls++;
			try {
				await sleep(300 + Math.random() * 400);
			} finally {
				process.kill(pid, 'SIGCONT');
			}
			await sleep(30 + Math.random() * 150);
		}
	})();
	let burst: Burst;
	try {
		burst = await sendBurst(ctx, 'Burst, main stalling', 'stalled', STALLED_BURST_SIZE);
	} finally {
		sending = false;
		await staller;
	}
	const s = await expectBurstMatchesWorken(ctx, burst, STALLED_BURST_SIZE);
	const slowest = Math.max(...burst.results.map((r) => r.ms));
	note(`main stalled ${stalls} times during ${burst.seconds.toFixed(1)} s; every call answered, slowest after ${slowest} ms (${s.text})`);
	return `${STALLED_BURST_SIZE} calls while the main stalled ${stalls} times: all answered, all match Worken, slowest answer ${(slowest / 1000).toFixed(1)} s`;
}

/**
 * For each unanswered call: the execution the database holds for it (found by the title in its data), its
 * status and worker, whether the main's API still hides it as running, and whether Worken holds the thread.
 * An execution that ended in success on a worker, with its thread in Worken, while the main still counts it
 * as running, means the main never learned that the job had finished (docs/running-at-scale.md:
 * N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED).
 */
async function diagnose(ctx: QueueContext, workflowId: string, chatId: string, unanswered: CallOutcome[]): Promise<string> {
	const listed = new Set((await allExecutions(ctx, workflowId)).map((e) => String(e.id)));
	const stored = new Set((await listChatThreads(ctx, chatId)).map((t) => t.title));
	const lines: string[] = [];
	for (const call of unanswered.slice(0, 5)) {
		const title = call.title.replace(/[^A-Za-z0-9-]/g, '');
		// The database, not n8n's API: the main's API leaves out executions the main believes still run.
		const rows = await ctx.cluster.postgres.query(
			`SELECT e.id, e.status, e."stoppedAt" AS stopped FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id ` +
				`WHERE e."workflowId" = '${workflowId.replace(/'/g, '')}' AND d.data LIKE '%"${title}"%'`,
		);
		const worken = stored.has(call.title) ? 'Worken holds its thread' : 'Worken has no thread of that title';
		const row = rows[0] as { id: number; status: string; stopped: unknown } | undefined;
		if (!row) {
			lines.push(`${call.title} (${call.error}): the database holds no execution for it; ${worken}`);
			continue;
		}
		const where = ctx.cluster.workerOf(row.id) ?? 'no worker';
		const mainView = listed.has(String(row.id)) ? 'listed by the main' : 'hidden by the main as still running';
		lines.push(`${call.title} (${call.error}): execution ${row.id} on ${where} is '${row.status}' in the database (stopped ${row.stopped instanceof Date ? row.stopped.toISOString() : String(row.stopped ?? 'never')}), ${mainView}; ${worken}`);
	}
	return lines.join('; ');
}
