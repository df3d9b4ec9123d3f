/**
 * A clock whose readings strictly increase, even for several changes within one millisecond. Each project
 * has one and every change in the project takes one reading, so `updated_at` values are unique and their
 * order equals the order of changes — the thread feed relies on that ("updated_at ascending" is then a
 * total order). More than 1,000 changes per second run the clock ahead of real time by 1 ms per change;
 * it falls back in step once the burst is over.
 */
export class MonotonicClock {
	private last = 0;
	/** Readings left in a burst prepared by reserve(): those advance 1 ms each, ignoring real time. */
	private reserved = 0;

	/** The next reading in epoch milliseconds: now, or 1 ms after the previous reading if that is later. */
	tick(): number {
		if (this.reserved > 0) {
			this.reserved -= 1;
			this.last += 1;
		} else {
			this.last = Math.max(Date.now(), this.last + 1);
		}
		return this.last;
	}

	/** The next reading as an ISO 8601 UTC string. */
	now(): string {
		return new Date(this.tick()).toISOString();
	}

	/**
	 * Prepares for a burst of `ticks` readings (seeding thousands of objects): starts them in the recent past
	 * instead of pushing the clock seconds ahead of real time. Never moves the clock backwards.
	 */
	reserve(ticks: number): void {
		this.last = Math.max(this.last, Date.now() - ticks - 1);
		this.reserved = ticks;
	}
}

/** The time and timers the sandbox uses for the rate-limit window, fault delays and stream pauses. */
export interface SandboxClock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const realClock: SandboxClock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * A clock that moves only when a test calls advance(), so tests of rate windows and delays assert what
 * happens at each instant instead of measuring real time. Timers fire inside advance(), earliest first.
 */
export class ManualClock implements SandboxClock {
	private time: number;
	private nextId = 1;
	private timers = new Map<number, { at: number; callback: () => void }>();
	private waiters: Array<() => void> = [];

	constructor(start = Date.now()) {
		this.time = start;
	}

	now(): number {
		return this.time;
	}

	setTimeout(callback: () => void, ms: number): unknown {
		const id = this.nextId++;
		this.timers.set(id, { at: this.time + ms, callback });
		for (const wake of this.waiters.splice(0)) wake();
		return id;
	}

	clearTimeout(handle: unknown): void {
		this.timers.delete(handle as number);
	}

	/** How many timers wait to fire. */
	pending(): number {
		return this.timers.size;
	}

	/** Resolves once at least `count` timers wait (e.g. a request has reached its fault delay). */
	async whenPending(count = 1): Promise<void> {
		while (this.timers.size < count) await new Promise<void>((resolve) => this.waiters.push(resolve));
	}

	/** Moves the time forward by `ms`, firing every timer that falls due on the way, in order. */
	advance(ms: number): void {
		const until = this.time + ms;
		for (;;) {
			const due = [...this.timers].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
			if (!due) break;
			this.timers.delete(due[0]);
			this.time = due[1].at;
			due[1].callback();
		}
		this.time = until;
	}
}
