/**
 * Paging through Worken lists. Offset lists never ask for more than 100 items at a time; the thread feed
 * is read page by page with its cursor.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WorkenContext } from './context';
import type { EndpointName } from './endpoints';
import { normaliseList } from './normalise';
import type { WorkenRequest } from './transport';
import { workenRequest } from './transport';

/** The API refuses a larger page. */
export const MAX_PAGE_SIZE = 100;

export interface OffsetListRequest extends WorkenRequest {
	/** true: every page until a short one. false: exactly `limit` items (or fewer if the list is shorter). */
	returnAll: boolean;
	limit?: number;
}

/**
 * Return All walks pages of 100 until a page comes back short; Limit N asks for exactly what is still
 * missing (so 250 → 100 + 100 + 50). Items are appended to one array, never copied.
 */
export async function fetchOffsetList(
	ctx: WorkenContext,
	name: EndpointName,
	request: OffsetListRequest,
): Promise<IDataObject[]> {
	const wanted = request.returnAll ? Infinity : Math.max(0, Math.floor(request.limit ?? 50));
	const items: IDataObject[] = [];
	let offset = 0;
	while (items.length < wanted) {
		const pageSize = Math.min(MAX_PAGE_SIZE, wanted - items.length);
		const body = await workenRequest(ctx, name, {
			...request,
			qs: { ...request.qs, limit: pageSize, offset },
		});
		const page = normaliseList(body).items;
		for (const item of page) {
			if (items.length >= wanted) break;
			items.push(item);
		}
		if (page.length < pageSize) break;
		offset += page.length;
	}
	return items;
}

/** One page of an offset list, for dropdowns that load more on scroll. */
export async function fetchOffsetPage(
	ctx: WorkenContext,
	name: EndpointName,
	offset: number,
	request: WorkenRequest = {},
): Promise<{ items: IDataObject[]; nextOffset?: number }> {
	const body = await workenRequest(ctx, name, {
		...request,
		qs: { ...request.qs, limit: MAX_PAGE_SIZE, offset },
	});
	const items = normaliseList(body).items;
	return { items, nextOffset: items.length < MAX_PAGE_SIZE ? undefined : offset + items.length };
}

export interface FeedPage {
	items: IDataObject[];
	/** The cursor to send next time; equals the one sent when nothing changed. */
	nextCursor: string;
}

/** One page of the thread change feed (`GET /threads?cursor=`). An empty cursor starts at the beginning. */
export async function fetchThreadFeedPage(
	ctx: WorkenContext,
	cursor: string,
	limit: number,
	filters: IDataObject = {},
	request: WorkenRequest = {},
): Promise<FeedPage> {
	const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
	const body = await workenRequest(ctx, 'listThreads', {
		...request,
		qs: { ...filters, cursor, limit: pageSize },
	});
	const { items, nextCursor } = normaliseList(body);
	return { items, nextCursor: nextCursor ?? cursor };
}
