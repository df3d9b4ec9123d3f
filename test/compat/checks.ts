/**
 * The compat smoke checks that the full e2e suite has no equivalent for: node types as the version can
 * offer them, the trigger's first event, and a failing call's error as n8n shows it (the pack may run
 * against a second, newer copy of n8n-workflow, whose error classes n8n's own `instanceof` does not know).
 */
import { activateWorkflow, createWorkflow, deactivateWorkflow, listExecutions, loadExample, toCreateBody } from '../../scripts/n8n/workflows';
import type { WorkflowFile } from '../../scripts/n8n/workflows';
import { runWorkflow } from '../../scripts/n8n/run-example';
import { sleep } from '../../scripts/n8n/process';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import { fastPollCron, threadIdOf } from '../../scripts/n8n/trigger-poll';
import type { E2EContext } from '../e2e/context';
import { expect } from '../e2e/harness';
import { TRIGGER_EXAMPLE, TRIGGER_NODE } from '../e2e/trigger.check';
import type { Features } from './features';

interface NodeTypeDescription {
	name: string;
	polling?: boolean;
}

export async function checkPackNodeTypes(ctx: E2EContext, features: Features, note: (t: string) => void): Promise<string> {
	const types = await ctx.session.client.getWithCookie<NodeTypeDescription[]>('/types/nodes.json');
	const ours = types.filter((t) => t.name.startsWith('n8n-nodes-worken.')).map((t) => t.name);
	note(`the pack's node types: ${ours.join(', ') || 'none'}`);
	expect(ours.includes('n8n-nodes-worken.worken'), 'the Worken node is not listed');
	expect(types.find((t) => t.name === 'n8n-nodes-worken.workenTrigger')?.polling === true, 'the Worken Trigger is not listed as a polling trigger');
	const tool = ours.includes('n8n-nodes-worken.workenTool');
	if (features.aiTools) expect(tool, 'the AI tool variant workenTool is not listed');
	// Before 1.85 n8n may list the tool variant, but runs it only with N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true.
	else note(`workenTool ${tool ? 'listed (runs only with N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true before n8n 1.85)' : 'not listed'}`);
	return ours.join(', ');
}

/** An active Worken Trigger starts one execution, carrying exactly the new thread, after a thread is created. */
export async function checkTriggerFirstEvent(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	expect(ctx.cred, 'no credential');
	const client = ctx.session.client;
	const { sandbox, key, seeded } = ctx.worken;
	const waitMs = (ctx.major >= 2 ? 60_000 : 5_000) + 30_000;
	const body = toCreateBody(loadExample(TRIGGER_EXAMPLE), ctx.cred, (node) => {
		if (node.name === TRIGGER_NODE) node.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: fastPollCron(ctx.major) }] };
	});
	const workflowId = await createWorkflow(client, body);
	await activateWorkflow(client, workflowId);
	try {
		await sleep(3000);
		const finished = async () => (await listExecutions(client, workflowId)).filter((e) => e.stoppedAt || e.finished);
		expect((await finished()).length === 0, 'the trigger fired before anything changed');
		const thread = await workenApi<{ id: string }>(sandbox.url, key, 'POST', `/chats/${seeded.chatIds[0]}/threads`, { title: 'Compat: first event' });
		const t0 = Date.now();
		let execs = await finished();
		while (execs.length === 0 && Date.now() - t0 < waitMs) {
			await sleep(1000);
			execs = await finished();
		}
		expect(execs.length === 1, `expected one execution within ${waitMs / 1000}s of the new thread, saw ${execs.length}`);
		const items = (execs[0].data?.resultData.runData[TRIGGER_NODE]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);
		expect(items.length === 1 && threadIdOf(items[0]) === thread.id, `the execution should carry exactly thread ${thread.id}, got ${JSON.stringify(items).slice(0, 300)}`);
		note(`first event after ${Math.round((Date.now() - t0) / 1000)}s: ${JSON.stringify(items[0]).slice(0, 160)}`);
		return `one execution carrying the new thread ${thread.id}`;
	} finally {
		await deactivateWorkflow(client, workflowId).catch(() => undefined);
	}
}

/** A call Worken refuses (an unknown thread) fails the run with the pack's own message, not a generic one. */
export async function checkErrorMessage(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	expect(ctx.cred, 'no credential');
	const unknown = 'thr_unknown_compat';
	const wf: WorkflowFile = {
		name: 'Compat: unknown thread',
		nodes: [
			{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				name: 'Get the thread',
				type: 'n8n-nodes-worken.worken',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'thread', operation: 'get', threadId: { __rl: true, mode: 'id', value: unknown } },
				credentials: { workenApi: ctx.cred },
			},
		],
		connections: { Start: { main: [[{ node: 'Get the thread', type: 'main', index: 0 }]] } },
	};
	const failure = await runWorkflow(ctx, wf, { entry: 'Start' }).then(
		() => undefined,
		(err: unknown) => (err instanceof Error ? err.message : String(err)),
	);
	expect(failure, 'the run with an unknown thread did not fail');
	note(`n8n reported: ${failure.slice(0, 400)}`);
	expect(/not found/i.test(failure) && failure.includes(unknown), `the failure does not say the thread ${unknown} was not found: ${failure.slice(0, 300)}`);
	return failure.slice(0, 200);
}
