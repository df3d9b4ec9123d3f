/**
 * Issue check 2: a burst of webhook executions of a Worken workflow (Webhook → Worken: Create Thread with
 * the title from the request), sent 25 at a time to the main, which queues them for the two workers. Every
 * response must be the thread Worken really stored under that title; the executions must be spread over
 * both workers; executions/s is printed (a figure, not asserted).
 */
import { randomUUID } from 'crypto';
import { activateWorkflow, createWorkflow, deactivateWorkflow } from '../../scripts/n8n/workflows';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import { expect } from '../e2e/harness';
import type { Note, QueueContext } from './context';
import { allExecutions, listChatThreads, spread } from './context';

export const BURST_SIZE = 200;
const PARALLEL = 25;

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

export async function checkBurst(ctx: QueueContext, note: Note): Promise<string> {
	const { client } = ctx.session;
	const { sandbox } = ctx.worken;
	const chat = await workenApi<{ id: string }>(sandbox.url, ctx.scale.key, 'POST', '/chats', { name: 'Burst', bot_id: ctx.scale.seeded.botIds[0] });
	const path = `queue-burst-${Date.now()}`;
	const workflowId = await createWorkflow(client, createThreadWorkflow('Queue burst: create threads', path, chat.id, ctx.scale.cred));
	await activateWorkflow(client, workflowId);
	await client.webhook(path, { title: 'warm-up' }); // waits until the webhook is registered
	const t0 = Date.now();
	const results: Array<{ title: string; status: number; json: unknown }> = [];
	let next = 0;
	const sender = async (): Promise<void> => {
		while (next < BURST_SIZE) {
			const title = `burst-${next++}`;
			const res = await client.webhook(path, { title }, 180_000);
			results.push({ title, status: res.status, json: res.json });
		}
	};
	await Promise.all(Array.from({ length: PARALLEL }, sender));
	const seconds = (Date.now() - t0) / 1000;
	await deactivateWorkflow(client, workflowId);

	const failed = results.filter((r) => r.status !== 200);
	expect(failed.length === 0, `${failed.length} of ${BURST_SIZE} webhook calls failed, e.g. ${String(JSON.stringify(failed[0] ?? null)).slice(0, 300)}`);
	for (const r of results) {
		const thread = r.json as { id?: string; title?: string };
		expect(thread.title === r.title && thread.id, `response for ${r.title} is not that thread: ${String(JSON.stringify(r.json)).slice(0, 200)}`);
		const stored = sandbox.control.getThread(thread.id!);
		expect(stored?.title === r.title && stored.chat_id === chat.id, `Worken has no thread ${thread.id} titled ${r.title} in the burst chat`);
	}
	// Exactly one thread per request in Worken, nothing doubled: page through the chat's threads.
	const titles = (await listChatThreads(ctx, chat.id)).map((t) => t.title);
	expect(titles.length === BURST_SIZE + 1, `the burst chat holds ${titles.length} threads, expected ${BURST_SIZE + 1} (the warm-up and one per request)`);
	expect(new Set(titles).size === titles.length, 'a title appears twice in the burst chat');

	const execs = (await allExecutions(ctx, workflowId)).filter((e) => e.status === 'success');
	expect(execs.length === BURST_SIZE + 1, `expected ${BURST_SIZE + 1} successful executions, n8n recorded ${execs.length}`);
	const s = spread(ctx, execs.map((e) => e.id));
	expect(s.unknown.length === 0 && s.byWorker.size === ctx.cluster.workers.length, `executions not spread over every worker: ${s.text}`);
	const rate = (BURST_SIZE / seconds).toFixed(1);
	note(`${BURST_SIZE} executions in ${seconds.toFixed(1)} s = ${rate} executions/s (${PARALLEL} requests in flight; ${s.text})`);
	return `${BURST_SIZE} executions, all succeeded and match Worken; ${rate} executions/s; ${s.text}`;
}
