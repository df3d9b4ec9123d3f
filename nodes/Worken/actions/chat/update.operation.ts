import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, getOptionalLocatorId, locatorField } from '../../../shared/locators';
import { normaliseObject } from '../../../shared/normalise';
import { workenRequest } from '../../../shared/transport';
import { checkNonEmpty, fail } from '../../../shared/validation';

export const properties: INodeProperties[] = [
	locatorField('chatId', { description: 'The chat to change' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			locatorField('botId', { required: false, description: 'Move the chat to this bot' }),
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the chat',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const chatId = getLocatorId(this, 'chatId', itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (updateFields.name !== undefined) {
		body.name = checkNonEmpty(this, itemIndex, 'Name', updateFields.name);
	}
	if (updateFields.botId !== undefined) {
		const botId = getOptionalLocatorId(this, 'updateFields.botId', 'botId', itemIndex);
		if (botId === undefined) {
			fail(this, itemIndex, 'Bot ID is empty', 'Pick the bot to move the chat to, or remove the Bot field.');
		}
		body.bot_id = botId;
	}
	if (Object.keys(body).length === 0) {
		fail(this, itemIndex, 'Update Fields is empty', 'Add Name or Bot under Update Fields.');
	}
	return normaliseObject(
		await workenRequest(this, 'updateChat', { pathParams: { chatId }, body, itemIndex }),
	);
}
