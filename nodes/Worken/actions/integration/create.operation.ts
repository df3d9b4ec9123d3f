import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection } from '../../../shared/collections';
import { getOptionalLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { checkNonEmpty, parseJsonObject } from '../../../shared/validation';
import { createNameField } from '../nameField';
import { customTypeField, readIntegrationType, TYPE_OPTIONS_WITH_OTHER } from './integrationTypes';

export const properties: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		required: true,
		options: TYPE_OPTIONS_WITH_OTHER,
		default: 'telegram',
		description: 'The kind of channel or service to connect',
	},
	{ ...customTypeField('The integration type exactly as Worken names it'), required: true },
	createNameField('integration', 'Support Telegram'),
	additionalFieldsCollection([
		locatorField('botId', { required: false, description: 'The bot that answers through this integration' }),
		{
			displayName: 'Config (JSON)',
			name: 'config',
			type: 'json',
			default: '{}',
			description: 'Settings of the integration as a JSON object; which keys it needs depends on the type',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const type = readIntegrationType(this, itemIndex);
	const name = checkNonEmpty(this, itemIndex, 'Name', this.getNodeParameter('name', itemIndex));
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { type, name };
	const botId = getOptionalLocatorId(this, 'additionalFields.botId', 'botId', itemIndex);
	if (botId !== undefined) body.bot_id = botId;
	if (additionalFields.config !== undefined) {
		body.config = parseJsonObject(this, itemIndex, 'Config', additionalFields.config);
	}
	return normaliseObject(await workenRequest(worken, 'createIntegration', { body, itemIndex }));
}
