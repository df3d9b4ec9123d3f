import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';

export const properties: INodeProperties[] = [
	locatorField('integrationId', { description: 'The integration to get' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const integrationId = getLocatorId(this, 'integrationId', itemIndex);
	return normaliseObject(
		await workenRequest(worken, 'getIntegration', { pathParams: { integrationId }, itemIndex }),
	);
}
