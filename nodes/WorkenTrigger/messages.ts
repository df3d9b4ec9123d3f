/**
 * The new messages of a thread (`GET /chats/:chat_id/threads/:thread_id/messages`, oldest first, offset
 * pages of at most 100). Only messages up to the thread's `message_count` as the feed showed it are read:
 * later ones belong to a later change, which brings the thread back into the feed.
 */
import type { IDataObject } from 'n8n-workflow';

import type { RequestPacer } from '../transport/concurrency';
import type { WorkenContext } from '../transport/context';
import { asNodeError } from '../transport/errors';
import { normaliseList } from '../transport/normalise';
import { MAX_PAGE_SIZE } from '../transport/pagination';
import { workenRequest } from '../transport/transport';
import { countField, stringField } from './fields';
import { compareTime } from './time';

/** At most this many messages of one thread per poll (the newest ones): 10 requests. */
const MAX_MESSAGES_PER_THREAD = 1_000;

/** Which messages are new: from a known position, or (position unknown) those created after a time. */
export type NewMessagesRange = { fromIndex: number } | { createdAfter: string };

function isNotFound(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { httpCode?: unknown }).httpCode === '404';
}

async function readPage(
	worken: WorkenContext,
	pathParams: Record<string, string>,
	offset: number,
	limit: number,
	pacer?: RequestPacer,
): Promise<IDataObject[]> {
	const body = await workenRequest(worken, 'listMessages', { pathParams, qs: { limit, offset }, pacer });
	return normaliseList(body).items;
}

export async function fetchNewMessages(
	worken: WorkenContext,
	thread: IDataObject,
	range: NewMessagesRange,
	/** Shared by the threads of one poll whose messages are read at once (see events.ts). */
	pacer?: RequestPacer,
): Promise<IDataObject[]> {
	const chatId = stringField(thread, 'chat_id');
	const threadId = stringField(thread, 'id');
	const end = countField(thread);
	if (chatId === '' || threadId === '' || end === 0) return [];
	const pathParams = { chatId, threadId };
	try {
		if ('fromIndex' in range) {
			const messages: IDataObject[] = [];
			let offset = Math.max(range.fromIndex, end - MAX_MESSAGES_PER_THREAD);
			while (offset < end) {
				const limit = Math.min(MAX_PAGE_SIZE, end - offset);
				const page = await readPage(worken, pathParams, offset, limit, pacer);
				messages.push(...page.slice(0, limit));
				if (page.length < limit) break;
				offset += limit;
			}
			return messages;
		}
		// Position unknown (the thread was forgotten or never seen): read backwards from the end until a
		// message from before `createdAfter` shows up.
		let newer: IDataObject[] = [];
		let offset = end;
		while (offset > 0 && newer.length < MAX_MESSAGES_PER_THREAD) {
			const limit = Math.min(MAX_PAGE_SIZE, offset);
			offset -= limit;
			const page = await readPage(worken, pathParams, offset, limit, pacer);
			const fresh = page.filter((message) => compareTime(stringField(message, 'created_at'), range.createdAfter) > 0);
			newer = fresh.concat(newer);
			if (fresh.length < page.length) break;
		}
		return newer.slice(-MAX_MESSAGES_PER_THREAD);
	} catch (error) {
		// The thread or its chat was deleted after the feed listed it: it has no messages left to emit, and
		// failing would block the trigger on this thread forever.
		if (isNotFound(error)) return [];
		throw asNodeError(worken.n8n.getNode(), error, 0);
	}
}
