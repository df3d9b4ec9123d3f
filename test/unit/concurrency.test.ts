/**
 * The limiter's rules and the runner that applies them, with a clock the test moves by hand: the first
 * page alone, then pages ahead in step with the pages known full (so what lands past a list's end stays
 * within one request for short lists and a tenth for long ones), at most 12 in flight, and a 429 that
 * halves the requests in flight and holds every start until its Retry-After has passed.
 */
import type { Clock, WindowedTask } from '../../nodes/transport/concurrency';
import { AUTO_MAX_IN_FLIGHT, AdaptiveLimiter, MAX_IN_FLIGHT, runInWindow } from '../../nodes/transport/concurrency';
import { REQUESTS_BY_SIZE } from '../actions/fixtures';

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

/**
 * Reads a list of `needed` pages (the last one short) the way fetchOffsetList does, in the worst case for
 * requests past the end: every answer arrives only after every page the rules allow has been started, in
 * page order. Returns how many pages were asked for.
 */
async function worstCaseRequests(setting: 'auto' | number, needed: number): Promise<number> {
	const limiter = new AdaptiveLimiter(setting, new ManualClock());
	const gate = new Gate();
	let known = 0;
	let ended = false;
	let started = 0;
	const run = runInWindow(limiter, () => {
		if (ended || !limiter.mayRequestPage(started, known)) return undefined;
		return gate.task(started++);
	});
	for (let page = 0; !ended; page++) {
		await settle();
		if (page < needed - 1) known = page + 1;
		else ended = true;
		gate.answer(page);
	}
	await settle();
	// Pages started past the end are answered (empty) too.
	for (let page = needed; page < started; page++) gate.answer(page);
	await run;
	expect(gate.peak).toBeLessThanOrEqual(limiter.maxInFlight);
	return started;
}

describe('which page Auto may ask for', () => {
	it('the first page alone, then one page ahead, one more per ten known full', () => {
		const limiter = new AdaptiveLimiter('auto');
		const furthest = (known: number): number => {
			let index = known;
			while (limiter.mayRequestPage(index + 1, known)) index++;
			return index;
		};
		expect(limiter.mayRequestPage(0, 0)).toBe(true);
		expect(limiter.mayRequestPage(1, 0)).toBe(false);
		expect([1, 2, 8, 9, 18, 19, 29, 99, 100, 300].map(furthest)).toEqual([2, 3, 9, 10, 19, 21, 32, 109, 110, 330]);
	});

	it('a fixed setting reads the first page alone, then any page (its bound is the requests in flight)', () => {
		const limiter = new AdaptiveLimiter(4);
		expect(limiter.mayRequestPage(1, 0)).toBe(false);
		expect(limiter.mayRequestPage(50, 1)).toBe(true);
		expect(limiter.maxInFlight).toBe(4);
		expect(new AdaptiveLimiter(1).maxInFlight).toBe(1);
		expect(new AdaptiveLimiter(16).maxInFlight).toBe(16);
		expect(new AdaptiveLimiter(99).maxInFlight).toBe(MAX_IN_FLIGHT);
		expect(new AdaptiveLimiter('auto').maxInFlight).toBe(AUTO_MAX_IN_FLIGHT);
		expect(AUTO_MAX_IN_FLIGHT).toBe(12);
	});
});

describe('requests per Return All in the worst case (answers as late as the rules allow)', () => {
	// At worst Auto sends the most the targets allow, except that a one-page list costs one request.
	it.each(REQUESTS_BY_SIZE)('%i threads: sequential %i, Auto at most %i', async (threads, sequential, most) => {
		expect(Math.floor(threads / 100) + 1).toBe(sequential);
		expect(await worstCaseRequests(1, sequential)).toBe(sequential);
		expect(await worstCaseRequests('auto', sequential)).toBe(sequential === 1 ? 1 : most);
	});

	it('every list of up to 10 pages costs at most one request more, every longer one at most 1.1×', async () => {
		for (let needed = 1; needed <= 250; needed++) {
			const sent = await worstCaseRequests('auto', needed);
			expect([needed, sent - needed <= (needed <= 10 ? 1 : Math.floor(needed * 0.1))]).toEqual([needed, true]);
		}
	});

	it('a fixed 16 keeps 16 in flight and may ask for up to 15 pages past the end', async () => {
		expect(await worstCaseRequests(16, 2)).toBe(2 + 15);
		expect(await worstCaseRequests(16, 101)).toBe(101 + 15);
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
		expect(bounds).toEqual([6, 3, 1, 1, 1]);
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
