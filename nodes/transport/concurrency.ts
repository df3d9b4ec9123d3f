/**
 * How many requests of one list may be in flight at once. A small limiter of our own (no runtime
 * dependency): it grows the window while Worken answers as fast as it did with fewer requests in flight,
 * shrinks it when answers slow down, and on a 429 halves it and holds every request of the list until the
 * Retry-After has passed, so a rate-limited plan is not hammered by parallel retries.
 */
import { sleep } from 'n8n-workflow';

/** "Auto": the window starts here after the first full page... */
export const AUTO_START_WINDOW = 4;
/** ...and never grows beyond this. */
export const AUTO_MAX_WINDOW = 16;

/** What the transport asks before each attempt of a request, and tells after a 429. */
export interface RequestPacer {
	/** Resolves when requests may be sent (at once, unless a 429 asked everyone to wait). */
	ready(): Promise<void>;
	/** A 429 asked to wait `delayMs` before anything is sent again. */
	rateLimited(delayMs: number): void;
	/** false when the answer is no longer wanted (e.g. a shorter page already ended the list). */
	needed(): boolean;
}

/**
 * `setting` is the node's Parallel Requests: 'auto', or a fixed upper bound (1 = strictly one request
 * at a time; the window still halves on a 429 and grows back to the bound).
 */
export class AdaptiveLimiter {
	readonly max: number;
	private current: number;
	private pausedUntil = 0;
	private fastestMs = Infinity;

	constructor(setting: 'auto' | number) {
		if (setting === 'auto') {
			this.max = AUTO_MAX_WINDOW;
			this.current = AUTO_START_WINDOW;
		} else {
			this.max = Math.max(1, Math.min(AUTO_MAX_WINDOW, Math.floor(setting)));
			this.current = this.max;
		}
	}

	get window(): number {
		return this.current;
	}

	/**
	 * A request was answered (2xx) `ms` after it was sent. As fast as the fastest answer so far means more
	 * requests in flight cost Worken nothing: one more may go. Three times slower means requests queue
	 * (at Worken or in n8n itself): one fewer.
	 */
	answered(ms: number): void {
		this.fastestMs = Math.min(this.fastestMs, ms);
		if (ms <= this.fastestMs * 1.5 + 2) this.current = Math.min(this.max, this.current + 1);
		else if (ms > this.fastestMs * 3 + 5) this.current = Math.max(1, this.current - 1);
	}

	rateLimited(delayMs: number): void {
		this.current = Math.max(1, Math.floor(this.current / 2));
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delayMs);
	}

	async ready(): Promise<void> {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
			await sleep(wait);
		}
	}

	/** The pacer one request of the list uses; `needed` says whether its answer is still wanted. */
	pacer(needed: () => boolean): RequestPacer {
		return {
			ready: async () => await this.ready(),
			rateLimited: (delayMs) => this.rateLimited(delayMs),
			needed,
		};
	}
}

/** Thrown instead of sending a request whose answer is no longer wanted; the list reader drops it. */
export class AnswerNotNeeded extends Error {
	constructor() {
		super('This page is past the end of the list');
	}
}
