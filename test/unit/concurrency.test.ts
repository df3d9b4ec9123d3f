/**
 * The Auto window of parallel reads: it grows while more requests in flight read the list faster (or no
 * slower), shrinks when Worken itself slows down, halves on a 429, and never passes its bound.
 */
import { AUTO_MAX_WINDOW, AUTO_START_WINDOW, AdaptiveLimiter, runInWindow } from '../../nodes/transport/concurrency';
import type { WindowedTask } from '../../nodes/transport/concurrency';

/** A task that settles when the test says so, recording how many tasks were in flight at its start. */
class Gate {
	inFlight = 0;
	peak = 0;
	started: number[] = [];
	private releases: Array<(answered: boolean) => void> = [];
	private rejects: Array<(error: Error) => void> = [];

	task(n: number): WindowedTask {
		return () =>
			new Promise<boolean>((resolve, reject) => {
				this.started.push(n);
				this.peak = Math.max(this.peak, ++this.inFlight);
				this.releases[n] = (answered) => {
					this.inFlight--;
					resolve(answered);
				};
				this.rejects[n] = (error) => {
					this.inFlight--;
					reject(error);
				};
			});
	}

	answer(n: number, answered = true): void {
		this.releases[n](answered);
	}

	fail(n: number, error: Error): void {
		this.rejects[n](error);
	}
}

const tick = async (): Promise<void> => await new Promise((resolve) => setImmediate(resolve));

describe('AdaptiveLimiter', () => {
	it('Auto grows one step per answer as fast as the fastest, up to its bound', () => {
		const limiter = new AdaptiveLimiter('auto');
		expect(limiter.window).toBe(AUTO_START_WINDOW);
		limiter.answered(40, 1);
		for (let i = 0; i < 3; i++) limiter.answered(41, 4);
		expect(limiter.window).toBe(AUTO_START_WINDOW + 4);
		for (let i = 0; i < 50; i++) limiter.answered(40, limiter.window);
		expect(limiter.window).toBe(AUTO_MAX_WINDOW);
	});

	it('keeps growing when answers slow down only in step with the requests in flight (n8n busy, Worken not)', () => {
		const limiter = new AdaptiveLimiter('auto');
		limiter.answered(2, 1);
		// 4 in flight answered in 8 ms, 5 in 10 ms, 6 in 12 ms: the same pace as 1 in 2 ms.
		limiter.answered(8, 4);
		limiter.answered(10, 5);
		limiter.answered(12, 6);
		expect(limiter.window).toBe(AUTO_START_WINDOW + 4);
	});

	it('shrinks when answers slow down faster than the requests in flight grow (Worken slowing down)', () => {
		const limiter = new AdaptiveLimiter('auto');
		limiter.answered(10, 1);
		limiter.answered(10, 4);
		const grown = limiter.window;
		// Four in flight now take 200 ms each: a fifth of the pace at its best.
		limiter.answered(200, 4);
		limiter.answered(200, 4);
		expect(limiter.window).toBe(grown - 2);
		for (let i = 0; i < 50; i++) limiter.answered(500, 1);
		expect(limiter.window).toBe(1);
	});

	it('a fixed setting is the bound; 1 stays strictly one at a time', () => {
		const one = new AdaptiveLimiter(1);
		for (let i = 0; i < 10; i++) one.answered(1, 1);
		expect(one.window).toBe(1);
		const six = new AdaptiveLimiter(6);
		expect(six.window).toBe(6);
		for (let i = 0; i < 10; i++) six.answered(1, 6);
		expect(six.window).toBe(6);
		expect(new AdaptiveLimiter(99).window).toBe(AUTO_MAX_WINDOW);
	});

	it('a 429 halves the window and holds every request until Retry-After has passed', async () => {
		const limiter = new AdaptiveLimiter(8);
		limiter.rateLimited(150);
		expect(limiter.window).toBe(4);
		const started = Date.now();
		await limiter.pacer(() => true).ready();
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});
});

describe('runInWindow', () => {
	/** Hands out tasks 0…count-1 from the gate, in order. */
	const tasks = (gate: Gate, count: number) => {
		let n = 0;
		return () => (n < count ? gate.task(n++) : undefined);
	};

	it('keeps the window full, in order, and reads the window again after every answer', async () => {
		const limiter = new AdaptiveLimiter(2);
		const gate = new Gate();
		const run = runInWindow(limiter, tasks(gate, 6));
		await tick();
		expect(gate.started).toEqual([0, 1]);
		// The bound is 2, but a window that grew (as Auto's does) is used at once.
		Object.defineProperty(limiter, 'window', { get: () => 4 });
		gate.answer(0);
		await tick();
		expect(gate.started).toEqual([0, 1, 2, 3, 4]);
		for (const n of [1, 2, 3, 4]) gate.answer(n);
		await tick();
		gate.answer(5);
		await run;
		expect(gate.started).toEqual([0, 1, 2, 3, 4, 5]);
		expect(gate.peak).toBe(4);
	});

	it('tells the limiter the time and the number in flight of answered tasks only', async () => {
		const limiter = new AdaptiveLimiter('auto');
		const answered = jest.spyOn(limiter, 'answered');
		const gate = new Gate();
		const run = runInWindow(limiter, tasks(gate, 3));
		await tick();
		gate.answer(0, false);
		gate.answer(1);
		gate.answer(2);
		await run;
		expect(answered).toHaveBeenCalledTimes(2);
		expect(answered.mock.calls.map(([, inFlight]) => inFlight)).toEqual([2, 3]);
	});

	it('the first failure stops new tasks, waits for those in flight, then is thrown', async () => {
		const limiter = new AdaptiveLimiter(3);
		const gate = new Gate();
		const run = runInWindow(limiter, tasks(gate, 10));
		await tick();
		gate.fail(1, new Error('page 1 failed'));
		gate.fail(0, new Error('page 0 failed later'));
		await tick();
		let settled = false;
		void run.catch(() => undefined).finally(() => (settled = true));
		await tick();
		expect(settled).toBe(false);
		gate.answer(2);
		await expect(run).rejects.toThrow('page 1 failed');
		expect(gate.started).toEqual([0, 1, 2]);
	});
});
