import type { INodeProperties } from 'n8n-workflow';

import { resourceModule } from '../resourceModule';
import type { WorkenOperation, WorkenResourceModule } from '../types';
import * as create from './create.operation';
import * as deleteIntegration from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Keys are the saved `operation` values: users' workflows depend on them. */
const operations: Record<string, WorkenOperation> = {
	create,
	delete: deleteIntegration,
	get,
	getAll,
	update,
};

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['integration'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Connect a channel such as Telegram or a webhook',
			action: 'Create an integration',
		},
		{ name: 'Delete', value: 'delete', description: 'Delete an integration', action: 'Delete an integration' },
		{ name: 'Get', value: 'get', description: 'Get an integration', action: 'Get an integration' },
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get many integrations',
			action: 'Get many integrations',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the name, bot, status or configuration of an integration',
			action: 'Update an integration',
		},
	],
	default: 'get',
};

export const integration: WorkenResourceModule = resourceModule('integration', operationProperty, operations);
