import type { INodeProperties } from 'n8n-workflow';

import { resourceModule } from '../resourceModule';
import type { WorkenOperation, WorkenResourceModule } from '../types';
import * as getAll from './getAll.operation';
import * as sendAndWaitReply from './sendAndWaitReply.operation';
import * as sendOperator from './sendOperator.operation';

/** Keys are the saved `operation` values: users' workflows depend on them. */
const operations: Record<string, WorkenOperation> = { getAll, sendOperator, sendAndWaitReply };

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['message'] } },
	options: [
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'Get the messages of a thread, oldest first; returns one item per message with its role (user, assistant, operator) and content',
			action: 'Get many messages',
		},
		{
			name: 'Send and Get Reply',
			value: 'sendAndWaitReply',
			description: 'Send a customer message to the bot and wait for its full reply; returns the reply text, the stored message and the token usage',
			action: 'Send a message and get the reply',
		},
		{
			name: 'Send as Operator',
			value: 'sendOperator',
			description: 'Write in a thread as a human operator, which the bot does not answer; returns the stored message',
			action: 'Send a message as operator',
		},
	],
	default: 'sendAndWaitReply',
};

export const message: WorkenResourceModule = resourceModule('message', operationProperty, operations);
