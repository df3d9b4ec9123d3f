/**
 * Which page of an offset list comes next (nodes/transport/pagePlan.ts): the first page alone; the pages
 * known to be in the list at any time; at most one page that may lie past the end for a list of up to ten
 * pages and a tenth beyond, the first of them far ahead. Lists are played out without any clock: in
 * rounds (every request takes one round trip) for the speed, and answer by answer in adversarial orders
 * for the requests past the end.
 */
import { AUTO_MAX_IN_FLIGHT } from '../../nodes/transport/concurrency';
import { PagePlan, pagesAhead } from '../../nodes/transport/pagePlan';
import { REQUESTS_BY_SIZE } from '../actions/fixtures';

/** A list a sequential reader reads with `needed` requests: pages 0 … needed − 2 full, then a short one. */
const isFull = (needed: number, page: number): boolean => page < needed - 1;

/** Every request takes one round trip: start all the plan allows (at most `inFlight`), then answer them all. */
function inRounds(needed: number, lookAhead: boolean, inFlight: number): { rounds: number; requests: number[] } {
	const plan = new PagePlan(lookAhead, Infinity);
	const requests: number[] = [];
	let rounds = 0;
	for (;;) {
		const round: number[] = [];
		for (let page = plan.next(); page !== undefined; page = round.length < inFlight ? plan.next() : undefined) round.push(page);
		if (round.length === 0) return { rounds, requests };
		rounds++;
		requests.push(...round);
		for (const page of round) plan.answered(page, isFull(needed, page));
	}
}

type Pick = (inFlight: number[], step: number) => number;
const ORDERS: Record<string, Pick> = {
	'lowest first': (pages) => pages.indexOf(Math.min(...pages)),
	'highest first': (pages) => pages.indexOf(Math.max(...pages)),
	'oldest first': () => 0,
	'newest first': (pages) => pages.length - 1,
	scrambled: (pages, step) => (step * 7919) % pages.length,
};

/** Starts all the plan allows, then answers one request (chosen by `pick`), until the list is read. */
function answerByAnswer(needed: number, inFlight: number, pick: Pick): number[] {
	const plan = new PagePlan(true, Infinity);
	const pending: number[] = [];
	const requests: number[] = [];
	for (let step = 0; ; step++) {
		for (let page = pending.length < inFlight ? plan.next() : undefined; page !== undefined; page = pending.length < inFlight ? plan.next() : undefined) {
			pending.push(page);
			requests.push(page);
		}
		if (pending.length === 0) return requests;
		const [page] = pending.splice(pick(pending, step), 1);
		plan.answered(page, isFull(needed, page));
	}
}

const sorted = (pages: number[]): number[] => [...pages].sort((a, b) => a - b);
const allowance = (needed: number): number => (needed <= 10 ? 1 : Math.floor(needed * 0.1));

describe('Auto: which page next', () => {
	it('the first page alone, whether the list is long or not', () => {
		const plan = new PagePlan(true, Infinity);
		expect([plan.next(), plan.next()]).toEqual([0, undefined]);
	});

	it('then the next page and one that may lie past the end; then far ahead, and what a full far page proves', () => {
		const plan = new PagePlan(true, Infinity);
		plan.next();
		plan.answered(0, true);
		expect([plan.next(), plan.next(), plan.next()]).toEqual([1, 2, undefined]);
		plan.answered(1, true);
		plan.answered(2, true);
		// 3 known full: page 4 (1.5 × 3) far ahead, and page 3, which is in the list or its short end.
		expect([plan.next(), plan.next(), plan.next()]).toEqual([4, 3, undefined]);
		plan.answered(4, true);
		// Page 4 full proves page 3 is there: 5 known full, page 7 far ahead, then 5 and 6 in order.
		expect([plan.next(), plan.next(), plan.next(), plan.next()]).toEqual([7, 5, undefined, undefined]);
		plan.answered(7, true);
		expect([plan.next(), plan.next(), plan.next(), plan.next()]).toEqual([12, 6, 8, undefined]);
	});

	it('pages past the end: one for up to ten pages known full, one more per ten', () => {
		expect([1, 8, 9, 18, 19, 29, 99, 100, 300].map(pagesAhead)).toEqual([1, 1, 1, 1, 2, 3, 10, 10, 30]);
	});

	it('nothing at or past a short page, nothing past Limit, nothing past a failed page', () => {
		const plan = new PagePlan(true, 3);
		plan.next();
		plan.answered(0, true);
		expect([plan.next(), plan.next(), plan.next()]).toEqual([1, 2, undefined]);
		plan.answered(2, false);
		expect(plan.end).toBe(2);

		const failing = new PagePlan(true, Infinity);
		failing.next();
		failing.answered(0, true);
		expect(failing.next()).toBe(1);
		failing.answered(1, true);
		expect(failing.next()).toBe(3);
		failing.answered(3, true);
		// Pages 0, 1 and 3 came back full; page 4 failed: page 2 is still read, nothing from 4 on.
		expect([failing.next(4), failing.next(4)]).toEqual([2, undefined]);
	});

	it('a fixed setting: the first page alone, then pages in order with no bound of its own', () => {
		const plan = new PagePlan(false, Infinity);
		expect([plan.next(), plan.next()]).toEqual([0, undefined]);
		plan.answered(0, true);
		expect(Array.from({ length: 8 }, () => plan.next())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});
});

describe('requests per Return All, answers in any order', () => {
	it.each(Object.keys(ORDERS))('%s: every page needed exactly once, past the end at most one up to 10 pages and a tenth beyond', (order) => {
		for (let needed = 1; needed <= 400; needed++) {
			for (const inFlight of [AUTO_MAX_IN_FLIGHT, 40]) {
				const requests = answerByAnswer(needed, inFlight, ORDERS[order]);
				const past = requests.filter((page) => page >= needed);
				expect([needed, inFlight, sorted(requests.filter((page) => page < needed))]).toEqual([needed, inFlight, Array.from({ length: needed }, (_, p) => p)]);
				expect([needed, inFlight, past.length <= allowance(needed), new Set(requests).size]).toEqual([needed, inFlight, true, requests.length]);
			}
		}
	});

	it.each(REQUESTS_BY_SIZE)('%i threads: sequential %i requests, Auto at most %i', (threads, sequential, most) => {
		expect(Math.floor(threads / 100) + 1).toBe(sequential);
		const worst = Math.max(...Object.values(ORDERS).map((pick) => answerByAnswer(sequential, AUTO_MAX_IN_FLIGHT, pick).length));
		expect(worst).toBeLessThanOrEqual(most);
		if (sequential === 1) expect(worst).toBe(1);
	});
});

describe('round trips per Return All (every request one round trip, at most 6 in flight)', () => {
	it('the sequential reader needs one per page; Auto far fewer on long lists, never more than one extra request up to ten pages', () => {
		const sizes = [1, 2, 3, 5, 11, 26, 101, 401];
		const sequential = sizes.map((needed) => inRounds(needed, false, 1));
		const auto = sizes.map((needed) => inRounds(needed, true, AUTO_MAX_IN_FLIGHT));
		expect(sequential.map((run) => run.rounds)).toEqual(sizes);
		expect(auto.map((run) => run.rounds)).toEqual([1, 2, 2, 3, 7, 10, 21, 71]);
		expect(auto.map((run) => run.requests.length)).toEqual([1, 3, 3, 5, 12, 27, 105, 405]);
	});
});
