import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { MAIN_CONNECTION } from '../shared/connections';
import { listSearch } from '../shared/listSearch';
import { retryOptionsProperty } from '../transport/requestOptions';
import { router } from './actions/router';
import { resourceProperty, resources } from './actions/resources';

export class Worken implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Worken',
		name: 'worken',
		icon: { light: 'file:worken.svg', dark: 'file:worken.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Worken AI support bots, chats, threads, messages, integrations and billing',
		defaults: { name: 'Worken' },
		usableAsTool: true,
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'workenApi', required: true }],
		properties: [
			resourceProperty,
			...Object.values(resources).flatMap((resource) => resource.description),
			retryOptionsProperty,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
