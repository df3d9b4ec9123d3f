/**
 * Reads and checks the trigger's parameters before any request is sent. In a poll there are no input
 * items, so `getNodeParameter` takes no item index; errors name item 0.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { extractLocatorValue, locatorLabel } from '../shared/locators';
import type { LocatorName } from '../shared/locators';
import { readModeFilter } from '../shared/threadModes';
import { checkId, checkNumberRange, checkOneOf, fail } from '../shared/validation';
import { DEFAULT_MAX_ITEMS, MAX_MAX_ITEMS } from './properties';

const TRIGGER_EVENTS = ['newThread', 'threadUpdated', 'newMessage'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export interface TriggerSettings {
	events: Set<TriggerEvent>;
	/** Query parameters of the feed: `bot_id`, `chat_id`, `mode`, only those set. */
	filters: IDataObject;
	/** The filters as one string, stored with the cursor: a cursor is only reused with the same filters. */
	filterKey: string;
	includeExisting: boolean;
	maxItems: number;
}

function optionalLocator(ctx: IPollFunctions, path: string, name: LocatorName): string | undefined {
	const value = extractLocatorValue(ctx.getNodeParameter(path, '', { extractValue: true }));
	return value === '' ? undefined : checkId(ctx, 0, locatorLabel(name), value);
}

export function readSettings(ctx: IPollFunctions): TriggerSettings {
	const rawEvents = ctx.getNodeParameter('events', []) as unknown;
	const eventList = Array.isArray(rawEvents) ? rawEvents : [rawEvents];
	if (eventList.length === 0) {
		fail(ctx, 0, 'Events is empty', 'Choose at least one event: New Thread, Thread Updated or New Message.');
	}
	const events = new Set<TriggerEvent>(
		eventList.map((event) => checkOneOf(ctx, 0, 'Events', event, TRIGGER_EVENTS)),
	);

	const botId = optionalLocator(ctx, 'filters.botId', 'botId');
	const chatId = optionalLocator(ctx, 'filters.chatId', 'chatId');
	const mode = readModeFilter(ctx, 0, ctx.getNodeParameter('filters.mode', ''));

	const filters: IDataObject = {};
	if (botId !== undefined) filters.bot_id = botId;
	if (chatId !== undefined) filters.chat_id = chatId;
	if (mode !== undefined) filters.mode = mode;

	const maxItems = checkNumberRange(ctx, 0, 'Max Items per Poll', ctx.getNodeParameter('options.maxItems', DEFAULT_MAX_ITEMS), {
		min: 1,
		max: MAX_MAX_ITEMS,
		integer: true,
	});

	return {
		events,
		filters,
		// Fixed key order, so that the same filters always give the same key.
		filterKey: JSON.stringify([botId ?? null, chatId ?? null, mode ?? null]),
		includeExisting: ctx.getNodeParameter('options.includeExisting', false) === true,
		maxItems,
	};
}
