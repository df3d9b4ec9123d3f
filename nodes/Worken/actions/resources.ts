import type { INodeProperties } from 'n8n-workflow';

import { billing } from './billing';
import { bot } from './bot';
import { chat } from './chat';
import { integration } from './integration';
import { message } from './message';
import { thread } from './thread';
import type { WorkenResourceModule } from './types';

/** Keys are the saved `resource` values: users' workflows depend on them. */
export const resources: Record<string, WorkenResourceModule> = {
	bot,
	chat,
	thread,
	message,
	integration,
	billing,
};

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Billing', value: 'billing' },
		{ name: 'Bot', value: 'bot' },
		{ name: 'Chat', value: 'chat' },
		{ name: 'Integration', value: 'integration' },
		{ name: 'Message', value: 'message' },
		{ name: 'Thread', value: 'thread' },
	],
	default: 'bot',
};
