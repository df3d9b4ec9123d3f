import { notFound } from '../errors';
import type { ProjectState, Store } from '../store';
import type { Chat } from '../types';
import { deleteThread, touchThread } from './threads';

export function findChat(p: ProjectState, id: string): Chat {
	const chat = p.chats.get(id);
	if (!chat) throw notFound('Chat');
	return chat;
}

/** The caller has checked that `botId` is a bot of the project. */
export function createChat(store: Store, p: ProjectState, input: { name: string; bot_id: string }): Chat {
	const at = p.clock.now();
	const chat: Chat = {
		id: store.newId('chat'),
		name: input.name,
		bot_id: input.bot_id,
		project_id: p.id,
		created_at: at,
		updated_at: at,
	};
	p.chats.set(chat.id, chat);
	return chat;
}

/**
 * Renames and/or moves the chat to another bot. Moving changes `bot_id` on every thread of the chat, which
 * is a change to those threads: they re-enter the feed, so a feed filtered by the new bot sees them.
 */
export function updateChat(store: Store, p: ProjectState, chat: Chat, changes: { name?: string; bot_id?: string }): Chat {
	let changed = false;
	if (changes.name !== undefined && changes.name !== chat.name) {
		chat.name = changes.name;
		changed = true;
	}
	if (changes.bot_id !== undefined && changes.bot_id !== chat.bot_id) {
		chat.bot_id = changes.bot_id;
		changed = true;
		for (const thread of p.threads.values()) {
			if (thread.chat_id === chat.id) {
				thread.bot_id = changes.bot_id;
				touchThread(store, p, thread, p.clock.now());
			}
		}
	}
	if (changed) chat.updated_at = p.clock.now();
	return chat;
}

export function chatThreads(p: ProjectState, chatId: string) {
	return [...p.threads.values()].filter((t) => t.chat_id === chatId);
}

/** Deletes the chat with its threads and their messages. */
export function deleteChat(p: ProjectState, chat: Chat): void {
	for (const thread of chatThreads(p, chat.id)) deleteThread(p, thread);
	p.chats.delete(chat.id);
}
