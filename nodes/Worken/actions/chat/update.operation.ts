import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateFieldsCollection } from '../../../shared/collections';
import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { updateNameOption } from '../nameField';
import type { BodyField } from '../updateBody';
import { moveToBot, nonEmptyText, readUpdateBody } from '../updateBody';

export const properties: INodeProperties[] = [
	locatorField('chatId', { description: 'The chat to change' }),
	updateFieldsCollection([
		locatorField('botId', { required: false, description: 'Move the chat to this bot' }),
		updateNameOption('chat'),
	]),
];

const fields: BodyField[] = [
	nonEmptyText('name', 'Name'),
	moveToBot('Pick the bot to move the chat to, or remove the Bot field.'),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const chatId = getLocatorId(this, 'chatId', itemIndex);
	const body = readUpdateBody(this, itemIndex, fields, { description: 'Add Name or Bot under Update Fields.' });
	return normaliseObject(
		await workenRequest(worken, 'updateChat', { pathParams: { chatId }, body, itemIndex }),
	);
}
