import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection } from '../../../shared/collections';
import { getLocatorId, getOptionalLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { fetchOffsetList } from '../../../transport/pagination';
import { readModeFilter, threadFilterOptions } from '../../../shared/threadModes';
import { listOptionsCollection, listProperties, readListOptions } from '../listOptions';
import { SIMPLIFY_DESCRIPTION, simplifyThread } from './simplify';

export const properties: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Across the Project',
				value: 'project',
				description: 'Threads of every chat in the project, newest first, optionally filtered by chat, bot or mode',
			},
			{
				name: 'In One Chat',
				value: 'chat',
				description: 'The threads of one chat',
			},
		],
		default: 'project',
		description: 'Where to look for threads',
	},
	locatorField('chatId', {
		description: 'The chat whose threads to get',
		displayOptions: { show: { scope: ['chat'] } },
	}),
	...listProperties,
	filtersCollection(threadFilterOptions('auto'), { show: { scope: ['project'] } }),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: SIMPLIFY_DESCRIPTION,
	},
	listOptionsCollection,
];

/** Reads the project-wide filters into the query of `GET /threads`; every value is checked before sending. */
function projectFilters(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	const chatId = getOptionalLocatorId(ctx, 'filters.chatId', 'chatId', itemIndex);
	if (chatId) qs.chat_id = chatId;
	const botId = getOptionalLocatorId(ctx, 'filters.botId', 'botId', itemIndex);
	if (botId) qs.bot_id = botId;
	const mode = readModeFilter(ctx, itemIndex, filters.mode);
	if (mode) qs.mode = mode;
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject[]> {
	const scope = this.getNodeParameter('scope', itemIndex, 'project') as string;
	const { returnAll, limit, parallelRequests } = readListOptions(this, itemIndex);
	const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;

	let threads: IDataObject[];
	if (scope === 'chat') {
		const chatId = getLocatorId(this, 'chatId', itemIndex);
		threads = await fetchOffsetList(worken, 'listChatThreads', {
			returnAll,
			limit,
			parallelRequests,
			pathParams: { chatId },
			itemIndex,
		});
	} else {
		const qs = projectFilters(this, itemIndex);
		threads = await fetchOffsetList(worken, 'listThreads', { returnAll, limit, parallelRequests, qs, itemIndex });
	}
	return simplify ? threads.map(simplifyThread) : threads;
}
