/**
 * One watched Worken project: its own sandbox project (so checks running side by side never see each
 * other's changes), its credential in n8n, and an active copy of examples/watch-threads.json (New Thread
 * and New Message, polled every minute as the example ships) whose place in the feed the checks follow.
 */
import { createDemoProject } from '../../sandbox';
import type { Sandbox } from '../../sandbox';
import type { N8nClient } from '../../scripts/n8n/api';
import { createCredentialVia } from '../../scripts/n8n/credentials';
import { sleep } from '../../scripts/n8n/process';
import type { DemoProject } from '../../scripts/n8n/worken-sandbox';
import type { CredentialRef } from '../../scripts/n8n/workflows';
import { activateWorkflow, createWorkflow, loadExample, toCreateBody } from '../../scripts/n8n/workflows';
import { ChangeLedger } from './ledger';

export const WATCH_EXAMPLE = 'watch-threads.json';
/** n8n 2.x polls at most once a minute; a wait covers the next poll and its execution on a busy machine. */
export const POLL_WAIT_MS = 60_000 + 45_000;

export interface WatchedProject {
	project: DemoProject;
	cred: CredentialRef;
	ledger: ChangeLedger;
}

export async function watchedProject(sandbox: Sandbox, client: N8nClient, name: string): Promise<WatchedProject> {
	const seeded = createDemoProject(sandbox.control, { plan: 'enterprise' });
	const project: DemoProject = { sandbox, ...seeded };
	const cred = await createCredentialVia(client, `Worken (${name})`, { apiKey: project.key, baseUrl: sandbox.url });
	return { project, cred, ledger: new ChangeLedger(sandbox, project) };
}

/** Create and activate the watching workflow; resolves once its first poll stored its place in the feed. */
export async function startWatching(client: N8nClient, watched: WatchedProject, name: string): Promise<string> {
	const body = toCreateBody(loadExample(WATCH_EXAMPLE), watched.cred);
	body.name = name;
	const workflowId = await createWorkflow(client, body);
	await activateWorkflow(client, workflowId);
	await waitUntilWatching(client, workflowId, POLL_WAIT_MS);
	return workflowId;
}

export interface WorkflowState {
	active: boolean;
	activeVersionId?: string | null;
	versionId?: string;
	staticData?: Record<string, unknown> | null;
}

export async function workflowState(client: N8nClient, workflowId: string): Promise<WorkflowState> {
	return await client.api<WorkflowState>('GET', `/workflows/${workflowId}`);
}

/** The trigger's stored state (static data of the node), or undefined when there is none. */
export async function triggerState(client: N8nClient, workflowId: string): Promise<Record<string, unknown> | undefined> {
	const { staticData } = await workflowState(client, workflowId);
	return (staticData?.['node:Worken Trigger'] as Record<string, unknown> | undefined) ?? undefined;
}

/** A short form of the trigger's state for notes: phase, cursor and how many threads it remembers. */
export function summarise(state: Record<string, unknown> | undefined): string {
	if (!state) return 'no state';
	const seen = Array.isArray(state.seen) ? state.seen.length : '?';
	return `${String(state.phase)}, cursor ${JSON.stringify(state.cursor)}, ${seen} threads remembered`;
}

/**
 * Changes made before the first poll stored "now" belong to the past the trigger skips by design, so a
 * check waits for it (n8n may still be in that poll when the activate call has returned).
 */
export async function waitUntilWatching(client: N8nClient, workflowId: string, timeoutMs: number): Promise<void> {
	const t0 = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		if ((await triggerState(client, workflowId))?.phase === 'watching') return;
		await sleep(1000);
	}
	throw new Error(`the trigger did not store its place within ${Math.round(timeoutMs / 1000)} s of activation`);
}
