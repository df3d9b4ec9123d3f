/**
 * The Return All / Limit pair every list operation shows, and reading it for one item. Paging itself
 * (never more than 100 per request, Limit N → exactly N) is `fetchOffsetList`'s job.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fail } from '../../shared/validation';

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

export interface ListOptions {
	returnAll: boolean;
	limit?: number;
}

/** An expression can put anything in Limit: 0, "abc" or 2.5 would otherwise quietly return nothing. */
export function readListOptions(ctx: IExecuteFunctions, itemIndex: number): ListOptions {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) === true;
	if (returnAll) return { returnAll };
	const raw = ctx.getNodeParameter('limit', itemIndex, 50);
	const limit = typeof raw === 'number' ? raw : Number(raw);
	if (!Number.isInteger(limit) || limit < 1) {
		fail(
			ctx,
			itemIndex,
			'Limit must be a whole number of at least 1',
			`You entered ${JSON.stringify(raw)}. Enter how many results to return, or turn on Return All.`,
		);
	}
	return { returnAll, limit };
}
