/**
 * How many requests of one list may be in flight at once, and the pause after a 429. A small limiter of
 * our own (no runtime dependency); which page to ask for next is the page plan's (pagePlan.ts).
 *
 * - Parallel Requests on Auto: at most AUTO_MAX_IN_FLIGHT in flight; a fixed setting N: at most N.
 * - A 429 holds every request of the list until its Retry-After has passed (retries sent apart would only
 *   meet the limit again), and halves the requests in flight, at least one (a plan's budget may come back
 *   only gradually).
 */
import { sleep } from 'n8n-workflow';

/**
 * Auto's most requests in flight. Every request in flight when a plan's budget runs out comes back 429, so
 * no more than a long list needs: with 100 ms per answer, 6 read 10,000 items in about a fifth of the time
 * of one page after another, and on loopback n8n's own request path is the bottleneck well before 6.
 */
export const AUTO_MAX_IN_FLIGHT = 6;

/** The largest fixed Parallel Requests value. */
export const MAX_IN_FLIGHT = 16;

/** What the limiter reads the time with and waits with; tests pass their own. */
export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

/** What the transport asks before each attempt of a request, and tells after a 429. */
export interface RequestPacer {
	/** Resolves when requests may be sent (at once, unless a 429 asked everyone to wait). */
	ready(): Promise<void>;
	/** A 429 asked to wait `delayMs` before anything is sent again. */
	rateLimited(delayMs: number): void;
}

/** `setting` is the node's Parallel Requests: 'auto', or the most requests in flight (1 = one at a time). */
export class AdaptiveLimiter implements RequestPacer {
	private inFlightBound: number;
	private pausedUntil = 0;

	constructor(setting: 'auto' | number, private readonly clock: Clock = systemClock) {
		this.inFlightBound = setting === 'auto' ? AUTO_MAX_IN_FLIGHT : Math.max(1, Math.min(MAX_IN_FLIGHT, Math.floor(setting)));
	}

	/** The most requests that may be in flight now. */
	get maxInFlight(): number {
		return this.inFlightBound;
	}

	rateLimited(delayMs: number): void {
		this.inFlightBound = Math.max(1, Math.floor(this.inFlightBound / 2));
		this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + delayMs);
	}

	async ready(): Promise<void> {
		for (let wait = this.pausedUntil - this.clock.now(); wait > 0; wait = this.pausedUntil - this.clock.now()) {
			await this.clock.sleep(wait);
		}
	}
}

/** One unit of work run under the limiter. */
export type WindowedTask = () => Promise<void>;

/**
 * Runs the tasks `next` hands out, in order, with at most `limiter.maxInFlight` of them in flight. Before
 * asking `next` it waits out a 429's pause, so `next` decides with what is known after it: a page no
 * longer wanted is simply not started. `next` returns undefined when nothing may start now; once nothing
 * is in flight either, the work is done. The first task that throws stops new tasks from starting; the
 * others in flight are waited for, then its error is thrown.
 */
export async function runInWindow(limiter: AdaptiveLimiter, next: () => WindowedTask | undefined): Promise<void> {
	const inFlight = new Set<Promise<void>>();
	let failure: { error: unknown } | undefined;
	for (;;) {
		while (failure === undefined && inFlight.size < limiter.maxInFlight) {
			await limiter.ready();
			if (failure !== undefined) break;
			const task = next();
			if (!task) break;
			const running: Promise<void> = task()
				.catch((error: unknown) => {
					failure ??= { error };
				})
				.finally(() => inFlight.delete(running));
			inFlight.add(running);
		}
		if (inFlight.size === 0) break;
		await Promise.race(inFlight);
	}
	if (failure) throw failure.error;
}
