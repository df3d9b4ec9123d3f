import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { checkOneOf } from '../../../shared/validation';

/** "error" is a status Worken sets itself; users can only switch between these two. */
const SETTABLE_STATUSES = ['active', 'disabled'] as const;

export const properties: INodeProperties[] = [
	locatorField('botId', { description: 'The bot to turn on or off' }),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		required: true,
		options: [
			{ name: 'Active', value: 'active', description: 'The bot answers customers' },
			{ name: 'Disabled', value: 'disabled', description: 'The bot does not answer' },
		],
		default: 'active',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const botId = getLocatorId(this, 'botId', itemIndex);
	const status = checkOneOf(this, itemIndex, 'Status', this.getNodeParameter('status', itemIndex), SETTABLE_STATUSES);
	return normaliseObject(
		await workenRequest(worken, 'setBotStatus', { pathParams: { botId }, body: { status }, itemIndex }),
	);
}
