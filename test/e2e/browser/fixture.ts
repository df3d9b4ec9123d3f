/**
 * What the editor checks open: a project in the sandbox with more than one page (100) of bots, chats and
 * threads, its credential, and one workflow that holds a Worken node for every resource/operation of the
 * node's description (so a new operation is covered without touching this file), plus a node to execute
 * and one to create a credential from.
 */
import * as path from 'path';
import type { INodeType } from 'n8n-workflow';
import { REPO_ROOT } from '../../../scripts/n8n/paths';
import { createWorkflow, CredentialRef, WorkflowNode } from '../../../scripts/n8n/workflows';
import { createWorkenCredential, E2EContext } from '../context';

export const WORKEN_TYPE = 'n8n-nodes-worken.worken';
export const TRIGGER_TYPE = 'n8n-nodes-worken.workenTrigger';

/** More than one page of 100, so that scrolling a From List has a second page to load. */
export const PAGED_COUNT = 105;

export interface Operation {
	resource: string;
	resourceName: string;
	operation: string;
	operationName: string;
	/** The canvas node that has this resource/operation. */
	node: string;
}

export interface EditorFixture {
	projectId: string;
	key: string;
	cred: CredentialRef;
	workflowId: string;
	operations: Operation[];
	/** Worken → Bot → Get Many (limit 5), to execute. */
	executeNode: string;
	/** A Worken node without a credential, to create one from. */
	credentialNode: string;
}

/** Every resource/operation pair of the Worken node, read from its description. */
export function workenOperations(): Operation[] {
	// The built node n8n loaded (the suite builds and packs dist/ first). Not `nodes/Worken/Worken.node`:
	// Node's resolver would pick the codex file `Worken.node.json` over the `.ts` source.
	const built = require(path.join(REPO_ROOT, 'dist', 'nodes', 'Worken', 'Worken.node.js')) as { Worken: new () => INodeType };
	const { properties } = new built.Worken().description;
	const resourceProp = properties.find((p) => p.name === 'resource')!;
	const out: Operation[] = [];
	for (const resource of resourceProp.options as Array<{ name: string; value: string }>) {
		const opProp = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value));
		for (const op of (opProp?.options ?? []) as Array<{ name: string; value: string }>) {
			out.push({
				resource: resource.value,
				resourceName: resource.name,
				operation: op.value,
				operationName: op.name,
				node: `${resource.name}: ${op.name}`,
			});
		}
	}
	return out;
}

export async function prepareEditorFixture(ctx: E2EContext): Promise<EditorFixture> {
	const control = ctx.worken.sandbox.control;
	const { projectId, key } = control.createProject({ name: 'Editor checks' });
	control.seed(projectId, { bots: PAGED_COUNT, chatsPerBot: 1, threadsPerChat: 1 });
	const cred = await createWorkenCredential(ctx, `Worken sandbox (${PAGED_COUNT} bots)`, { apiKey: key, baseUrl: ctx.worken.sandbox.url });
	const credentials = { workenApi: { id: cred.id, name: cred.name } };

	const operations = workenOperations();
	const columns = 6;
	const node = (name: string, i: number, parameters: Record<string, unknown>, withCred = true): WorkflowNode => ({
		name,
		type: WORKEN_TYPE,
		typeVersion: 1,
		position: [(i % columns) * 260, Math.floor(i / columns) * 220],
		parameters,
		...(withCred ? { credentials } : {}),
	});
	const executeNode = 'List 5 bots';
	const credentialNode = 'Needs a credential';
	const nodes = [
		...operations.map((op, i) => node(op.node, i, { resource: op.resource, operation: op.operation })),
		node(executeNode, operations.length, { resource: 'bot', operation: 'getAll', returnAll: false, limit: 5 }),
		node(credentialNode, operations.length + 1, { resource: 'billing', operation: 'get' }, false),
	];
	const workflowId = await createWorkflow(ctx.session.client, {
		name: 'Editor checks',
		nodes,
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	return { projectId, key, cred, workflowId, operations, executeNode, credentialNode };
}
