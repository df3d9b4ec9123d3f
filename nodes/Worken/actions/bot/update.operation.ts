import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import { normaliseObject } from '../../../shared/normalise';
import { workenRequest } from '../../../shared/transport';
import { checkNonEmpty, fail } from '../../../shared/validation';

export const properties: INodeProperties[] = [
	locatorField('botId', { description: 'The bot to change' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'What the bot is for. Leave empty to remove the description.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the bot',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const botId = getLocatorId(this, 'botId', itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (updateFields.name !== undefined) {
		body.name = checkNonEmpty(this, itemIndex, 'Name', updateFields.name);
	}
	if (updateFields.description !== undefined) {
		const description = String(updateFields.description ?? '');
		// The API stores "no description" as null, not as an empty text.
		body.description = description.trim() === '' ? null : description;
	}
	if (Object.keys(body).length === 0) {
		fail(this, itemIndex, 'Update Fields is empty', 'Add Name or Description under Update Fields.');
	}
	return normaliseObject(await workenRequest(this, 'updateBot', { pathParams: { botId }, body, itemIndex }));
}
