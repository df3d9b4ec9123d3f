/**
 * What every queue-mode check gets: the e2e context (the main's session, the demo project, its credential),
 * the cluster (Postgres, Redis, workers), and a second sandbox project on the unlimited plan for the checks
 * that send hundreds of requests (the demo project is on "pro", whose rate limit the examples rely on).
 */
import type { E2EContext } from '../e2e/context';
import type { QueueCluster } from '../../scripts/n8n/queue-cluster';
import type { CredentialRef, Execution } from '../../scripts/n8n/workflows';
import type { SeedResult } from '../../sandbox';
import { listExecutions } from '../../scripts/n8n/workflows';
import { sleep } from '../../scripts/n8n/process';
import { workenApi } from '../../scripts/n8n/worken-sandbox';

export interface ScaleProject {
	projectId: string;
	key: string;
	seeded: SeedResult;
	cred: CredentialRef;
}

export interface QueueContext extends E2EContext {
	cluster: QueueCluster;
	scale: ScaleProject;
}

export type Note = (text: string) => void;

export function finished(execs: Execution[]): Execution[] {
	return execs.filter((e) => e.stoppedAt || e.finished).sort((a, b) => Number(a.id) - Number(b.id));
}

/** Every execution (of one workflow, or of all), paged past the public API's 250 per page. */
export async function allExecutions(ctx: QueueContext, workflowId?: string, includeData = false): Promise<Execution[]> {
	const out: Execution[] = [];
	let cursor: string | undefined;
	for (let i = 0; i < 50; i++) {
		const qs = `${workflowId ? `workflowId=${encodeURIComponent(workflowId)}&` : ''}includeData=${includeData}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const page = await ctx.session.client.api<{ data: Execution[]; nextCursor?: string | null }>('GET', `/executions?${qs}`);
		out.push(...page.data);
		if (!page.nextCursor) break;
		cursor = page.nextCursor;
	}
	return out;
}

/** Wait (bounded) until `count` executions of a workflow have stopped; returns them oldest first. */
export async function waitForFinished(ctx: QueueContext, workflowId: string, count: number, timeoutMs: number): Promise<Execution[]> {
	const t0 = Date.now();
	let last: Execution[] = [];
	for (let i = 0; i < 2000 && Date.now() - t0 < timeoutMs; i++) {
		last = finished(await listExecutions(ctx.session.client, workflowId));
		if (last.length >= count) return last;
		await sleep(1000);
	}
	return last;
}

/** "worker-1: 103, worker-2: 97" for a set of execution ids. */
export function spread(ctx: QueueContext, ids: Array<string | number>): { text: string; byWorker: Map<string, number>; unknown: string[] } {
	const byWorker = new Map<string, number>();
	const unknown: string[] = [];
	for (const id of ids) {
		const w = ctx.cluster.workerOf(id);
		if (!w) unknown.push(String(id));
		else byWorker.set(w, (byWorker.get(w) ?? 0) + 1);
	}
	const text = [...byWorker.entries()].sort().map(([w, n]) => `${w}: ${n}`).join(', ') + (unknown.length ? `, not on a worker: ${unknown.length}` : '');
	return { text, byWorker, unknown };
}

/** The workflow's static data as Postgres holds it (the trigger keeps its place in the feed there). */
export async function staticDataOf(ctx: QueueContext, workflowId: string): Promise<string | null> {
	const rows = await ctx.cluster.postgres.query(`SELECT "staticData"::text AS s FROM workflow_entity WHERE id = '${workflowId.replace(/'/g, '')}'`);
	return (rows[0]?.s as string | null) ?? null;
}

/**
 * Wait until the trigger's first poll has stored where "now" is in the feed (phase "watching"). Changes made
 * before that belong to the past the trigger skips by design, so a check must not make them earlier (under
 * load n8n 2.x may still be in that first poll when the activate call has returned).
 */
export async function waitUntilWatching(ctx: QueueContext, workflowId: string, timeoutMs: number): Promise<string> {
	const t0 = Date.now();
	let data: string | null = null;
	while (Date.now() - t0 < timeoutMs) {
		data = await staticDataOf(ctx, workflowId);
		if (data && data.includes('"phase":"watching"')) return data;
		await sleep(1000);
	}
	throw new Error(`the trigger did not finish its first poll within ${Math.round(timeoutMs / 1000)} s of activation (static data: ${String(data).slice(0, 200)})`);
}

/** Every thread of a chat in the scale project, read from Worken's API (pages of 100). */
export async function listChatThreads(ctx: QueueContext, chatId: string): Promise<Array<{ id: string; title: string }>> {
	const threads: Array<{ id: string; title: string }> = [];
	for (let offset = 0; offset < 1000; offset += 100) {
		const page = await workenApi<unknown>(ctx.worken.sandbox.url, ctx.scale.key, 'GET', `/chats/${chatId}/threads?limit=100&offset=${offset}`);
		const items = (Array.isArray(page) ? page : (page as { data: unknown[] }).data) as Array<{ id: string; title: string }>;
		threads.push(...items);
		if (items.length < 100) break;
	}
	return threads;
}
