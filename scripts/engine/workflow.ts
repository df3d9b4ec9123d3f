/**
 * The pieces of an n8n run that n8n's server would provide: the additional data (credentials helper, URLs,
 * hooks), a Worken node and a one-node workflow around it.
 */
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { WorkenCredentialData } from './credentials-helper';
import { PackCredentialsHelper } from './credentials-helper';
import { PackNodeTypes, TRIGGER_TYPE, packTypes } from './pack';

export interface EngineOptions {
	credentials: WorkenCredentialData;
	/** Chunks sent with `sendChunk` when the run streams its response. */
	onChunk?: (chunk: { type: string; content?: string; metadata: IDataObject }) => void;
}

export function additionalDataFor(options: EngineOptions, hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
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

export function makeNode(type: string, parameters: INodeParameters, extra: Partial<INode> = {}): INode {
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

export function makeWorkflow(node: INode, staticData?: IDataObject): Workflow {
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
