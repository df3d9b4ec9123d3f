/**
 * The two ways a user reads every thread in real n8n, as workflows started by a webhook: the Worken node
 * (Thread → Get Many → Return All) and n8n's HTTP Request node with its own pagination options. One run =
 * one execution; its time is n8n's own `executionTime` of the node, its memory the n8n process's peak
 * resident size over the run (the execution saved included, as a user's n8n pays for it too).
 */
import { randomUUID } from 'node:crypto';

import type { Sandbox } from '../../sandbox';
import { createCredentialVia } from '../../scripts/n8n/credentials';
import { sleep } from '../../scripts/n8n/process';
import type { N8nSession } from '../../scripts/n8n/session';
import type { CredentialRef, WorkflowFile, WorkflowNode } from '../../scripts/n8n/workflows';
import { activateWorkflow, createWorkflow, deactivateWorkflow } from '../../scripts/n8n/workflows';
import { withWebhookEntry } from '../../scripts/n8n/run-example';
import { watchPeakMemory } from './memory';

export const TARGET_NODE = 'Read threads';

/** How the rows and logs name the implementations. */
export const HTTP_NODE_LABEL = 'HTTP Request node, pagination';
export const workenLabel = (parallelRequests: number | 'Auto'): string => `Worken node, Parallel Requests: ${parallelRequests}`;

/**
 * Exactly `threads` threads in a fresh project: chats of 100 threads of one bot, and the rest (fewer than
 * 100) in one chat of a second bot (every case seeds its data this way).
 */
export function threadProject(sandbox: Sandbox, threads: number, plan: 'enterprise' | 'free' | 'starter' = 'enterprise'): { projectId: string; key: string } {
	const { projectId, key } = sandbox.control.createProject({ plan });
	const fullChats = Math.floor(threads / 100);
	if (fullChats > 0) sandbox.control.seed(projectId, { bots: 1, chatsPerBot: fullChats, threadsPerChat: 100 });
	if (threads % 100 > 0) sandbox.control.seed(projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: threads % 100 });
	return { projectId, key };
}

/**
 * The order of `count` implementations in round `round`: A B C, then C B A, … Taking turns rather than
 * running one implementation's runs in a row hands each the same drift of the machine and of n8n's heap.
 */
export function turnOrder(count: number, round: number): number[] {
	const order = Array.from({ length: count }, (_, i) => i);
	return round % 2 === 1 ? order.reverse() : order;
}

/**
 * A call to n8n's API, repeated (up to 3 times) when the connection broke before an answer ("fetch
 * failed": n8n closed an idle keep-alive socket just as it was reused, which happens on a loaded machine).
 * Only for calls that change nothing or are safe to make again; never for the webhook that runs a workflow.
 */
export async function again<T>(call: () => Promise<T>): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			if (attempt >= 3 || !(error instanceof TypeError && error.message === 'fetch failed')) throw error;
			await sleep(500);
		}
	}
}

export interface Credentials {
	worken: CredentialRef;
	header: CredentialRef;
}

/** The Worken credential and, for the HTTP Request node, a Header Auth credential with the same key. */
export async function credentialsFor(session: N8nSession, label: string, key: string, baseUrl: string): Promise<Credentials> {
	const client = session.client;
	return {
		worken: await again(() => createCredentialVia(client, `Worken ${label}`, { apiKey: key, baseUrl })),
		header: await again(() =>
			createCredentialVia(client, `Worken header ${label}`, { name: 'Authorization', value: `Bearer ${key}` }, 'httpHeaderAuth'),
		),
	};
}

/** Worken node: Thread → Get Many across the project, Return All, full objects (as the HTTP node returns them). */
export function workenNode(cred: CredentialRef, parallelRequests: number): WorkflowNode {
	return {
		id: randomUUID(),
		name: TARGET_NODE,
		type: 'n8n-nodes-worken.worken',
		typeVersion: 1,
		position: [400, 0],
		parameters: {
			resource: 'thread',
			operation: 'getAll',
			scope: 'project',
			returnAll: true,
			simplify: false,
			filters: {},
			options: { parallelRequests },
		},
		credentials: { workenApi: { id: cred.id, name: cred.name } },
	};
}

