/**
 * Which events one thread taken from the feed produces. The rules (also in the README):
 *
 * - Already processed: the trigger remembers the last updated_at it processed per thread; a thread whose
 *   updated_at is not newer than that is skipped (a change is never emitted twice, even if the feed
 *   repeats it).
 * - New Thread: the thread was never seen by this trigger AND it was created at or after `caughtUpAt`
 *   (the last moment up to which the trigger had seen every change). A thread created and then changed
 *   (e.g. given a message) before the next poll is taken once, in its latest state: one New Thread.
 *   With Include Existing Threads, `caughtUpAt` is '' until the trigger first caught up, so every thread
 *   not seen yet is a New Thread.
 * - Thread Updated: every other change (a thread that existed before, or was announced before).
 * - Every item carries a stable `eventId` of its change (eventId.ts).
 * - New Message: one item per message the thread gained since the trigger last processed it (by message
 *   count); for a thread it does not remember, the messages created after `max(startedAt, caughtUpAt)`,
 *   or all of them for a thread created after that moment.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { messageItem, threadItem } from './eventId';
import { countField, stringField } from './feed';
import type { NewMessagesRange } from './messages';
import { fetchNewMessages } from './messages';
import type { TriggerEvent } from './settings';
import type { SeenThreads } from './state';
import { compareTime } from './state';

export interface Classifier {
	events: Set<TriggerEvent>;
	seen: SeenThreads;
	/** New Thread needs created_at at or after this; '' = any thread not seen yet. */
	caughtUpAt: string;
	/** Messages created after this are new in a thread the trigger does not remember. */
	messagesAfter: string;
}

export async function eventsForThread(
	ctx: IPollFunctions,
	thread: IDataObject,
	classifier: Classifier,
): Promise<IDataObject[]> {
	const { events, seen, caughtUpAt, messagesAfter } = classifier;
	const id = stringField(thread, 'id');
	const updatedAt = stringField(thread, 'updated_at');
	const createdAt = stringField(thread, 'created_at');
	const known = seen.get(id);
	if (known && compareTime(updatedAt, known.updatedAt) <= 0) return [];

	const isNew = !known && compareTime(createdAt, caughtUpAt) >= 0;
	const items: IDataObject[] = [];
	if (isNew && events.has('newThread')) items.push(threadItem('newThread', thread));
	if (!isNew && events.has('threadUpdated')) items.push(threadItem('threadUpdated', thread));

	if (events.has('newMessage')) {
		let range: NewMessagesRange | undefined;
		if (known) range = { fromIndex: known.messageCount };
		else if (compareTime(createdAt, messagesAfter) > 0) range = { fromIndex: 0 };
		// A thread last changed before that moment cannot have a newer message: no request needed.
		else if (compareTime(updatedAt, messagesAfter) > 0) range = { createdAfter: messagesAfter };
		const messages = range ? await fetchNewMessages(ctx, thread, range) : [];
		for (const message of messages) items.push(messageItem(message, thread));
	}

	seen.remember(id, updatedAt, countField(thread));
	return items;
}
