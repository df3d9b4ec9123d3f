import type { INodeProperties } from 'n8n-workflow';

import { resourceModule } from '../resourceModule';
import type { WorkenOperation, WorkenResourceModule } from '../types';
import * as clone from './clone.operation';
import * as create from './create.operation';
import * as deleteBot from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getSettings from './getSettings.operation';
import * as setStatus from './setStatus.operation';
import * as update from './update.operation';
import * as updateSettings from './updateSettings.operation';

/** Keys are the saved `operation` values: users' workflows depend on them. */
const operations: Record<string, WorkenOperation> = {
	clone,
	create,
	delete: deleteBot,
	get,
	getAll,
	getSettings,
	setStatus,
	update,
	updateSettings,
};

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['bot'] } },
	options: [
		{
			name: 'Clone',
			value: 'clone',
			description: 'Copy a bot with its settings into a new bot; returns the new bot',
			action: 'Clone a bot',
		},
		{
			name: 'Create',
			value: 'create',
			description: 'Create a bot with a name and description; returns the new bot',
			action: 'Create a bot',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a bot; returns its ID and deleted: true',
			action: 'Delete a bot',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get one bot by ID; returns its name, description, status and dates',
			action: 'Get a bot',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the project\'s bots; returns one item per bot with its ID, name, description and status',
			action: 'Get many bots',
		},
		{
			name: 'Get Settings',
			value: 'getSettings',
			description: 'Get the AI settings of a bot (instruction, model, temperature, memory, formatting, tools); returns them as one item',
			action: 'Get the settings of a bot',
		},
		{
			name: 'Set Status',
			value: 'setStatus',
			description: 'Turn a bot on (active) or off (disabled); returns the updated bot',
			action: 'Set the status of a bot',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the name or description of a bot; returns the updated bot',
			action: 'Update a bot',
		},
		{
			name: 'Update Settings',
			value: 'updateSettings',
			description: 'Change some AI settings of a bot, leaving the others as they are; returns all its settings',
			action: 'Update the settings of a bot',
		},
	],
	default: 'get',
};

export const bot: WorkenResourceModule = resourceModule('bot', operationProperty, operations);
