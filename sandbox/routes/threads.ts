import { chatThreads, findChat } from '../domain/chats';
import { readFeed } from '../domain/feed';
import {
	createThread,
	deleteThread,
	findThread,
	ThreadFilters,
	threadsNewestFirst,
	updateThread,
} from '../domain/threads';
import { badRequest } from '../errors';
import { THREAD_MODES } from '../types';
import { bodyObject, enumFilter, oneOf, optionalNullableString, page, pagination } from '../validate';
import { ApiRouter, NO_CONTENT, UPDATE } from './context';

function threadFilters(query: Record<string, string>): ThreadFilters {
	return { chat_id: query.chat_id, bot_id: query.bot_id, mode: enumFilter(query, 'mode', THREAD_MODES) };
}

export function threadRoutes(r: ApiRouter): void {
	r.add('GET', '/chats/:chat_id/threads', ({ project, params, query }) => {
		const chat = findChat(project, params.chat_id);
		return page(chatThreads(project, chat.id), pagination(query));
	});

	r.add('POST', '/chats/:chat_id/threads', ({ store, project, params, body }) => {
		const chat = findChat(project, params.chat_id);
		const title = optionalNullableString(bodyObject(body), 'title');
		return createThread(store, project, chat, { title });
	});

	// With a `cursor` parameter (even an empty one) this is the change feed; without, an offset list.
	r.add('GET', '/threads', ({ store, project, query }) => {
		const p = pagination(query);
		const filters = threadFilters(query);
		if (query.cursor !== undefined) return readFeed(store, project, query.cursor, p.limit, filters);
		return page(threadsNewestFirst(project, filters), p);
	});

	r.add('GET', '/threads/:thread_id', ({ project, params }) => findThread(project, params.thread_id));

	r.add(UPDATE, '/threads/:thread_id', ({ store, project, params, body }) => {
		const thread = findThread(project, params.thread_id);
		const title = optionalNullableString(bodyObject(body), 'title');
		return updateThread(store, project, thread, { title });
	});

	r.add('DELETE', '/threads/:thread_id', ({ project, params }) => {
		deleteThread(project, findThread(project, params.thread_id));
		return NO_CONTENT;
	});

	r.add(UPDATE, '/threads/:thread_id/mode', ({ store, project, params, body }) => {
		const thread = findThread(project, params.thread_id);
		const b = bodyObject(body);
		if (b.mode === undefined) throw badRequest(`mode must be one of ${THREAD_MODES.join(', ')}`);
		return updateThread(store, project, thread, { mode: oneOf(b.mode, THREAD_MODES, 'mode') });
	});
}
