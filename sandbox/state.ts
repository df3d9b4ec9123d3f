import type { SandboxClock } from './clock';
import { DeviationSwitch } from './deviations';
import { Chaos } from './chaos';
import { FaultQueue } from './faults';
import { InFlightMeter } from './inFlight';
import { RateLimiter } from './rateLimit';
import { RequestLog } from './requestLog';
import { Scheduler } from './scheduler';
import { Store } from './store';

/** Everything one running sandbox holds; shared by the HTTP pipeline and the control surface. */
export class SandboxState {
	readonly store = new Store();
	readonly faults = new FaultQueue();
	readonly deviations = new DeviationSwitch();
	readonly chaos = new Chaos();
	readonly log = new RequestLog();
	readonly limiter: RateLimiter;
	readonly scheduler: Scheduler;
	readonly inFlight = new InFlightMeter();

	constructor(
		rateLimitWindowMs: number,
		readonly streamChunkDelayMs: number,
		readonly clock: SandboxClock,
	) {
		this.limiter = new RateLimiter(rateLimitWindowMs);
		this.scheduler = new Scheduler(clock);
	}
}
