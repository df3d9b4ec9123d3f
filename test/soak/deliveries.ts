/**
 * Compares what a Worken Trigger delivered with the sandbox's own record of every change, following the
 * trigger's documented semantics (README, "The Worken Trigger"):
 * - New Thread: each thread created after activation once.
 * - Thread Updated: every change is covered by a delivery of that thread's state at or after it (a thread
 *   changed several times between two polls comes out once, in its latest state). Changes of threads
 *   created after activation are only checked when New Thread is chosen too (otherwise the trigger takes
 *   the thread's first sighting as its creation and, by design, emits nothing for it).
 * - New Message: each message created after activation once.
 * A duplicate is the same thread state (id + updated_at) or the same message delivered twice.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Message, ThreadChange } from '../../sandbox';

export type TriggerEventName = 'newThread' | 'threadUpdated' | 'newMessage';

export interface Ledger {
	/** Changes made after the trigger was activated, oldest first. */
	changes: ThreadChange[];
	/** Threads that existed at activation. */
	existingThreads: Set<string>;
	/** Messages created after activation. */
	newMessages: Message[];
}

export interface DeliveryCount {
	/** Changes (and new messages) the events chosen must cover. */
	expected: number;
	deliveries: number;
	lost: string[];
	duplicated: string[];
	/** Deliveries of something from before activation. */
	unexpected: string[];
}

function threadKey(item: IDataObject): string {
	return `${String(item.id)}@${String(item.updated_at)}`;
}

export function countDeliveries(events: TriggerEventName[], ledger: Ledger, items: IDataObject[]): DeliveryCount {
	const chosen = new Set(events);
	const result: DeliveryCount = { expected: 0, deliveries: items.length, lost: [], duplicated: [], unexpected: [] };

	const threadItems = items.filter((item) => item.event === 'newThread' || item.event === 'threadUpdated');
	const seenStates = new Map<string, number>();
	for (const item of threadItems) seenStates.set(threadKey(item), (seenStates.get(threadKey(item)) ?? 0) + 1);
	for (const [key, n] of seenStates) if (n > 1) result.duplicated.push(`thread state ${key} ×${n}`);
	const latestDelivered = new Map<string, string[]>();
	for (const item of threadItems) {
		const list = latestDelivered.get(String(item.id)) ?? [];
		list.push(String(item.updated_at));
		latestDelivered.set(String(item.id), list);
	}

	if (chosen.has('newThread')) {
		const created = ledger.changes.filter((change) => change.created).map((change) => change.threadId);
		result.expected += created.length;
		const counts = new Map<string, number>();
		for (const item of items) if (item.event === 'newThread') counts.set(String(item.id), (counts.get(String(item.id)) ?? 0) + 1);
		for (const id of created) {
			const n = counts.get(id) ?? 0;
			if (n === 0) result.lost.push(`new thread ${id}`);
			if (n > 1) result.duplicated.push(`new thread ${id} ×${n}`);
		}
		for (const id of counts.keys()) if (ledger.existingThreads.has(id)) result.unexpected.push(`new thread ${id} existed before`);
	}

	if (chosen.has('threadUpdated')) {
		for (const change of ledger.changes) {
			if (change.created) continue;
			if (!ledger.existingThreads.has(change.threadId) && !chosen.has('newThread')) continue;
			result.expected += 1;
			const covered = (latestDelivered.get(change.threadId) ?? []).some((at) => at >= change.updatedAt);
			if (!covered) result.lost.push(`change of ${change.threadId} at ${change.updatedAt}`);
		}
	}

	if (chosen.has('newMessage')) {
		result.expected += ledger.newMessages.length;
		const counts = new Map<string, number>();
		for (const item of items) if (item.event === 'newMessage') counts.set(String(item.id), (counts.get(String(item.id)) ?? 0) + 1);
		const fresh = new Set(ledger.newMessages.map((message) => message.id));
		for (const message of ledger.newMessages) {
			const n = counts.get(message.id) ?? 0;
			if (n === 0) result.lost.push(`message ${message.id}`);
			if (n > 1) result.duplicated.push(`message ${message.id} ×${n}`);
		}
		for (const id of counts.keys()) if (!fresh.has(id)) result.unexpected.push(`message ${id} is from before activation`);
	}
	return result;
}
