import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { SIMPLIFY_DESCRIPTION, simplifyThread } from './simplify';

export const properties: INodeProperties[] = [
	locatorField('threadId', { description: 'The thread to get' }),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: SIMPLIFY_DESCRIPTION,
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const threadId = getLocatorId(this, 'threadId', itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
	const thread = normaliseObject(
		await workenRequest(worken, 'getThread', { pathParams: { threadId }, itemIndex }),
	);
	return simplify ? simplifyThread(thread) : thread;
}
