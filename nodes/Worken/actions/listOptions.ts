/**
 * The Return All / Limit pair every list operation shows, and reading it for one item. Paging itself
 * (never more than 100 per request, Limit N → exactly N) is `fetchOffsetList`'s job.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/collections';
import { checkNumberRange } from '../../shared/validation';

export const listProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		displayOptions: { show: { returnAll: [false] } },
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
];

/**
 * The list's "Options": how many pages may be read at once. Values are numbers so that saved workflows
 * keep a plain value; 0 is Auto.
 */
export const listOptionsCollection: INodeProperties = optionsCollection([
	{
		displayName: 'Parallel Requests',
		name: 'parallelRequests',
		type: 'options',
		options: [
			{
				name: 'Auto',
				value: 0,
				description:
					'Reads the first page alone, then more pages at once as the list turns out longer, spending at most one extra request on a short list and a tenth more on a long one',
			},
			{ name: '1 (One at a Time)', value: 1, description: 'Strictly one request after another' },
			{ name: 'Up to 2', value: 2 },
			{ name: 'Up to 4', value: 4 },
			{ name: 'Up to 8', value: 8 },
			{ name: 'Up to 16', value: 16 },
		],
		default: 0,
		description:
			'How many pages of a long list may be requested at the same time. A number keeps that many in flight after the first page, which can ask for up to that many minus one pages past the end of the list. Items always come out in list order; Limit never asks for more than Limit items.',
	},
]);

export interface ListOptions {
	returnAll: boolean;
	limit?: number;
	/** 'auto' or the most requests in flight at once (1 = one after another). */
	parallelRequests: 'auto' | number;
}

function readParallelRequests(ctx: IExecuteFunctions, itemIndex: number): 'auto' | number {
	const value = checkNumberRange(ctx, itemIndex, 'Parallel Requests', ctx.getNodeParameter('options.parallelRequests', itemIndex, 0), {
		min: 0,
		max: 16,
		integer: true,
		hint: 'Pick Auto (0), or 1 to read pages one after another.',
	});
	return value === 0 ? 'auto' : value;
}

/** An expression can put anything in Limit: 0, "abc" or 2.5 would otherwise quietly return nothing. */
export function readListOptions(ctx: IExecuteFunctions, itemIndex: number): ListOptions {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) === true;
	const parallelRequests = readParallelRequests(ctx, itemIndex);
	if (returnAll) return { returnAll, parallelRequests };
	const limit = checkNumberRange(ctx, itemIndex, 'Limit', ctx.getNodeParameter('limit', itemIndex, 50), {
		min: 1,
		integer: true,
		hint: 'Enter how many results to return, or turn on Return All.',
	});
	return { returnAll, limit, parallelRequests };
}
