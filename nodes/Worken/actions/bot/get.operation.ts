import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';

export const properties: INodeProperties[] = [locatorField('botId', { description: 'The bot to get' })];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const botId = getLocatorId(this, 'botId', itemIndex);
	return normaliseObject(await workenRequest(worken, 'getBot', { pathParams: { botId }, itemIndex }));
}
