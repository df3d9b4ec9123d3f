import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateFieldsCollection } from '../../../shared/collections';
import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { checkOneOf, parseJsonObject } from '../../../shared/validation';
import { updateNameOption } from '../nameField';
import type { BodyField } from '../updateBody';
import { moveToBot, nonEmptyText, readUpdateBody } from '../updateBody';

/** "error" is a status Worken sets itself. */
const SETTABLE_STATUSES = ['active', 'disabled'] as const;

export const properties: INodeProperties[] = [
	locatorField('integrationId', { description: 'The integration to change' }),
	updateFieldsCollection([
		locatorField('botId', { required: false, description: 'The bot that answers through this integration' }),
		{
			displayName: 'Config (JSON)',
			name: 'config',
			type: 'json',
			default: '{}',
			description: 'The new settings of the integration as a JSON object. They replace the current ones.',
		},
		updateNameOption('integration'),
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
	]),
];

const fields: BodyField[] = [
	nonEmptyText('name', 'Name'),
	moveToBot('Pick the bot for this integration, or remove the Bot field.'),
	{
		name: 'status',
		read: (ctx, itemIndex, value) => checkOneOf(ctx, itemIndex, 'Status', value, SETTABLE_STATUSES),
	},
	{ name: 'config', read: (ctx, itemIndex, value) => parseJsonObject(ctx, itemIndex, 'Config', value) },
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const integrationId = getLocatorId(this, 'integrationId', itemIndex);
	const body = readUpdateBody(this, itemIndex, fields, {
		description: 'Add Name, Bot, Status or Config under Update Fields.',
	});
	return normaliseObject(
		await workenRequest(worken, 'updateIntegration', { pathParams: { integrationId }, body, itemIndex }),
	);
}
