import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/collections';
import { getOptionalLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { fetchOffsetList } from '../../../transport/pagination';
import { checkNonEmpty } from '../../../shared/validation';
import { listOptionsCollection, listProperties, readListOptions } from '../listOptions';
import { KNOWN_TYPE_OPTIONS } from './integrationTypes';

export const properties: INodeProperties[] = [
	...listProperties,
	filtersCollection([
		locatorField('botId', { required: false, description: 'Only the integrations of this bot' }),
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: KNOWN_TYPE_OPTIONS,
			default: 'telegram',
			description:
				'Only integrations of this type. For a type not listed, switch to Expression and enter its name.',
		},
	]),
	listOptionsCollection,
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const botId = getOptionalLocatorId(this, 'filters.botId', 'botId', itemIndex);
	if (botId !== undefined) qs.bot_id = botId;
	if (filters.type !== undefined) qs.type = checkNonEmpty(this, itemIndex, 'Type', filters.type);
	return await fetchOffsetList(worken, 'listIntegrations', { ...readListOptions(this, itemIndex), qs, itemIndex });
}
