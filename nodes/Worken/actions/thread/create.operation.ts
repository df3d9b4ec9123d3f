import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection } from '../../../shared/collections';
import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { nonEmptyText, readBodyFields } from '../updateBody';

export const properties: INodeProperties[] = [
	locatorField('chatId', { description: 'The chat to start the thread in' }),
	additionalFieldsCollection([
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: 'A title for the thread, for example the customer\'s question. Leave the field out for an untitled thread.',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const chatId = getLocatorId(this, 'chatId', itemIndex);
	const body = readBodyFields(this, itemIndex, 'additionalFields', [nonEmptyText('title', 'Title')]);
	const response = await workenRequest(worken, 'createThread', { pathParams: { chatId }, body, itemIndex });
	return normaliseObject(response);
}
