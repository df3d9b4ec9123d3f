import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, getOptionalLocatorId, locatorField } from '../../../shared/locators';
import { normaliseObject } from '../../../shared/normalise';
import { workenRequest } from '../../../shared/transport';
import { checkNonEmpty, checkOneOf, fail, parseJsonObject } from '../../../shared/validation';

/** "error" is a status Worken sets itself. */
const SETTABLE_STATUSES = ['active', 'disabled'] as const;

export const properties: INodeProperties[] = [
	locatorField('integrationId', { description: 'The integration to change' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			locatorField('botId', { required: false, description: 'The bot that answers through this integration' }),
			{
				displayName: 'Config (JSON)',
				name: 'config',
				type: 'json',
				default: '{}',
				description: 'The new settings of the integration as a JSON object. They replace the current ones.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the integration',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active', description: 'Messages flow through the integration' },
					{ name: 'Disabled', value: 'disabled', description: 'The integration is paused' },
				],
				default: 'active',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const integrationId = getLocatorId(this, 'integrationId', itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (updateFields.name !== undefined) {
		body.name = checkNonEmpty(this, itemIndex, 'Name', updateFields.name);
	}
	if (updateFields.botId !== undefined) {
		const botId = getOptionalLocatorId(this, 'updateFields.botId', 'botId', itemIndex);
		if (botId === undefined) {
			fail(this, itemIndex, 'Bot ID is empty', 'Pick the bot for this integration, or remove the Bot field.');
		}
		body.bot_id = botId;
	}
	if (updateFields.status !== undefined) {
		body.status = checkOneOf(this, itemIndex, 'Status', updateFields.status, SETTABLE_STATUSES);
	}
	if (updateFields.config !== undefined) {
		body.config = parseJsonObject(this, itemIndex, 'Config', updateFields.config);
	}
	if (Object.keys(body).length === 0) {
		fail(this, itemIndex, 'Update Fields is empty', 'Add Name, Bot, Status or Config under Update Fields.');
	}
	return normaliseObject(
		await workenRequest(this, 'updateIntegration', { pathParams: { integrationId }, body, itemIndex }),
	);
}
