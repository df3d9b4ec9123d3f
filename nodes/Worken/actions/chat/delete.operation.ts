import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { workenRequest } from '../../../transport/transport';

export const properties: INodeProperties[] = [
	locatorField('chatId', { description: 'The chat to delete. Its threads and messages are deleted with it.' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const chatId = getLocatorId(this, 'chatId', itemIndex);
	// Worken answers 204 with no body: the item says what happened instead.
	await workenRequest(worken, 'deleteChat', { pathParams: { chatId }, itemIndex });
	return { deleted: true, id: chatId };
}
