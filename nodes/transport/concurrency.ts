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
	private bestPace = 0;

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
	 * A request was answered (2xx) `ms` after it was sent, with `inFlight` requests of the list in flight
	 * then (itself included). One more may go when the answer came as fast as the fastest so far (more in
	 * flight cost Worken nothing), or when the list is read at least as productively as at its best
	 * (answers per millisecond: in flight ÷ answer time), which is the case when answers slow down only
	 * because n8n itself is busy handling the others (Worken on the same machine or network). One fewer
	 * when answers came three times slower and the list is read at half its best pace or worse: Worken
	 * itself is slowing down.
	 */
	answered(ms: number, inFlight = 1): void {
		this.fastestMs = Math.min(this.fastestMs, ms);
		const pace = inFlight / Math.max(ms, 0.5);
		this.bestPace = Math.max(this.bestPace, pace);
		if (ms <= this.fastestMs * 1.5 + 2 || pace >= this.bestPace * 0.8) {
			this.current = Math.min(this.max, this.current + 1);
		} else if (ms > this.fastestMs * 3 + 5 && pace < this.bestPace * 0.5) {
			this.current = Math.max(1, this.current - 1);
		}
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

/**
 * One unit of work run under the window: resolves true when Worken answered it (its time then tells the
 * limiter how Worken keeps up), false when it was settled without an answer worth counting.
 */
export type WindowedTask = () => Promise<boolean>;

/**
 * Runs the tasks `next` hands out, in order, with at most `limiter.window` of them in flight. The window is
 * read again after every answer, so it grows and shrinks while the work goes on. `next` returns undefined
 * when there is nothing (more) to start. The first task that throws stops new tasks from starting; the
 * others in flight are waited for, then its error is thrown.
 */
export async function runInWindow(limiter: AdaptiveLimiter, next: () => WindowedTask | undefined): Promise<void> {
	const inFlight = new Set<Promise<void>>();
	let failure: { error: unknown } | undefined;
	for (;;) {
		while (failure === undefined && inFlight.size < limiter.window) {
			const task = next();
			if (!task) break;
			const inFlightAtSend = inFlight.size + 1;
			const sentAt = Date.now();
			const running: Promise<void> = task()
				.then(
					(answered) => {
						if (answered) limiter.answered(Date.now() - sentAt, inFlightAtSend);
					},
					(error: unknown) => {
						failure ??= { error };
					},
				)
				.finally(() => inFlight.delete(running));
			inFlight.add(running);
		}
		if (inFlight.size === 0) break;
		await Promise.race(inFlight);
	}
	if (failure) throw failure.error;
}

/** Thrown instead of sending a request whose answer is no longer wanted; the list reader drops it. */
export class AnswerNotNeeded extends Error {
	constructor() {
		super('This page is past the end of the list');
	}
}
