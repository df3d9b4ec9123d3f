/**
 * Runs the built pack (dist/) inside n8n-core's real execution engine: WorkflowExecute for the action
 * node, PollContext for the trigger, LoadOptionsContext for dropdowns, RoutingNode for the credential
 * test, with a credentials helper that applies the credential's declared authentication through n8n's
 * own expression engine, as n8n's server does. Requests go over real HTTP to the sandbox.
 */
import * as path from 'node:path';

import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	ITaskData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

const DIST = path.resolve(__dirname, '../../dist');

/* eslint-disable @typescript-eslint/no-require-imports */
function loadBuilt<T>(relative: string, exportName: string): T {
	const modulePath = path.join(DIST, relative);
	// eslint-disable-next-line @typescript-eslint/no-var-requires
	const loaded = require(modulePath) as Record<string, new () => T>;
	if (!loaded[exportName]) throw new Error(`${relative} does not export ${exportName}: run npm run build`);
	return new loaded[exportName]();
}

export const PACKAGE = 'n8n-nodes-worken';
export const ACTION_TYPE = `${PACKAGE}.worken`;
export const TRIGGER_TYPE = `${PACKAGE}.workenTrigger`;

let cachedTypes: { nodes: Record<string, INodeType>; credential: ICredentialType } | undefined;

export function packTypes() {
	if (!cachedTypes) {
		cachedTypes = {
			nodes: {
				[ACTION_TYPE]: loadBuilt<INodeType>('nodes/Worken/Worken.node.js', 'Worken'),
				[TRIGGER_TYPE]: loadBuilt<INodeType>('nodes/WorkenTrigger/WorkenTrigger.node.js', 'WorkenTrigger'),
			},
			credential: loadBuilt<ICredentialType>('credentials/WorkenApi.credentials.js', 'WorkenApi'),
		};
	}
	return cachedTypes;
}

class PackNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** What n8n's server-side credentials helper does for this pack: decrypt (here: hand over) and authenticate. */
class PackCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialType: ICredentialType,
		private readonly data: ICredentialDataDecryptedObject,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		if (typeName !== this.credentialType.name) throw new Error(`Unexpected credential type ${typeName}`);
		const auth = this.credentialType.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (!auth || auth.type !== 'generic') return requestOptions;
		if (!workflow || !node) throw new Error('generic authentication needs the workflow and node');
		const resolve = (value: string): string => {
			if (!value.startsWith('=')) return value;
			const resolved = workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
			return resolved === undefined || resolved === null ? '' : String(resolved);
		};
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [section, entries] of Object.entries(auth.properties)) {
			target[section] = { ...(target[section] ?? {}) };
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				target[section][resolve(key)] = resolve(value);
			}
		}
		return requestOptions;
	}

	/**
	 * As n8n's server does: a credential with a hidden `expirable` field gets its `preAuthentication` run
	 * while that field is empty, after a 401, and on every credential test; its output is kept only when it
	 * fills the field.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const expirable = this.credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		const run = this.credentialType.preAuthentication;
		if (!expirable || typeof run !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) {
			return undefined;
		}
		const output = (await run.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		return output[expirable.name] === undefined ? undefined : Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by this pack');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (type !== this.credentialType.name) throw new Error(`No credential of type ${type}`);
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}
}

export interface WorkenCredentialData {
	apiKey: string;
	baseUrl: string;
}

interface EngineOptions {
	credentials: WorkenCredentialData;
	/** Chunks sent with `sendChunk` when the run streams its response. */
	onChunk?: (chunk: { type: string; content?: string; metadata: IDataObject }) => void;
}

function additionalDataFor(options: EngineOptions, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	const { credential } = packTypes();
	const data = {
		credentialsHelper: new PackCredentialsHelper(credential, options.credentials as unknown as ICredentialDataDecryptedObject),
		hooks,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		userId: 'test-user',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		streamingEnabled: options.onChunk !== undefined,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used by this pack');
		},
	};
	return data as unknown as IWorkflowExecuteAdditionalData;
}

function makeNode(type: string, parameters: INodeParameters, extra: Partial<INode> = {}): INode {
	return {
		id: 'worken-node-id',
		name: type === TRIGGER_TYPE ? 'Worken Trigger' : 'Worken',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { workenApi: { id: 'cred-1', name: 'Worken account' } },
		...extra,
	};
}

function makeWorkflow(node: INode, staticData?: IDataObject): Workflow {
	return new Workflow({
		id: 'wf-1',
		name: 'Worken test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new PackNodeTypes(packTypes().nodes),
		staticData,
	});
}

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

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * The credential's "Test" button, done as n8n's server does it for a credential with a `test` request:
 * the request runs through RoutingNode with the credential's authentication, and its rules turn
 * failures into messages.
 */
export async function testCredential(data: WorkenCredentialData): Promise<CredentialTestResult> {
	const { credential } = packTypes();
	const test = credential.test;
	if (!test) throw new Error('The credential has no test request');
	const testNodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: credential.name, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credential.name]: { id: 'cred-1', name: 'Worken account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new PackNodeTypes({ credentialTest: testNodeType }),
	});
	const additionalData = additionalDataFor({ credentials: data });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData({}),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const decrypted: ICredentialsDecrypted = {
		id: 'cred-1',
		name: 'Worken account',
		type: credential.name,
		data: data as unknown as ICredentialDataDecryptedObject,
	};
	let response: Awaited<ReturnType<RoutingNode['runNode']>>;
	try {
		response = await new RoutingNode(context, testNodeType, decrypted).runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status?: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response?.status) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === cause.response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json ?? {};
		const value = rule.properties.key.split('.').reduce<unknown>(
			(current, key) => (current && typeof current === 'object' ? (current as IDataObject)[key] : undefined),
			body,
		);
		if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
