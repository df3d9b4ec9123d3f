import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';

export const properties: INodeProperties[] = [locatorField('chatId', { description: 'The chat to get' })];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const chatId = getLocatorId(this, 'chatId', itemIndex);
	return normaliseObject(await workenRequest(worken, 'getChat', { pathParams: { chatId }, itemIndex }));
}
