/**
 * How many requests of one list may be in flight at once, and which page may be asked for next. A small
 * limiter of our own (no runtime dependency). Its rules, for Parallel Requests on Auto:
 *
 * 1. The first page is read alone: most lists fit in it.
 * 2. Then at most `pagesAhead(known)` pages beyond the `known` pages that came back full (one page, plus
 *    one for every PAGES_PER_EXTRA_PAGE known full): whatever lands past the end of the list is at most
 *    one request for a list of up to ten pages and a tenth of the requests of a longer one.
 * 3. At most AUTO_MAX_IN_FLIGHT requests in flight (why: see the constant).
 * 4. A 429 holds every request of the list until its Retry-After has passed (retries sent apart would
 *    only meet the limit again), and halves the requests in flight, at least one (a plan's budget may
 *    come back only gradually).
 *
 * A fixed setting N keeps rules 1, 3 (with N) and 4, not rule 2: who picks a number asks for that many
 * requests in flight, and accepts up to N − 1 requests past the end of the list.
 */
import { sleep } from 'n8n-workflow';

/**
 * Auto's most requests in flight. Rule 2 reaches it only past 11,000 items, and on loopback n8n's own
 * request path is the bottleneck well before it; more in flight only meet a spent rate limit with more 429s.
 */
export const AUTO_MAX_IN_FLIGHT = 12;

/** The largest fixed Parallel Requests value. */
export const MAX_IN_FLIGHT = 16;

/** One more page may be asked for ahead per this many known full pages: the past-the-end share, 1/10. */
export const PAGES_PER_EXTRA_PAGE = 10;

/**
 * Auto's pages beyond the `known` full ones that may be in flight. The list may end at the first page not
 * known full, so (known + 1) pages is the shortest it can be: one extra request is allowed for up to ten
 * pages and a tenth of them beyond that.
 */
export function pagesAhead(known: number): number {
	return known === 0 ? 0 : Math.max(1, Math.floor((known + 1) / PAGES_PER_EXTRA_PAGE));
}

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
	private readonly auto: boolean;
	private pausedUntil = 0;

	constructor(setting: 'auto' | number, private readonly clock: Clock = systemClock) {
		this.auto = setting === 'auto';
		this.inFlightBound = setting === 'auto' ? AUTO_MAX_IN_FLIGHT : Math.max(1, Math.min(MAX_IN_FLIGHT, Math.floor(setting)));
	}

	/** The most requests that may be in flight now. */
	get maxInFlight(): number {
		return this.inFlightBound;
	}

	/** Whether page `index` (from 0) of a list may be asked for now, when its first `known` pages came back full. */
	mayRequestPage(index: number, known: number): boolean {
		if (known === 0) return index === 0;
		return !this.auto || index <= known + pagesAhead(known);
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
