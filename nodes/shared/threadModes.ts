/**
 * Thread modes (who answers a thread: the bot or a human operator) and the thread filters that Get Many
 * (threads) and the Worken Trigger both offer, with the same wording.
 */
import type { INodeProperties } from 'n8n-workflow';

import { locatorField } from './locators';
import type { ValidationTarget } from './validation';
import { checkOneOf } from './validation';

export const THREAD_MODES = ['auto', 'manual'] as const;
export type ThreadMode = (typeof THREAD_MODES)[number];

/** The Bot, Chat and Mode filters of a thread list. */
export function threadFilterOptions(defaultMode: ThreadMode): INodeProperties[] {
	return [
		locatorField('botId', { required: false, description: 'Only threads answered by this bot' }),
		locatorField('chatId', { required: false, description: 'Only threads of this chat' }),
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: 'Only threads the bot answers' },
				{ name: 'Manual', value: 'manual', description: 'Only threads a human operator answers' },
			],
			default: defaultMode,
			description: 'Only threads in this mode',
		},
	];
}

/** The Mode filter's value, checked; empty means "no filter". */
export function readModeFilter(ctx: ValidationTarget, itemIndex: number, raw: unknown): ThreadMode | undefined {
	return raw === undefined || raw === '' ? undefined : checkOneOf(ctx, itemIndex, 'Mode', raw, THREAD_MODES);
}
