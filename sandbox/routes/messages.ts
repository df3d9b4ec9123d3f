import { addMessage, findChatThread, findThread, threadMessages } from '../domain/threads';
import { bodyObject, page, pagination, requiredString } from '../validate';
import { ApiRouter } from './context';
import { streamReply } from './stream';

export function messageRoutes(r: ApiRouter): void {
	r.add('GET', '/chats/:chat_id/threads/:thread_id/messages', ({ project, params, query }) => {
		const { thread } = findChatThread(project, params.chat_id, params.thread_id);
		return page(threadMessages(project, thread.id), pagination(query));
	});

	// A human operator's message: stored with role "operator", in any mode; the bot does not answer it.
	r.add('POST', '/threads/:thread_id/messages', ({ store, project, params, body }) => {
		const thread = findThread(project, params.thread_id);
		const text = requiredString(bodyObject(body), 'text');
		return addMessage(store, project, thread, 'operator', text);
	});

	r.add('POST', '/chats/:chat_id/threads/:thread_id/stream', streamReply);
}
