import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import { normaliseObject } from '../../../shared/normalise';
import { workenRequest } from '../../../shared/transport';
import { checkNonEmpty } from '../../../shared/validation';

export const properties: INodeProperties[] = [
	locatorField('chatId', { description: 'The chat to start the thread in' }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'A title for the thread, for example the customer\'s question. Leave the field out for an untitled thread.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const chatId = getLocatorId(this, 'chatId', itemIndex);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (additionalFields.title !== undefined) {
		body.title = checkNonEmpty(this, itemIndex, 'Title', additionalFields.title);
	}
	const response = await workenRequest(this, 'createThread', { pathParams: { chatId }, body, itemIndex });
	return normaliseObject(response);
}
