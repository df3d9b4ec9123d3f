/**
 * Workflows from `examples/` into n8n through its public API, and executions back out of it.
 *
 * The example files are exports from the n8n editor; the public API's create schema accepts only
 * `name`, `nodes`, `connections`, `settings` (and `staticData`), so everything else is dropped. Each Worken
 * node's credential reference is pointed at the credential created for this run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES_DIR } from './paths';
import type { N8nClient } from './api';
import { sleep } from './process';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	[key: string]: unknown;
}

export interface WorkflowFile {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CredentialRef {
	id: string;
	name: string;
}

export function exampleFiles(): string[] {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
}

export function loadExample(file: string): WorkflowFile {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as WorkflowFile;
}

/** Public-API body for an example, with the run's Worken credential and optional parameter overrides. */
export function toCreateBody(
	wf: WorkflowFile,
	cred: CredentialRef,
	patch?: (node: WorkflowNode) => void,
): Record<string, unknown> {
	const nodes = (JSON.parse(JSON.stringify(wf.nodes)) as WorkflowNode[]).map((node) => {
		if (node.credentials?.workenApi) node.credentials.workenApi = { id: cred.id, name: cred.name };
		patch?.(node);
		return node;
	});
	return {
		name: wf.name,
		nodes,
		connections: wf.connections,
		settings: { executionOrder: 'v1', ...(pickSettings(wf.settings) ?? {}) },
	};
}

function pickSettings(settings: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
	if (!settings) return undefined;
	const allowed = ['executionOrder', 'timezone', 'saveManualExecutions', 'saveDataSuccessExecution', 'saveDataErrorExecution'];
	return Object.fromEntries(Object.entries(settings).filter(([k]) => allowed.includes(k)));
}

export async function createWorkflow(client: N8nClient, body: Record<string, unknown>): Promise<string> {
	const created = await client.api<{ id: string }>('POST', '/workflows', body);
	return created.id;
}

export async function activateWorkflow(client: N8nClient, id: string): Promise<void> {
	await client.api('POST', `/workflows/${id}/activate`, {});
}

export async function deactivateWorkflow(client: N8nClient, id: string): Promise<void> {
	await client.api('POST', `/workflows/${id}/deactivate`, {});
}

export interface Execution {
	id: string | number;
	finished: boolean;
	mode: string;
	status?: string;
	startedAt: string;
	stoppedAt?: string;
	workflowId: string;
	data?: {
		resultData: {
			error?: { message?: string; description?: string };
			runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message?: string } }>>;
			lastNodeExecuted?: string;
		};
	};
}

/** Executions of one workflow, newest first, with their run data. */
export async function listExecutions(client: N8nClient, workflowId: string): Promise<Execution[]> {
	const res = await client.api<{ data: Execution[] }>(
		'GET',
		`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100`,
	);
	return res.data;
}

/** Items a node emitted on its first output in an execution. */
export function nodeItems(execution: Execution, nodeName: string): Array<Record<string, unknown>> {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs || runs.length === 0) return [];
	return runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((i) => i.json));
}

/** First error message of an execution, for failure reports. */
export function executionError(execution: Execution): string | undefined {
	const rd = execution.data?.resultData;
	if (!rd) return undefined;
	if (rd.error) return [rd.error.message, rd.error.description].filter(Boolean).join(' — ');
	for (const [node, runs] of Object.entries(rd.runData ?? {})) {
		for (const r of runs) if (r.error) return `${node}: ${r.error.message}`;
	}
	return undefined;
}

/** Wait (bounded) until a workflow has at least `count` finished executions. */
export async function waitForExecutions(
	client: N8nClient,
	workflowId: string,
	count: number,
	timeoutMs: number,
): Promise<Execution[]> {
	const t0 = Date.now();
	let last: Execution[] = [];
	for (let i = 0; i < 1000 && Date.now() - t0 < timeoutMs; i++) {
		last = (await listExecutions(client, workflowId)).filter((e) => e.stoppedAt || e.finished);
		if (last.length >= count) return last;
		await sleep(1000);
	}
	return last;
}
