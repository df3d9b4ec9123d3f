import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { workenRequest } from '../../../transport/transport';

export const properties: INodeProperties[] = [
	locatorField('integrationId', { description: 'The integration to delete' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const integrationId = getLocatorId(this, 'integrationId', itemIndex);
	// Worken answers 204 with no body: the item says what happened instead.
	await workenRequest(worken, 'deleteIntegration', { pathParams: { integrationId }, itemIndex });
	return { deleted: true, id: integrationId };
}
