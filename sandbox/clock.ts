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
