/**
 * The built pack run inside n8n-core's real execution engine: WorkflowExecute for the action node,
 * PollContext for the trigger, LoadOptionsContext for dropdowns. Requests go over real HTTP.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, PollContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	IRun,
	IRunExecutionData,
	ITaskData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { ACTION_TYPE, TRIGGER_TYPE, packTypes } from './pack';
import type { EngineOptions } from './workflow';
import { additionalDataFor, makeNode, makeWorkflow } from './workflow';

export interface NodeRunResult {
	/** The node's main output items (empty when it failed). */
	items: INodeExecutionData[];
	/** The error the node stopped with, if any. */
	error?: Error & { description?: string; httpCode?: string | null; context?: IDataObject };
	run: IRun;
	task: ITaskData;
}

/**
 * Runs the Worken action node once in n8n-core's WorkflowExecute with the given input items, exactly as
 * n8n runs a node whose predecessor produced those items.
 */
export async function runActionNode(
	options: EngineOptions & {
		parameters: INodeParameters;
		items?: IDataObject[];
		continueOnFail?: boolean;
		mode?: WorkflowExecuteMode;
	},
): Promise<NodeRunResult> {
	const node = makeNode(ACTION_TYPE, options.parameters, options.continueOnFail ? { onError: 'continueRegularOutput' } : {});
	const workflow = makeWorkflow(node);
	const hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', 'exec-1', {
		id: 'wf-1',
		name: 'Worken test',
		active: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	if (options.onChunk) {
		const onChunk = options.onChunk;
		hooks.addHandler('sendChunk', (chunk) => onChunk(chunk as never));
	}
	const inputItems: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [inputItems] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(additionalDataFor(options, hooks), options.mode ?? 'manual', runExecutionData);
	const run = await execute.processRunExecutionData(workflow);
	const task = run.data.resultData.runData[node.name]?.[0];
	if (!task) throw new Error(`The node did not run: ${JSON.stringify(run.data.resultData.error)}`);
	return {
		items: task.data?.main?.[0] ?? [],
		error: (task.error ?? undefined) as NodeRunResult['error'],
		run,
		task,
	};
}

export interface PollResult {
	items: INodeExecutionData[] | null;
	staticData: IDataObject;
}

/**
 * One poll of the Worken Trigger through n8n-core's PollContext, as n8n's poller calls it. Pass the
 * previous `staticData` to continue where the last poll stopped (n8n keeps it in the workflow).
 * `mode: 'manual'` is the editor's "Fetch Test Event".
 */
export async function pollTrigger(
	options: EngineOptions & {
		parameters: INodeParameters;
		staticData?: IDataObject;
		mode?: 'trigger' | 'manual';
		/** n8n's time budget for one poll (`getPollBudgetMs`); n8n-core's default (5 minutes) when omitted. */
		pollBudgetMs?: number;
	},
): Promise<PollResult> {
	const node = makeNode(TRIGGER_TYPE, options.parameters);
	const staticData = options.staticData ?? {};
	const workflow = makeWorkflow(node, staticData);
	const mode = options.mode ?? 'trigger';
	const { pollBudgetMs } = options;
	// `undefined` keeps n8n-core's defaults for the engine hooks and the static-data resolver.
	const context = new PollContext(
		workflow,
		node,
		additionalDataFor(options),
		mode,
		mode === 'manual' ? 'manual' : 'activate',
		undefined,
		undefined,
		undefined,
		undefined,
		undefined,
		pollBudgetMs === undefined ? undefined : () => pollBudgetMs,
	);
	const nodeType = packTypes().nodes[TRIGGER_TYPE];
	if (!nodeType.poll) throw new Error('The trigger has no poll method');
	const output = await nodeType.poll.call(context);
	return { items: output ? output[0] : null, staticData: workflow.staticData };
}

/** A From List dropdown, loaded the way the editor loads it. */
export async function loadListSearch(
	options: EngineOptions & {
		nodeType?: string;
		method: string;
		parameters?: INodeParameters;
		filter?: string;
		paginationToken?: string;
	},
): Promise<INodeListSearchResult> {
	const type = options.nodeType ?? ACTION_TYPE;
	const node = makeNode(type, options.parameters ?? {});
	const workflow = makeWorkflow(node);
	const additionalData = additionalDataFor(options);
	(additionalData as { currentNodeParameters?: INodeParameters }).currentNodeParameters = options.parameters ?? {};
	const context = new LoadOptionsContext(workflow, node, additionalData, '');
	const method = packTypes().nodes[type].methods?.listSearch?.[options.method];
	if (!method) throw new Error(`No list search ${options.method}`);
	return await method.call(context, options.filter, options.paginationToken);
}
