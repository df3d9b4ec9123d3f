import type { INodeProperties } from 'n8n-workflow';

import { resourceModule } from '../resourceModule';
import type { WorkenOperation, WorkenResourceModule } from '../types';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as setMode from './setMode.operation';
import * as update from './update.operation';

/** Keys are the saved `operation` values: users' workflows depend on them. */
const operations: Record<string, WorkenOperation> = { create, get, getAll, update, delete: del, setMode };

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['thread'] } },
	options: [
		{
			name: 'Create',
			value: 'create',
			description: 'Start a new thread in a chat; returns the new thread',
			action: 'Create a thread',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete a thread and its messages; returns its ID and deleted: true',
			action: 'Delete a thread',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get one thread by ID; returns its title, mode, chat, bot, message count and last message time',
			action: 'Get a thread',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List the threads of one chat or of the whole project, filtered by chat, bot or mode; returns one item per thread',
			action: 'Get many threads',
		},
		{
			name: 'Set Mode',
			value: 'setMode',
			description: 'Choose who answers a thread, the bot (auto) or a human operator (manual); returns the updated thread',
			action: 'Set the mode of a thread',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Change the title of a thread; returns the updated thread',
			action: 'Update a thread',
		},
	],
	default: 'get',
};

export const thread: WorkenResourceModule = resourceModule('thread', operationProperty, operations);
