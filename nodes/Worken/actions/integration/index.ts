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
			description: 'Connect a channel such as Telegram, WhatsApp or a webhook to a bot; returns the new integration',
			action: 'Create an integration',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete an integration; returns its ID and deleted: true',
			action: 'Delete an integration',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get one integration by ID; returns its type, name, bot, status and configuration',
			action: 'Get an integration',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the project\'s integrations, optionally of one bot or type; returns one item per integration',
			action: 'Get many integrations',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the name, bot, status or configuration of an integration; returns the updated integration',
			action: 'Update an integration',
		},
	],
	default: 'get',
};

export const integration: WorkenResourceModule = resourceModule('integration', operationProperty, operations);
