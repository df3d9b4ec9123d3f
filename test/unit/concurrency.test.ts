/**
 * The Auto window of parallel reads: it grows while more requests in flight read the list faster (or no
 * slower), shrinks when Worken itself slows down, halves on a 429, and never passes its bound.
 */
import { AUTO_MAX_WINDOW, AUTO_START_WINDOW, AdaptiveLimiter } from '../../nodes/transport/concurrency';

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
