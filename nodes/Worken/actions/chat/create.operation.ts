import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { checkNonEmpty } from '../../../shared/validation';
import { createNameField } from '../nameField';

export const properties: INodeProperties[] = [
	createNameField('chat', 'Website Chat'),
	locatorField('botId', { description: 'The bot that answers in this chat' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const name = checkNonEmpty(this, itemIndex, 'Name', this.getNodeParameter('name', itemIndex));
	const botId = getLocatorId(this, 'botId', itemIndex);
	return normaliseObject(
		await workenRequest(worken, 'createChat', { body: { name, bot_id: botId }, itemIndex }),
	);
}
