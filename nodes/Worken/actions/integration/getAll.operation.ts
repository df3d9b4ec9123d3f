import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/collections';
import { getOptionalLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { fetchOffsetList } from '../../../transport/pagination';
import { listOptionsCollection, listProperties, readListOptions } from '../listOptions';
import { customTypeField, resolveIntegrationType, TYPE_OPTIONS_WITH_OTHER } from './integrationTypes';

export const properties: INodeProperties[] = [
	...listProperties,
	filtersCollection([
		locatorField('botId', { required: false, description: 'Only the integrations of this bot' }),
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: TYPE_OPTIONS_WITH_OTHER,
			default: 'telegram',
			description: 'Only integrations of this type. For a type not listed, choose Other and add Custom Type.',
		},
		customTypeField('Only integrations of this type, exactly as Worken names it'),
	]),
	listOptionsCollection,
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const botId = getOptionalLocatorId(this, 'filters.botId', 'botId', itemIndex);
	if (botId !== undefined) qs.bot_id = botId;
	if (filters.type !== undefined) qs.type = resolveIntegrationType(this, itemIndex, filters.type, filters.customType);
	return await fetchOffsetList(worken, 'listIntegrations', { ...readListOptions(this, itemIndex), qs, itemIndex });
}
