/**
 * What the trigger remembers between polls, in the node's workflow static data. Plain JSON only (n8n
 * saves it with the workflow), bounded in size, and replaced as a whole at the end of a successful poll.
 *
 * Shape (version 1):
 * - `phase`: 'activating' while the first poll(s) walk the feed to its head, then 'watching'.
 * - `filterKey`: the filters the cursor was made with. Other filters → the state is discarded and the
 *   trigger starts over as on its first activation.
 * - `cursor`: the feed position after the last thread taken ('' = the beginning of the feed).
 * - `startedAt`: updated_at of the newest change in the feed when watching started ('' = empty feed).
 *   Messages at or before it existed before the trigger was watching.
 * - `caughtUpAt`: updated_at of the last thread taken by the last poll that read the feed to its end.
 *   Every change up to it has been seen. '' while Include Existing Threads has not caught up yet.
 * - `includeExisting`: while activating, whether the walk ends at the beginning of the feed (emit what
 *   exists) or at its head.
 * - `seen`: [thread id, updated_at, message_count] of the last state processed per thread, oldest first,
 *   at most MAX_SEEN entries: the threads least recently changed are forgotten first.
 */
import type { IDataObject } from 'n8n-workflow';

export const STATE_VERSION = 1;

/** ~60 bytes each in the static data, so about 120 kB at most. */
const MAX_SEEN = 2_000;

export type SeenEntry = [id: string, updatedAt: string, messageCount: number];

interface CommonState {
	version: typeof STATE_VERSION;
	filterKey: string;
	cursor: string;
	startedAt: string;
	seen: SeenEntry[];
}

export interface ActivatingState extends CommonState {
	phase: 'activating';
	includeExisting: boolean;
}

export interface WatchingState extends CommonState {
	phase: 'watching';
	caughtUpAt: string;
}

export type TriggerState = ActivatingState | WatchingState;

export interface SeenThread {
	updatedAt: string;
	messageCount: number;
}

/** The `seen` list as a map in least-recently-changed order; `remember` moves a thread to the end. */
export class SeenThreads {
	private readonly threads = new Map<string, SeenThread>();

	constructor(entries: readonly SeenEntry[] = []) {
		for (const [id, updatedAt, messageCount] of entries) this.remember(id, updatedAt, messageCount);
	}

	get(id: string): SeenThread | undefined {
		return this.threads.get(id);
	}

	remember(id: string, updatedAt: string, messageCount: number): void {
		this.threads.delete(id);
		this.threads.set(id, { updatedAt, messageCount });
		// Pruned as we go, so that walking a huge feed never holds more than MAX_SEEN + 1 entries.
		if (this.threads.size > MAX_SEEN) {
			const oldest = this.threads.keys().next().value as string;
			this.threads.delete(oldest);
		}
	}

	toEntries(): SeenEntry[] {
		return [...this.threads].map(([id, { updatedAt, messageCount }]) => [id, updatedAt, messageCount]);
	}
}

function isString(value: unknown): value is string {
	return typeof value === 'string';
}

function readSeen(value: unknown): SeenEntry[] | undefined {
	if (!Array.isArray(value)) return undefined;
	const entries: SeenEntry[] = [];
	for (const entry of value as unknown[]) {
		if (!Array.isArray(entry)) return undefined;
		const [id, updatedAt, messageCount] = entry as unknown[];
		if (!isString(id) || !isString(updatedAt) || typeof messageCount !== 'number') return undefined;
		entries.push([id, updatedAt, messageCount]);
	}
	return entries;
}

/**
 * The stored state, copied out of n8n's observable static data. Undefined when there is none, when it
 * is unreadable (another version) or when it was made for other filters: the caller then starts over.
 */
export function loadState(stored: IDataObject, filterKey: string): TriggerState | undefined {
	if (stored.version !== STATE_VERSION || stored.filterKey !== filterKey) return undefined;
	const { cursor, startedAt } = stored;
	const seen = readSeen(stored.seen);
	if (!isString(cursor) || !isString(startedAt) || !seen) return undefined;
	const common = { version: STATE_VERSION, filterKey, cursor, startedAt, seen } as const;
	if (stored.phase === 'activating' && typeof stored.includeExisting === 'boolean') {
		return { ...common, phase: 'activating', includeExisting: stored.includeExisting };
	}
	if (stored.phase === 'watching' && isString(stored.caughtUpAt)) {
		return { ...common, phase: 'watching', caughtUpAt: stored.caughtUpAt };
	}
	return undefined;
}

/** Replaces the stored state as a whole (keys of an older shape are removed). */
export function saveState(stored: IDataObject, state: TriggerState): void {
	for (const key of Object.keys(stored)) {
		if (!(key in state)) delete stored[key];
	}
	Object.assign(stored, JSON.parse(JSON.stringify(state)) as IDataObject);
}
