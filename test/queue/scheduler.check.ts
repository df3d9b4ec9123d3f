/**
 * Issue check 6: n8n 2.x's opt-in durable scheduler for poll triggers, and the eventId recipe.
 *
 * The main restarted (trigger.check.ts, checkTriggerRestart) with `N8N_SCHEDULER_ENABLED`, `N8N_USE_WORKFLOW_PUBLICATION_SERVICE` and
 * `N8N_SCHEDULER_POLL_TRIGGERS_ENABLED` (all three are needed: isDurablePollerChainEnabled in n8n 2.41.1).
 * A workflow Worken Trigger → Remove Duplicates ("Remove Items Processed in Previous Executions", value
 * `{{ $json.eventId }}`) → a no-op is activated; a new thread goes through once. Then a repeated delivery is
 * forced the way an at-least-once scheduler produces one: the trigger's saved state from before that poll
 * is put back (the poll ran, its state was lost), so the trigger emits the same change again; Remove
 * Duplicates must drop it.
 */
import { randomUUID } from 'crypto';
import { activateWorkflow, createWorkflow, deactivateWorkflow, nodeItems, WorkflowNode } from '../../scripts/n8n/workflows';
import { sleep } from '../../scripts/n8n/process';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import { fastPollCron } from '../../scripts/n8n/trigger-poll';
import { expect } from '../e2e/harness';
import type { Note, QueueContext } from './context';
import { allExecutions, finished, waitUntilWatching } from './context';

export const DURABLE_SCHEDULER_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
};

const TRIGGER = 'Worken Trigger';
const DEDUPE = 'Remove Duplicates';
const POLL_WAIT_MS = 60_000 + 60_000;

function recipeWorkflow(ctx: QueueContext, cron: string): Record<string, unknown> {
	const nodes: WorkflowNode[] = [
		{
			id: randomUUID(),
			name: TRIGGER,
			type: 'n8n-nodes-worken.workenTrigger',
			typeVersion: 1,
			position: [0, 0],
			credentials: { workenApi: ctx.scale.cred },
			parameters: {
				pollTimes: { item: [{ mode: 'custom', cronExpression: cron }] },
				events: ['newThread', 'newMessage'],
				filters: { chatId: { __rl: true, mode: 'id', value: ctx.scale.seeded.chatIds[1] } },
				options: {},
			},
		},
		{
			id: randomUUID(),
			name: DEDUPE,
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			position: [220, 0],
			parameters: { operation: 'removeItemsSeenInPreviousExecutions', logic: 'removeItemsWithAlreadySeenKeyValues', dedupeValue: '={{ $json.eventId }}', options: {} },
		},
		{ id: randomUUID(), name: 'Handle each change once', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [440, 0], parameters: {} },
	];
	return {
		name: 'Queue: trigger + Remove Duplicates on eventId',
		nodes,
		connections: {
			[TRIGGER]: { main: [[{ node: DEDUPE, type: 'main', index: 0 }]] },
			[DEDUPE]: { main: [[{ node: 'Handle each change once', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Right after the restart into the durable scheduler: create and activate the recipe workflow. */
export async function activateRecipe(ctx: QueueContext, state: { workflowId?: string }): Promise<void> {
	state.workflowId = await createWorkflow(ctx.session.client, recipeWorkflow(ctx, fastPollCron(ctx.major)));
	await activateWorkflow(ctx.session.client, state.workflowId);
}

export async function checkDurableScheduler(
	ctx: QueueContext,
	state: { workflowId?: string },
	noRedelivery: () => Promise<number>,
	note: Note,
): Promise<string> {
	const { client } = ctx.session;
	expect(state.workflowId, 'the recipe workflow was not activated after the restart');
	const workflowId = state.workflowId;
	// The first poll (under the scheduler: its first occurrence) stores the trigger's place in the feed.
	const t0 = Date.now();
	const snapshot = await waitUntilWatching(ctx, workflowId, POLL_WAIT_MS);
	note(`first poll stored the trigger's state ${Math.round((Date.now() - t0) / 1000)} s into this check`);
	const tables = await ctx.cluster.postgres.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND (tablename LIKE '%schedul%' OR tablename LIKE '%publication%' OR tablename LIKE '%poll%') ORDER BY 1`);
	const counts: string[] = [];
	for (const t of tables) {
		const name = String(t.tablename);
		const [row] = await ctx.cluster.postgres.query(`SELECT count(*)::int AS n FROM "${name}"`);
		counts.push(`${name}: ${String(row?.n)}`);
	}
	note(`durable scheduler tables in Postgres (rows): ${counts.join(', ') || 'none'}`);

	// A new thread: delivered once and passed by Remove Duplicates.
	const thread = await workenApi<{ id: string }>(ctx.worken.sandbox.url, ctx.scale.key, 'POST', `/chats/${ctx.scale.seeded.chatIds[1]}/threads`, { title: 'Recipe: once' });
	const waitFor = async (n: number): Promise<void> => {
		const t = Date.now();
		while (Date.now() - t < POLL_WAIT_MS && finished(await allExecutions(ctx, workflowId)).length < n) await sleep(2000);
	};
	await waitFor(1);
	let execs = finished(await allExecutions(ctx, workflowId, true));
	expect(execs.length === 1, `expected one execution for the new thread, got ${execs.length}`);
	const first = nodeItems(execs[0], TRIGGER);
	expect(first.length === 1 && first[0].id === thread.id, `first delivery: ${JSON.stringify(first).slice(0, 300)}`);
	expect(nodeItems(execs[0], DEDUPE).length === 1, 'Remove Duplicates dropped a first delivery');
	note(`delivered once under the durable scheduler: execution ${execs[0].id} on ${ctx.cluster.workerOf(execs[0].id) ?? '?'}, eventId ${String(first[0].eventId)}`);

	// Repeat the delivery: the state from before that poll comes back, the trigger emits the thread again.
	await deactivateWorkflow(client, workflowId);
	await ctx.cluster.postgres.query(`UPDATE workflow_entity SET "staticData" = '${snapshot.replace(/'/g, "''")}'::json WHERE id = '${workflowId}'`);
	await activateWorkflow(client, workflowId);
	await waitFor(2);
	execs = finished(await allExecutions(ctx, workflowId, true));
	expect(execs.length === 2, `expected the repeated delivery as a second execution, got ${execs.length} executions`);
	const again = nodeItems(execs[1], TRIGGER);
	expect(again.some((i) => i.eventId === first[0].eventId), `the repeated delivery did not carry ${String(first[0].eventId)}: ${JSON.stringify(again).slice(0, 300)}`);
	const passed = nodeItems(execs[1], DEDUPE);
	expect(passed.length === 0, `Remove Duplicates let the repeat through: ${JSON.stringify(passed).slice(0, 300)}`);
	note(`repeated delivery: execution ${execs[1].id} carried ${String(first[0].eventId)} again; Remove Duplicates passed ${passed.length} items`);
	await deactivateWorkflow(client, workflowId).catch(() => undefined);
	const watched = await noRedelivery();
	note(`the workflow watched since before the restart: still ${watched} executions over the next scheduled polls (nothing re-delivered)`);
	return `under the durable scheduler the trigger delivered a new thread once; a forced repeat carried the same eventId and Remove Duplicates dropped it; no repeats on the older workflow`;
}
