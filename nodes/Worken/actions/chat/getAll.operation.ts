import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/collections';
import { getOptionalLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { fetchOffsetList } from '../../../transport/pagination';
import { listOptionsCollection, listProperties, readListOptions } from '../listOptions';

export const properties: INodeProperties[] = [
	...listProperties,
	filtersCollection([locatorField('botId', { required: false, description: 'Only the chats of this bot' })]),
	listOptionsCollection,
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject[]> {
	const qs: IDataObject = {};
	const botId = getOptionalLocatorId(this, 'filters.botId', 'botId', itemIndex);
	if (botId !== undefined) qs.bot_id = botId;
	return await fetchOffsetList(worken, 'listChats', { ...readListOptions(this, itemIndex), qs, itemIndex });
}
