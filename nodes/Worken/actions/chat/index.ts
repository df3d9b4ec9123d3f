import type { INodeProperties } from 'n8n-workflow';

import { resourceModule } from '../resourceModule';
import type { WorkenOperation, WorkenResourceModule } from '../types';
import * as create from './create.operation';
import * as deleteChat from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** Keys are the saved `operation` values: users' workflows depend on them. */
const operations: Record<string, WorkenOperation> = {
	create,
	delete: deleteChat,
	get,
	getAll,
	update,
};

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['chat'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Create a chat for a bot; returns the new chat',
			action: 'Create a chat',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a chat with its threads and messages; returns its ID and deleted: true',
			action: 'Delete a chat',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get one chat by ID; returns its name, bot ID and dates',
			action: 'Get a chat',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the project\'s chats, optionally of one bot; returns one item per chat',
			action: 'Get many chats',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Rename a chat or move it to another bot; returns the updated chat',
			action: 'Update a chat',
		},
	],
	default: 'get',
};

export const chat: WorkenResourceModule = resourceModule('chat', operationProperty, operations);
