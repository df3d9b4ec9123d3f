import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/collections';
import { getOptionalLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { fetchOffsetList } from '../../../transport/pagination';
import { checkDay, fail } from '../../../shared/validation';
import { listOptionsCollection, listProperties, readListOptions } from '../listOptions';

export const properties: INodeProperties[] = [
	...listProperties,
	filtersCollection([
		locatorField('botId', { required: false, description: 'Only the usage of this bot' }),
		{
			displayName: 'From',
			name: 'from',
			type: 'dateTime',
			default: '',
			description: 'The first day to include. Only the date counts, not the time.',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'dateTime',
			default: '',
			description: 'The last day to include. Only the date counts, not the time.',
		},
	]),
	listOptionsCollection,
];

/** One record per day and bot, oldest day first. */
export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const from = checkDay(this, itemIndex, 'From', filters.from);
	const to = checkDay(this, itemIndex, 'To', filters.to);
	if (from !== undefined && to !== undefined && from > to) {
		fail(this, itemIndex, `From (${from}) is after To (${to})`, 'Swap the dates, or move From to a day on or before To.');
	}
	if (from !== undefined) qs.from = from;
	if (to !== undefined) qs.to = to;
	const botId = getOptionalLocatorId(this, 'filters.botId', 'botId', itemIndex);
	if (botId !== undefined) qs.bot_id = botId;
	return await fetchOffsetList(worken, 'listUsage', { ...readListOptions(this, itemIndex), qs, itemIndex });
}
