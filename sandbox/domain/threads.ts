import { notFound } from '../errors';
import type { ProjectState, Store } from '../store';
import type { Chat, Message, MessageRole, Thread, ThreadMode } from '../types';

export function findThread(p: ProjectState, id: string): Thread {
	const thread = p.threads.get(id);
	if (!thread) throw notFound('Thread');
	return thread;
}

/** A thread addressed through its chat (`/chats/:chat_id/threads/:thread_id/...`): both must match. */
export function findChatThread(p: ProjectState, chatId: string, threadId: string): { chat: Chat; thread: Thread } {
	const chat = p.chats.get(chatId);
	if (!chat) throw notFound('Chat');
	const thread = p.threads.get(threadId);
	if (!thread || thread.chat_id !== chat.id) throw notFound('Thread');
	return { chat, thread };
}

/**
 * Records a change of the thread at time `at`: bumps `updated_at` and moves the thread to the end of the
 * feed with a fresh sequence number (delete + set moves a key to the end of a Map's iteration order).
 */
export function touchThread(store: Store, p: ProjectState, thread: Thread, at: string): void {
	thread.updated_at = at;
	p.feed.delete(thread.id);
	p.feed.set(thread.id, store.nextSeq());
	store.journal.record({ projectId: p.id, threadId: thread.id, updatedAt: at, created: thread.created_at === at });
}

export function createThread(
	store: Store,
	p: ProjectState,
	chat: Chat,
	input: { title?: string | null; mode?: ThreadMode },
): Thread {
	const at = p.clock.now();
	const thread: Thread = {
		id: store.newId('thr'),
		chat_id: chat.id,
		bot_id: chat.bot_id,
		project_id: p.id,
		title: input.title ?? null,
		mode: input.mode ?? 'auto',
		message_count: 0,
		last_message_at: null,
		created_at: at,
		updated_at: at,
	};
	p.threads.set(thread.id, thread);
	newestFirst.delete(p.threads);
	p.messages.set(thread.id, []);
	// A new thread is a change: it enters the feed.
	touchThread(store, p, thread, at);
	return thread;
}

/** Applies title/mode when present and different; only a real change moves the thread in the feed. */
export function updateThread(
	store: Store,
	p: ProjectState,
	thread: Thread,
	changes: { title?: string | null; mode?: ThreadMode },
): Thread {
	let changed = false;
	if (changes.title !== undefined && changes.title !== thread.title) {
		thread.title = changes.title;
		changed = true;
	}
	if (changes.mode !== undefined && changes.mode !== thread.mode) {
		thread.mode = changes.mode;
		changed = true;
	}
	if (changed) touchThread(store, p, thread, p.clock.now());
	return thread;
}

export function deleteThread(p: ProjectState, thread: Thread): void {
	p.threads.delete(thread.id);
	newestFirst.delete(p.threads);
	p.feed.delete(thread.id);
	p.messages.delete(thread.id);
}

/** Appends a message of any role; the thread's counters, timestamps and feed position follow. */
export function addMessage(
	store: Store,
	p: ProjectState,
	thread: Thread,
	role: MessageRole,
	content: string,
	at: string = p.clock.now(),
): Message {
	const message: Message = {
		id: store.newId('msg'),
		thread_id: thread.id,
		chat_id: thread.chat_id,
		role,
		content,
		created_at: at,
	};
	p.messages.get(thread.id)?.push(message);
	thread.message_count += 1;
	thread.last_message_at = at;
	touchThread(store, p, thread, at);
	return message;
}

export function threadMessages(p: ProjectState, threadId: string): Message[] {
	return p.messages.get(threadId) ?? [];
}

export interface ThreadFilters {
	chat_id?: string;
	bot_id?: string;
	mode?: ThreadMode;
}

export function matchesFilters(thread: Thread, f: ThreadFilters): boolean {
	return (
		(f.chat_id === undefined || thread.chat_id === f.chat_id) &&
		(f.bot_id === undefined || thread.bot_id === f.bot_id) &&
		(f.mode === undefined || thread.mode === f.mode)
	);
}

/**
 * Each project's threads newest created first, kept until a thread is created or deleted (updates change
 * the objects, not the order): a client paging through 50,000 threads would otherwise have the sandbox copy
 * all of them for every page, and the benchmarks would measure the sandbox instead of the client.
 */
const newestFirst = new WeakMap<Map<string, Thread>, Thread[]>();

/** `GET /threads` without a cursor: newest created first. */
export function threadsNewestFirst(p: ProjectState, filters: ThreadFilters): Thread[] {
	let all = newestFirst.get(p.threads);
	if (!all) {
		all = [...p.threads.values()].reverse();
		newestFirst.set(p.threads, all);
	}
	const unfiltered = filters.chat_id === undefined && filters.bot_id === undefined && filters.mode === undefined;
	return unfiltered ? all : all.filter((t) => matchesFilters(t, filters));
}
