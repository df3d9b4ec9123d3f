/**
 * The sandbox's own record of every thread change, in order: what soak and chaos tests compare the
 * trigger's deliveries against. One entry per change (creation, message, rename, mode, move), written
 * where the thread's `updated_at` moves, so nothing a client does can bypass it.
 */

export interface ThreadChange {
	projectId: string;
	threadId: string;
	/** The thread's `updated_at` after this change (unique and ordered within a project). */
	updatedAt: string;
	/** True for the change that created the thread. */
	created: boolean;
}

export class ChangeJournal {
	private entries: ThreadChange[] = [];

	record(change: ThreadChange): void {
		this.entries.push(change);
	}

	/** The project's changes, oldest first (copies). */
	list(projectId: string): ThreadChange[] {
		return this.entries.filter((entry) => entry.projectId === projectId).map((entry) => ({ ...entry }));
	}

	clear(): void {
		this.entries = [];
	}
}
