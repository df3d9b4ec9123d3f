import type { INodeProperties } from 'n8n-workflow';

import { withDisplay } from '../display';
import type { WorkenResourceModule } from '../types';
import * as getAll from './getAll.operation';
import * as sendAndWaitReply from './sendAndWaitReply.operation';
import * as sendOperator from './sendOperator.operation';

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
			description: 'Get the messages of a thread, oldest first',
			action: 'Get many messages',
		},
		{
			name: 'Send and Get Reply',
			value: 'sendAndWaitReply',
			description: 'Send a customer message to the bot and wait for its full reply',
			action: 'Send a message and get the reply',
		},
		{
			name: 'Send as Operator',
			value: 'sendOperator',
			description: 'Write in a thread as a human operator; the bot does not answer it',
			action: 'Send a message as operator',
		},
	],
	default: 'sendAndWaitReply',
};

/** Keys are the saved `operation` values: users' workflows depend on them. */
export const message: WorkenResourceModule = {
	description: [
		operationProperty,
		...withDisplay('message', 'getAll', getAll.properties),
		...withDisplay('message', 'sendOperator', sendOperator.properties),
		...withDisplay('message', 'sendAndWaitReply', sendAndWaitReply.properties),
	],
	operations: { getAll, sendOperator, sendAndWaitReply },
};
