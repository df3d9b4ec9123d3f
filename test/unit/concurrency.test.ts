/**
 * The limiter and the runner that applies it, with a clock the test moves by hand: at most 6 requests in
 * flight on Auto (a fixed setting's own number), and a 429 that halves the requests in flight and holds
 * every start until its Retry-After has passed. Which page comes next: pagePlan.test.ts.
 */
import type { Clock, WindowedTask } from '../../nodes/transport/concurrency';
import { AUTO_MAX_IN_FLIGHT, AdaptiveLimiter, MAX_IN_FLIGHT, runInWindow } from '../../nodes/transport/concurrency';

/** A clock that moves only when the test says so. */
class ManualClock implements Clock {
	time = 1_000_000;
	private sleepers: Array<{ until: number; wake: () => void }> = [];

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((wake) => this.sleepers.push({ until: this.time + ms, wake }));
	}

	advance(ms: number): void {
		this.time += ms;
		const due = this.sleepers.filter((sleeper) => sleeper.until <= this.time);
		this.sleepers = this.sleepers.filter((sleeper) => sleeper.until > this.time);
		for (const sleeper of due) sleeper.wake();
	}
}

/** Tasks that settle when the test says so, recording their starts and the most in flight at once. */
class Gate {
	inFlight = 0;
	peak = 0;
	started: number[] = [];
	private settle: Array<(error?: Error) => void> = [];

	task(n: number): WindowedTask {
		return () =>
			new Promise<void>((resolve, reject) => {
				this.started.push(n);
				this.peak = Math.max(this.peak, ++this.inFlight);
				this.settle[n] = (error) => {
					this.inFlight--;
					if (error) reject(error);
					else resolve();
				};
			});
	}

	answer(n: number): void {
		this.settle[n]();
	}

	fail(n: number, error: Error): void {
		this.settle[n](error);
	}
}

/** Lets every promise that can settle now settle (the next turn of the event loop; no timer). */
const settle = async (): Promise<void> => await new Promise((resolve) => setImmediate(resolve));

describe('requests in flight', () => {
	it('Auto: at most 6; a fixed setting: its own number, from 1 to 16', () => {
		expect(new AdaptiveLimiter('auto').maxInFlight).toBe(AUTO_MAX_IN_FLIGHT);
		expect(AUTO_MAX_IN_FLIGHT).toBe(6);
		expect(new AdaptiveLimiter(1).maxInFlight).toBe(1);
		expect(new AdaptiveLimiter(4).maxInFlight).toBe(4);
		expect(new AdaptiveLimiter(16).maxInFlight).toBe(16);
		expect(new AdaptiveLimiter(99).maxInFlight).toBe(MAX_IN_FLIGHT);
	});
});

describe('429s', () => {
	it('halve the requests in flight, never below one', () => {
		const limiter = new AdaptiveLimiter('auto', new ManualClock());
		const bounds: number[] = [];
		for (let i = 0; i < 5; i++) {
			limiter.rateLimited(1000);
			bounds.push(limiter.maxInFlight);
		}
		expect(bounds).toEqual([3, 1, 1, 1, 1]);
		const sixteen = new AdaptiveLimiter(16, new ManualClock());
		expect([1, 2, 3, 4, 5].map(() => (sixteen.rateLimited(1000), sixteen.maxInFlight))).toEqual([8, 4, 2, 1, 1]);
	});

	it('hold every caller of ready() until the latest Retry-After has passed', async () => {
		const clock = new ManualClock();
		const limiter = new AdaptiveLimiter(8, clock);
		limiter.rateLimited(1000);
		limiter.rateLimited(2000);
		let ready = false;
		void limiter.ready().then(() => (ready = true));
		clock.advance(1999);
		await settle();
		expect(ready).toBe(false);
		clock.advance(1);
		await settle();
		expect(ready).toBe(true);
	});
});

describe('runInWindow', () => {
	/** Hands out tasks 0…count-1 from the gate, in order, recording each time it is asked. */
	const tasks = (gate: Gate, count: number, asked: number[] = []) => {
		let n = 0;
		return () => {
			asked.push(n);
			return n < count ? gate.task(n++) : undefined;
		};
	};

	it('keeps the bound full, in order, one new task per settled one', async () => {
		const gate = new Gate();
		const run = runInWindow(new AdaptiveLimiter(2), tasks(gate, 5));
		await settle();
		expect(gate.started).toEqual([0, 1]);
		gate.answer(1);
		await settle();
		expect(gate.started).toEqual([0, 1, 2]);
		for (const n of [0, 2, 3]) {
			gate.answer(n);
			await settle();
		}
		gate.answer(4);
		await run;
		expect(gate.started).toEqual([0, 1, 2, 3, 4]);
		expect(gate.peak).toBe(2);
	});

	it('after a 429 asks for the next task only once the pause is over, and starts fewer at once', async () => {
		const clock = new ManualClock();
		const limiter = new AdaptiveLimiter(4, clock);
		const gate = new Gate();
		const asked: number[] = [];
		const run = runInWindow(limiter, tasks(gate, 8, asked));
		await settle();
		expect(gate.started).toEqual([0, 1, 2, 3]);
		// Task 0 met a 429 (Retry-After 1 s) and waits to repeat; tasks 1-3 are answered meanwhile.
		limiter.rateLimited(1000);
		for (const n of [1, 2, 3]) gate.answer(n);
		await settle();
		expect(asked).toEqual([0, 1, 2, 3]);
		clock.advance(999);
		await settle();
		expect(asked).toEqual([0, 1, 2, 3]);
		clock.advance(1);
		await settle();
		// The bound halved to 2: task 0 and one new task.
		expect(gate.started).toEqual([0, 1, 2, 3, 4]);
		expect(gate.inFlight).toBe(2);
		for (const n of [0, 4, 5, 6, 7]) {
			gate.answer(n);
			await settle();
		}
		await run;
		expect(gate.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	});

	it('a task no longer wanted once the pause is over is not started', async () => {
		const clock = new ManualClock();
		const limiter = new AdaptiveLimiter(2, clock);
		const gate = new Gate();
		let wanted = true;
		let n = 0;
		const run = runInWindow(limiter, () => (wanted && n < 10 ? gate.task(n++) : undefined));
		await settle();
		limiter.rateLimited(500);
		gate.answer(0);
		gate.answer(1);
		await settle();
		expect(gate.started).toEqual([0, 1]);
		// During the pause the list turned out to end (e.g. task 1's page came back short).
		wanted = false;
		clock.advance(500);
		await run;
		expect(gate.started).toEqual([0, 1]);
	});

	it('the first failure stops new tasks, waits for those in flight, then is thrown', async () => {
		const gate = new Gate();
		const run = runInWindow(new AdaptiveLimiter(3), tasks(gate, 10));
		await settle();
		gate.fail(1, new Error('page 1 failed'));
		gate.fail(0, new Error('page 0 failed later'));
		await settle();
		let settled = false;
		void run.catch(() => undefined).finally(() => (settled = true));
		await settle();
		expect(settled).toBe(false);
		gate.answer(2);
		await expect(run).rejects.toThrow(new Error('page 1 failed'));
		expect(gate.started).toEqual([0, 1, 2]);
	});
});
