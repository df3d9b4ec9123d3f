/**
 * Reading the thread change feed (`GET /threads?cursor=`): the walk to its head on activation, and the
 * changes since the stored cursor on every poll. The feed lists each thread once, at its latest change;
 * a thread that changes while we page through it shows up again further on.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WorkenContext } from '../transport/context';
import { asNodeError } from '../transport/errors';
import type { FeedPage } from '../transport/pagination';
import { MAX_PAGE_SIZE, fetchThreadFeedPage } from '../transport/pagination';
import type { PollBudget } from './budget';
import { countField, stringField } from './fields';
import type { SeenThreads } from './state';
import { laterTime } from './time';

/** What a feed read returns when Worken no longer accepts the cursor (e.g. after a data reset on its side). */
export const CURSOR_REFUSED = 'cursorRefused';

/**
 * A refused cursor is told by the status alone: the feed request's limit and filters are checked before
 * sending, so a 400 to a request with a cursor can only be about the cursor, whatever words Worken uses.
 */
async function readFeedPage(
	worken: WorkenContext,
	cursor: string,
	limit: number,
	filters: IDataObject,
): Promise<FeedPage | typeof CURSOR_REFUSED> {
	try {
		return await fetchThreadFeedPage(worken, cursor, limit, filters);
	} catch (error) {
		if (cursor !== '' && (error as { httpCode?: unknown }).httpCode === '400') return CURSOR_REFUSED;
		throw asNodeError(worken.n8n.getNode(), error, 0);
	}
}

export interface WalkProgress {
	cursor: string;
	/** The newest updated_at met so far. */
	newest: string;
	/** True once a page came back short: the cursor is at the head of the feed. */
	done: boolean;
}

/**
 * Fast-forwards through the feed in pages of 100 without emitting anything, remembering the threads
 * met (for counting new messages later). A short page means the head was reached (asking again would
 * return an empty page). Stops early when the poll's budget is spent; the next poll continues.
 */
export async function walkFeed(
	worken: WorkenContext,
	filters: IDataObject,
	from: { cursor: string; newest: string },
	seen: SeenThreads | undefined,
	budget: PollBudget,
): Promise<WalkProgress | typeof CURSOR_REFUSED> {
	let { cursor, newest } = from;
	for (let pages = 0; ; pages++) {
		if (pages > 0 && budget.spent()) return { cursor, newest, done: false };
		const page = await readFeedPage(worken, cursor, MAX_PAGE_SIZE, filters);
		if (page === CURSOR_REFUSED) return page;
		for (const thread of page.items) {
			const updatedAt = stringField(thread, 'updated_at');
			newest = laterTime(newest, updatedAt);
			const id = stringField(thread, 'id');
			if (seen && id !== '') seen.remember(id, updatedAt, countField(thread));
		}
		if (page.items.length > 0) cursor = page.nextCursor;
		if (page.items.length < MAX_PAGE_SIZE) return { cursor, newest, done: true };
	}
}

export interface TakenThread {
	thread: IDataObject;
	/** The page of its latest appearance in this poll. */
	page: number;
}

export interface FeedBatch {
	/** Each thread once, in the order of its latest appearance (= feed order of its latest change). */
	threads: TakenThread[];
	/** The cursor after each page read (the stored cursor may only stop at a page boundary). */
	pageCursors: string[];
	/** True when the last page came back short: everything up to the head of the feed was read. */
	drained: boolean;
}

/**
 * Reads the changes after `cursor` until the feed is drained, `maxItems` distinct threads were taken or
 * the budget is spent. Each page asks only for what is still allowed, so a page is always taken whole
 * and the cursor after it is exactly "after the last thread taken".
 */
export async function readChanges(
	worken: WorkenContext,
	cursor: string,
	filters: IDataObject,
	maxItems: number,
	budget: PollBudget,
): Promise<FeedBatch | typeof CURSOR_REFUSED> {
	const latest = new Map<string, TakenThread>();
	const pageCursors: string[] = [];
	let drained = false;
	while (latest.size < maxItems) {
		if (pageCursors.length > 0 && budget.spent()) break;
		const wanted = Math.min(MAX_PAGE_SIZE, maxItems - latest.size);
		const page = await readFeedPage(worken, cursor, wanted, filters);
		if (page === CURSOR_REFUSED) return page;
		for (const thread of page.items) {
			const id = stringField(thread, 'id');
			if (id === '') continue;
			// A thread seen again in this poll changed meanwhile: keep only its latest state, in its new place.
			latest.delete(id);
			latest.set(id, { thread, page: pageCursors.length });
		}
		if (page.items.length > 0) cursor = page.nextCursor;
		pageCursors.push(cursor);
		if (page.items.length < wanted) {
			drained = true;
			break;
		}
	}
	return { threads: [...latest.values()], pageCursors, drained };
}
