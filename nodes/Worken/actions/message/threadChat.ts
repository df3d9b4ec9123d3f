import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';

/**
 * The chat a thread belongs to. Worken's message list and reply stream are addressed through the chat
 * (`/chats/:chat_id/threads/:thread_id/...`), but a thread belongs to exactly one chat, so asking users to
 * pick both would only let them pick a mismatching pair. They pick the thread; this one extra
 * `GET /threads/:id` finds its chat (and fails with "Thread not found" naming the id if it does not exist).
 */
export async function getThreadChat(
	worken: WorkenContext,
	threadId: string,
	itemIndex: number,
): Promise<{ chatId: string; thread: IDataObject }> {
	const thread = normaliseObject(
		await workenRequest(worken, 'getThread', { pathParams: { threadId }, itemIndex }),
	);
	const chatId = thread.chat_id;
	if (typeof chatId !== 'string' || chatId === '') {
		throw new NodeOperationError(worken.n8n.getNode(), `Worken did not say which chat thread "${threadId}" belongs to`, {
			itemIndex,
			description: 'The thread came back without a chat_id, so its messages cannot be addressed. Nothing was posted to the thread.',
		});
	}
	return { chatId, thread };
}
