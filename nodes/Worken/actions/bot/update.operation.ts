import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateFieldsCollection } from '../../../shared/collections';
import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { updateNameOption } from '../nameField';
import type { BodyField } from '../updateBody';
import { nonEmptyText, readUpdateBody } from '../updateBody';

export const properties: INodeProperties[] = [
	locatorField('botId', { description: 'The bot to change' }),
	updateFieldsCollection([
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description: 'What the bot is for. Leave empty to remove the description.',
		},
		updateNameOption('bot'),
	]),
];

const fields: BodyField[] = [
	nonEmptyText('name', 'Name'),
	{
		name: 'description',
		read: (_ctx, _itemIndex, value) => {
			const description = String(value ?? '');
			// The API stores "no description" as null, not as an empty text.
			return description.trim() === '' ? null : description;
		},
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const botId = getLocatorId(this, 'botId', itemIndex);
	const body = readUpdateBody(this, itemIndex, fields, {
		description: 'Add Name or Description under Update Fields.',
	});
	return normaliseObject(await workenRequest(worken, 'updateBot', { pathParams: { botId }, body, itemIndex }));
}