/** HTTP Request node: GET /threads, limit=100, offset = $pageCount × 100 until a page holds fewer than 100. */
export function httpRequestNode(cred: CredentialRef, baseUrl: string): WorkflowNode {
	return {
		id: randomUUID(),
		name: TARGET_NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [400, 0],
		parameters: {
			url: `${baseUrl}/threads`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'limit', value: '100' }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'offset', value: '={{ $pageCount * 100 }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.length < 100 }}',
					},
				},
			},
		},
		credentials: { httpHeaderAuth: { id: cred.id, name: cred.name } },
	};
}

export interface BenchWorkflow {
	id: string;
	path: string;
	close(): Promise<void>;
}

/** Webhook → the node, active, so a POST runs it exactly as production executions run. */
export async function createBenchWorkflow(session: N8nSession, name: string, node: WorkflowNode): Promise<BenchWorkflow> {
	const manual: WorkflowNode = { id: randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const path = `bench-${randomUUID()}`;
	const wf = withWebhookEntry(
		{ name, nodes: [manual, node], connections: { Start: { main: [[{ node: TARGET_NODE, type: 'main', index: 0 }]] } } } as WorkflowFile,
		'Start',
		path,
	);
	// The webhook answers with the first item only: the run's output stays in n8n, as in a user's workflow.
	const webhook = wf.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!;
	webhook.parameters = { ...webhook.parameters, responseData: 'firstEntryJson' };
	const id = await again(() => createWorkflow(session.client, {
		name,
		nodes: wf.nodes,
		connections: wf.connections,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
	}));
	await again(() => activateWorkflow(session.client, id));
	return { id, path, close: () => deactivateWorkflow(session.client, id).catch(() => undefined) };
}

export interface RunFigures {
	ms: number;
	/** When n8n started the node (epoch ms), from its run data. */
	startedAtMs: number;
	items: number;
	peakMiB: number;
	growthMiB: number;
}

interface ExecutionData {
	id: string | number;
	stoppedAt?: string | null;
	status?: string;
	data?: { resultData: { error?: { message?: string }; runData: Record<string, Array<{ startTime: number; executionTime: number; error?: { message?: string }; data?: { main?: Array<unknown[] | null> } }>> } };
}

/** Runs the workflow once and reads n8n's own figures for the node. */
export async function runOnce(session: N8nSession, wf: BenchWorkflow): Promise<RunFigures> {
	const client = session.client;
	const pid = session.n8n.pid;
	if (!pid) throw new Error('n8n process id unknown');
	const previous = await again(() => client.api<{ data: ExecutionData[] }>('GET', `/executions?workflowId=${wf.id}&limit=1`));
	const previousId = previous.data[0]?.id;
	const memory = watchPeakMemory(pid);
	const res = await client.webhook(wf.path, {}, 600_000);
	let latest: ExecutionData | undefined;
	for (let i = 0; i < 240 && !latest; i++) {
		const list = await again(() => client.api<{ data: ExecutionData[] }>('GET', `/executions?workflowId=${wf.id}&limit=1`));
		const candidate = list.data[0];
		if (candidate && candidate.id !== previousId && candidate.stoppedAt) latest = candidate;
		else await sleep(250);
	}
	const peak = memory.peak();
	if (!latest) throw new Error(`no finished execution (webhook answered ${res.status}: ${res.text.slice(0, 200)})`);
	const full = await again(() => client.api<ExecutionData>('GET', `/executions/${latest!.id}?includeData=true`));
	const task = full.data?.resultData.runData[TARGET_NODE]?.[0];
	const error = task?.error?.message ?? full.data?.resultData.error?.message;
	if (!task || error) throw new Error(`the node failed: ${error ?? 'did not run'}`);
	const items = task.data?.main?.[0]?.length ?? 0;
	// Executions of 50,000 items are large: keep n8n's database small between runs.
	await client.api('DELETE', `/executions/${latest.id}`).catch(() => undefined);
	return { ms: task.executionTime, startedAtMs: task.startTime, items, peakMiB: peak, growthMiB: peak - memory.before };
}
