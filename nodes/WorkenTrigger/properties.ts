/**
 * The Worken Trigger's parameters. n8n adds the poll times ("Poll Times") itself because the node is
 * `polling: true`. Names are stable: saved workflows depend on them.
 */
import type { INodeProperties } from 'n8n-workflow';

import { filtersCollection, optionsCollection } from '../shared/collections';
import { retryOptionsProperty } from '../transport/requestOptions';
import { threadFilterOptions } from '../shared/threadModes';

export const DEFAULT_MAX_ITEMS = 100;
/** A poll never collects more threads than this, whatever the user enters. */
export const MAX_MAX_ITEMS = 10_000;

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['newThread'],
		description: 'The changes that start the workflow',
		options: [
			{
				name: 'New Message',
				value: 'newMessage',
				description: 'Each new message of a watched thread, with its thread',
			},
			{
				name: 'New Thread',
				value: 'newThread',
				description: 'A thread created since the trigger started watching',
			},
			{
				name: 'Thread Updated',
				value: 'threadUpdated',
				description: 'Any change of a thread that already existed: a new message, a new mode or a new title',
			},
		],
	},
	filtersCollection(threadFilterOptions('manual')),
	optionsCollection([
		{
			displayName: 'Include Existing Threads',
			name: 'includeExisting',
			type: 'boolean',
			default: false,
			description:
				'Whether the first poll after activation (or after the filters change) also emits the threads that already exist, as New Thread. Off: only changes made from then on.',
		},
		{
			displayName: 'Max Items per Poll',
			name: 'maxItems',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_MAX_ITEMS },
			default: DEFAULT_MAX_ITEMS,
			description:
				'The most threads one poll takes from the feed; the rest are picked up by the next polls. New Message emits every new message of each thread taken.',
		},
	]),
	// Read by the shared transport for every request of the poll (rate limits, 5xx, network errors).
	retryOptionsProperty,
];
