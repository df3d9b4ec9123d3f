import type { INodeProperties } from 'n8n-workflow';

import { resourceModule } from '../resourceModule';
import type { WorkenOperation, WorkenResourceModule } from '../types';
import * as get from './get.operation';
import * as getUsage from './getUsage.operation';

/** Keys are the saved `operation` values: users' workflows depend on them. */
const operations: Record<string, WorkenOperation> = { get, getUsage };

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['billing'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			description: 'Get the project\'s plan, balance and billing period; returns one item with plan, balance, currency and period dates',
			action: 'Get billing information',
		},
		{
			name: 'Get Usage',
			value: 'getUsage',
			description: 'Get requests, tokens and cost per day and bot for a date range; returns one item per day and bot',
			action: 'Get usage records',
		},
	],
	default: 'get',
};

export const billing: WorkenResourceModule = resourceModule('billing', operationProperty, operations);
