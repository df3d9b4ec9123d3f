/**
 * Paging through Worken lists. Offset lists never ask for more than 100 items at a time and are read
 * several pages at once when they are long; the thread feed is read page by page with its cursor (each
 * page's cursor comes from the page before, so it is sequential by nature).
 */
import type { IDataObject } from 'n8n-workflow';

import { AdaptiveLimiter, runInWindow } from './concurrency';
import { PagePlan } from './pagePlan';
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
	/** The node's Parallel Requests: 'auto' (default) or the most requests in flight (1 = sequential). */
	parallelRequests?: 'auto' | number;
}

async function readPage(
	ctx: WorkenContext,
	name: EndpointName,
	request: WorkenRequest,
	offset: number,
	pageSize: number,
): Promise<IDataObject[]> {
	const body = await workenRequest(ctx, name, { ...request, qs: { ...request.qs, limit: pageSize, offset } });
	return normaliseList(body).items;
}

/**
 * Return All reads pages of 100 until a page comes back short; Limit N asks for exactly what is still
 * missing (so 250 → 100 + 100 + 50), never for anything past N. A PagePlan picks the pages (pagePlan.ts:
 * the first page alone, then more at once as the list proves long) and an AdaptiveLimiter bounds how many
 * are in flight; no page at or past a short one is started, nor any past a page that failed. Items come
 * out in list order whatever order pages arrive in.
 */
export async function fetchOffsetList(
	ctx: WorkenContext,
	name: EndpointName,
	request: OffsetListRequest,
): Promise<IDataObject[]> {
	const wanted = request.returnAll ? Infinity : Math.max(0, Math.floor(request.limit ?? 50));
	if (wanted === 0) return [];
	const setting = request.parallelRequests ?? 'auto';
	const limiter = new AdaptiveLimiter(setting);
	const plan = new PagePlan(setting === 'auto', Math.ceil(wanted / MAX_PAGE_SIZE));

	const pages: IDataObject[][] = [];
	let failure: { index: number; error: unknown } | undefined;

	await runInWindow(limiter, () => {
		// After a failure only the pages before it are still read: if the list ends before the failed page,
		// that page was never needed.
		const index = plan.next(failure?.index);
		if (index === undefined) return undefined;
		const offset = index * MAX_PAGE_SIZE;
		const pageSize = Math.min(MAX_PAGE_SIZE, wanted - offset);
		return async () => {
			try {
				const page = await readPage(ctx, name, { ...request, pacer: limiter }, offset, pageSize);
				pages[index] = page;
				plan.answered(index, page.length >= pageSize);
			} catch (error) {
				if (failure === undefined || index < failure.index) failure = { index, error };
			}
		};
	});
	// A failed page past a short one was never needed; any other failure fails the list.
	if (failure && failure.index <= plan.end) throw failure.error;

	const items: IDataObject[] = [];
	const last = Math.min(plan.end, pages.length - 1);
	for (let page = 0; page <= last && items.length < wanted; page++) {
		for (const item of pages[page]) {
			if (items.length >= wanted) break;
			items.push(item);
		}
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
