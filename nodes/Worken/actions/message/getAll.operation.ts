import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { fetchOffsetList } from '../../../transport/pagination';
import { listOptionsCollection, listProperties, readListOptions } from '../listOptions';
import { getThreadChat } from './threadChat';

export const properties: INodeProperties[] = [
	locatorField('threadId', { description: 'The thread whose messages to get, oldest first' }),
	...listProperties,
	listOptionsCollection,
];

/** One output item per message, oldest first, as Worken lists them. */
export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject[]> {
	const threadId = getLocatorId(this, 'threadId', itemIndex);
	const { returnAll, limit, parallelRequests } = readListOptions(this, itemIndex);
	const { chatId } = await getThreadChat(worken, threadId, itemIndex);
	return await fetchOffsetList(worken, 'listMessages', {
		returnAll,
		limit,
		parallelRequests,
		pathParams: { chatId, threadId },
		itemIndex,
	});
}
