import type { SandboxClock } from './clock';

/**
 * Timers owned by one sandbox (fault delays, pauses between stream events). `close()` cancels them all so
 * that a closed sandbox leaves nothing pending that would keep a test process alive.
 */
export class Scheduler {
	private timers = new Set<unknown>();

	constructor(private readonly clock: SandboxClock) {}

	sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = this.clock.setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	/** Pending sleeps never resolve after this; their requests' sockets are destroyed by the server anyway. */
	cancelAll(): void {
		for (const timer of this.timers) this.clock.clearTimeout(timer);
		this.timers.clear();
	}
}
