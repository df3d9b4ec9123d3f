/**
 * Import an example workflow through n8n's public API and run it on demand (the demo and the e2e suite).
 *
 * How a non-trigger workflow is run on demand, identically on n8n 1.x and 2.x: the harness adds one
 * Webhook node ("E2E webhook", response = all items of the last node) wired to the same nodes as the
 * example's own trigger (Manual / Schedule), activates the workflow through the public API and POSTs to
 * the production webhook URL. The example's own nodes run unchanged; the webhook only replaces the click on
 * "Execute workflow". The execution is then read back from `/api/v1/executions?includeData=true`.
 */
import { randomUUID } from 'crypto';
import {
	activateWorkflow,
	createWorkflow,
	deactivateWorkflow,
	Execution,
	executionError,
	listExecutions,
	loadExample,
	toCreateBody,
	WorkflowFile,
	WorkflowNode,
} from './workflows';
import type { CredentialRef } from './workflows';
import { sleep } from './process';
import type { N8nSession } from './session';

/** Fails a run with a message that says what was expected (the e2e suite reports it as a failed check). */
function expect(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

export const E2E_WEBHOOK_NODE = 'E2E webhook';

export interface ExampleRun {
	workflowId: string;
	/** The webhook path that runs it again. */
	path: string;
	/** Items of the last node, as the webhook answered them. */
	response: unknown;
	status: number;
	execution: Execution;
	items(nodeName: string): Array<Record<string, unknown>>;
}

export interface RunExampleOptions {
	/** Name of the example's trigger node whose outgoing wires the webhook copies. */
	entry: string;
	/** Change node parameters for this run (e.g. point a locator at a sandbox id). */
	patch?: (node: WorkflowNode) => void;
	/** JSON body posted to the webhook (available to the example as $json.body). */
	body?: unknown;
	/** Leave the workflow active afterwards (default: deactivate, so its schedule never fires later). */
	keepActive?: boolean;
	/** Name of the added webhook node (the demo gives it a name that reads well in the editor). */
	webhookName?: string;
	/** The workflow to import instead of the file's current content (e.g. the file as an earlier commit had it). */
	workflow?: WorkflowFile;
}

/** What runExample needs: an n8n session and the Worken credential to use. */
export interface ExampleContext {
	session: N8nSession;
	cred?: CredentialRef;
}

/** Add the webhook entry point next to the example's trigger. */
export function withWebhookEntry(wf: WorkflowFile, entry: string, path: string, name = E2E_WEBHOOK_NODE): WorkflowFile {
	const trigger = wf.nodes.find((n) => n.name === entry);
	if (!trigger) throw new Error(`example "${wf.name}" has no node named "${entry}"`);
	const webhook: WorkflowNode = {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [trigger.position[0], trigger.position[1] + 200],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
	const connections = { ...wf.connections, [name]: wf.connections[entry] ?? { main: [[]] } };
	return { ...wf, nodes: [...wf.nodes, webhook], connections };
}

export async function runExample(ctx: ExampleContext, file: string, opts: RunExampleOptions): Promise<ExampleRun> {
	return runWorkflow(ctx, opts.workflow ?? loadExample(file), opts, file.replace(/\.json$/, ''));
}

/** Run a workflow on demand as above; `slug` names its webhook path. */
export async function runWorkflow(ctx: ExampleContext, workflow: WorkflowFile, opts: RunExampleOptions, slug = 'workflow'): Promise<ExampleRun> {
	expect(ctx.cred, 'no Worken credential (the credential check failed)');
	const client = ctx.session.client;
	const path = `${opts.webhookName ? 'demo' : 'e2e'}-${slug}-${Date.now()}`;
	const wf = withWebhookEntry(workflow, opts.entry, path, opts.webhookName);
	const workflowId = await createWorkflow(client, toCreateBody(wf, ctx.cred, opts.patch));
	await activateWorkflow(client, workflowId);
	try {
		return await runWebhookEntry(ctx.session, workflowId, wf.name, path, opts.body);
	} finally {
		if (!opts.keepActive) await deactivateWorkflow(client, workflowId).catch(() => undefined);
	}
}

/** One run of an active workflow through its webhook entry at `path`; fails when the run failed. */
export async function runWebhookEntry(session: N8nSession, workflowId: string, name: string, path: string, body: unknown = {}): Promise<ExampleRun> {
	const client = session.client;
	const before = new Set((await listExecutions(client, workflowId)).map((e) => String(e.id)));
	const res = await client.webhook(path, body);
	// The execution is saved right after the response; wait (bounded) until it is readable.
	let execution: Execution | undefined;
	for (let i = 0; i < 30 && !execution; i++) {
		execution = (await listExecutions(client, workflowId)).find((e) => !before.has(String(e.id)) && (e.stoppedAt || e.finished));
		if (!execution) await sleep(500);
	}
	expect(execution, `no execution of "${name}" was recorded (webhook answered ${res.status}: ${res.text.slice(0, 200)})`);
	const error = executionError(execution);
	expect(res.status < 300 && !error, `"${name}" failed (webhook ${res.status}): ${error ?? res.text.slice(0, 300)}`);
	return {
		workflowId,
		path,
		response: res.json,
		status: res.status,
		execution,
		items: (nodeName: string) => {
			const runs = execution.data?.resultData.runData[nodeName];
			expect(runs && runs.length > 0, `node "${nodeName}" did not run in "${name}"`);
			return runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((i) => i.json));
		},
	};
}
