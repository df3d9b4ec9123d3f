import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { workenRequest } from '../../../transport/transport';

export const properties: INodeProperties[] = [
	locatorField('botId', {
		description: 'The bot to delete. Its chats, threads and messages may be deleted with it.',
	}),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const botId = getLocatorId(this, 'botId', itemIndex);
	// Worken answers 204 with no body: the item says what happened instead.
	await workenRequest(worken, 'deleteBot', { pathParams: { botId }, itemIndex });
	return { deleted: true, id: botId };
}
