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
import type { IDataObject } from 'n8n-workflow';

import type { AdaptiveLimiter } from '../transport/concurrency';
import { runInWindow } from '../transport/concurrency';
import type { WorkenContext } from '../transport/context';
import { messageItem, threadItem } from './eventId';
import { countField, stringField } from './fields';
import type { NewMessagesRange } from './messages';
import { fetchNewMessages } from './messages';
import type { TriggerEvent } from './settings';
import type { SeenThreads } from './state';
import { compareTime } from './time';

export interface Classifier {
	events: Set<TriggerEvent>;
	seen: SeenThreads;
	/** New Thread needs created_at at or after this; '' = any thread not seen yet. */
	caughtUpAt: string;
	/** Messages created after this are new in a thread the trigger does not remember. */
	messagesAfter: string;
}

/** What one thread produces, decided before any request: its thread event and the messages to read. */
interface ThreadPlan {
	thread: IDataObject;
	id: string;
	/** undefined: already processed, nothing to emit or remember. */
	items?: IDataObject[];
	messages?: NewMessagesRange;
}

function planThread(thread: IDataObject, classifier: Classifier): ThreadPlan {
	const { events, seen, caughtUpAt, messagesAfter } = classifier;
	const id = stringField(thread, 'id');
	const updatedAt = stringField(thread, 'updated_at');
	const createdAt = stringField(thread, 'created_at');
	const known = seen.get(id);
	if (known && compareTime(updatedAt, known.updatedAt) <= 0) return { thread, id };

	const isNew = !known && compareTime(createdAt, caughtUpAt) >= 0;
	const items: IDataObject[] = [];
	if (isNew && events.has('newThread')) items.push(threadItem('newThread', thread));
	if (!isNew && events.has('threadUpdated')) items.push(threadItem('threadUpdated', thread));

	let messages: NewMessagesRange | undefined;
	if (events.has('newMessage')) {
		if (known) messages = { fromIndex: known.messageCount };
		else if (compareTime(createdAt, messagesAfter) > 0) messages = { fromIndex: 0 };
		// A thread last changed before that moment cannot have a newer message: no request needed.
		else if (compareTime(updatedAt, messagesAfter) > 0) messages = { createdAfter: messagesAfter };
	}
	return { thread, id, items, messages };
}

/**
 * The events of consecutive threads from the feed, in feed order. The new messages of several threads are
 * read at once (under the poll's AdaptiveLimiter, so a 429 holds them all); everything else happens in feed
 * order, exactly as one thread after another would: a thread listed twice is planned only after its
 * first listing is remembered, and threads are remembered in feed order (the oldest are forgotten first).
 */
export async function eventsForThreads(
	worken: WorkenContext,
	threads: readonly IDataObject[],
	classifier: Classifier,
	limiter: AdaptiveLimiter,
): Promise<IDataObject[]> {
	const items: IDataObject[] = [];
	for (let from = 0; from < threads.length; ) {
		// A group of threads with distinct ids: planning one cannot depend on remembering another.
		const group: ThreadPlan[] = [];
		const ids = new Set<string>();
		for (; from < threads.length; from++) {
			const id = stringField(threads[from], 'id');
			if (ids.has(id)) break;
			ids.add(id);
			group.push(planThread(threads[from], classifier));
		}
		const messages = await readMessagesOf(worken, group, limiter);
		group.forEach((plan, i) => {
			if (!plan.items) return;
			items.push(...plan.items);
			for (const message of messages[i]) items.push(messageItem(message, plan.thread));
			classifier.seen.remember(plan.id, stringField(plan.thread, 'updated_at'), countField(plan.thread));
		});
	}
	return items;
}

/**
 * The new messages of each planned thread, as many threads at a time as the limiter allows (fewer after
 * a 429). The first failure fails the poll: no later thread is started and the
 * caller remembers nothing.
 */
async function readMessagesOf(worken: WorkenContext, plans: ThreadPlan[], limiter: AdaptiveLimiter): Promise<IDataObject[][]> {
	const results: IDataObject[][] = plans.map(() => []);
	let next = 0;
	await runInWindow(limiter, () => {
		for (; next < plans.length; next++) {
			const i = next;
			const { thread, messages } = plans[i];
			if (!messages) continue;
			next++;
			return async () => {
				results[i] = await fetchNewMessages(worken, thread, messages, limiter);
			};
		}
		return undefined;
	});
	return results;
}
