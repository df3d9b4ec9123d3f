import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { workenRequest } from '../../../transport/transport';

export const properties: INodeProperties[] = [
	locatorField('threadId', { description: 'The thread to delete, with its messages' }),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const threadId = getLocatorId(this, 'threadId', itemIndex);
	// Worken answers 204 with no body: say what was deleted so the next node has something to work with.
	await workenRequest(worken, 'deleteThread', { pathParams: { threadId }, itemIndex });
	return { deleted: true, id: threadId };
}
