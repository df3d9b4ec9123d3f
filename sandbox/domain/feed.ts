import { badRequest } from '../errors';
import type { ProjectState, Store } from '../store';
import type { Thread } from '../types';
import { matchesFilters, ThreadFilters } from './threads';

/**
 * The thread feed (`GET /threads?cursor=…`). A cursor is base64url("seq:<n>"): "everything changed after
 * change number n". Because every thread change takes a new, larger sequence number and moves the thread
 * to the end of the project's feed map, a thread that changes while a client pages through the feed shows
 * up again after the client's position (never lost) and appears only once, at its latest change.
 */

const PREFIX = 'seq:';

export function encodeCursor(seq: number): string {
	return Buffer.from(`${PREFIX}${seq}`, 'utf8').toString('base64url');
}

/** The sequence number behind a cursor; '' is the beginning (0). Unknown or malformed → 400 Invalid cursor. */
export function decodeCursor(store: Store, cursor: string): number {
	if (cursor === '') return 0;
	const invalid = badRequest('Invalid cursor');
	if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid;
	const text = Buffer.from(cursor, 'base64url').toString('utf8');
	const match = /^seq:(\d{1,15})$/.exec(text);
	// Canonical form only, and never a position the sandbox has not reached (e.g. a cursor from before reset).
	if (!match || encodeCursor(Number(match[1])) !== cursor || Number(match[1]) > store.currentSeq()) throw invalid;
	return Number(match[1]);
}

export interface FeedPage {
	data: Thread[];
	next_cursor: string;
}

export function readFeed(store: Store, p: ProjectState, cursor: string, limit: number, filters: ThreadFilters): FeedPage {
	const after = decodeCursor(store, cursor);
	const data: Thread[] = [];
	let lastSeq: number | undefined;
	for (const [threadId, seq] of p.feed) {
		if (data.length >= limit) break;
		if (seq <= after) continue;
		const thread = p.threads.get(threadId);
		if (!thread || !matchesFilters(thread, filters)) continue;
		data.push(thread);
		lastSeq = seq;
	}
	// Nothing new: hand the very same cursor back, as the contract says.
	return { data, next_cursor: lastSeq === undefined ? cursor : encodeCursor(lastSeq) };
}
