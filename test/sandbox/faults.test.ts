import { ManualClock } from '../../sandbox';
import { client, startEnv, TestEnv } from './helpers';

describe('sandbox fault injection', () => {
	let env: TestEnv;
	beforeEach(async () => {
		env = await startEnv();
	});
	afterEach(() => env.sb.close());

	/** The sandbox again, on a clock that moves only when the test advances it. */
	async function restartWithManualClock(): Promise<ManualClock> {
		await env.sb.close();
		const clock = new ManualClock();
		env = await startEnv({ clock });
		return clock;
	}

	it('answers a status fault with the contract’s error body, once per count', async () => {
		env.sb.control.injectFaults({ count: 2, status: 500 });
		for (let i = 0; i < 2; i++) {
			const res = await env.api.get('/bots');
			expect(res.status).toBe(500);
			expect(res.data).toEqual({ error: 'Internal Server Error' });
		}
		expect((await env.api.get('/bots')).status).toBe(200);
		expect(env.sb.control.pendingFaults()).toEqual([]);
	});

	it('consumes queued faults in order', async () => {
		env.sb.control.injectFaults({ count: 1, status: 503 });
		env.sb.control.injectFaults({ count: 1, status: 502 });
		expect(env.sb.control.pendingFaults().map((f) => f.status)).toEqual([503, 502]);
		const first = await env.api.get('/bots');
		expect(first.status).toBe(503);
		expect(first.data).toEqual({ error: 'Service Unavailable' });
		expect((await env.api.get('/bots')).status).toBe(502);
		expect((await env.api.get('/bots')).status).toBe(200);
	});

	it('sends Retry-After with a 429 fault', async () => {
		env.sb.control.injectFaults({ count: 1, status: 429, retryAfter: 7 });
		const res = await env.api.get('/bots');
		expect(res.status).toBe(429);
		expect(res.data).toEqual({ error: 'Too Many Requests' });
		expect(res.headers['retry-after']).toBe('7');
		env.sb.control.injectFaults({ count: 1, status: 429 });
		expect((await env.api.get('/bots')).headers['retry-after']).toBe('1');
	});

	it('resets the connection without an answer and logs status 0', async () => {
		env.sb.control.injectFaults({ count: 1, reset: true });
		const err = await env.api.get('/bots').then(
			() => undefined,
			(e: { code?: string; message: string }) => e,
		);
		expect(err).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
		const log = env.sb.control.requests();
		expect(log[log.length - 1]).toMatchObject({ method: 'GET', path: '/bots', status: 0, projectId: env.projectId });
		expect((await env.api.get('/bots')).status).toBe(200);
	});

	it('delays a request that is otherwise answered normally', async () => {
		const clock = await restartWithManualClock();
		env.sb.control.injectFaults({ count: 1, delayMs: 250 });
		let answered = false;
		const slow = env.api.post('/bots', { name: 'Slow' }).then((res) => {
			answered = true;
			return res;
		});
		await clock.whenPending();
		// Other requests are answered while the delayed one waits.
		expect((await env.api.get('/bots')).status).toBe(200);
		clock.advance(249);
		expect(clock.pending()).toBe(1);
		expect(answered).toBe(false);
		clock.advance(1);
		const res = await slow;
		expect(res.status).toBe(200);
		expect(res.data.name).toBe('Slow');
		expect(env.sb.control.requests().map((r) => `${r.method} ${r.status}`)).toEqual(['POST 200', 'GET 200']);
	});

	it('delays, then fails, when both are given', async () => {
		const clock = await restartWithManualClock();
		env.sb.control.injectFaults({ count: 1, delayMs: 150, status: 500 });
		const failing = env.api.get('/bots');
		await clock.whenPending();
		clock.advance(149);
		expect(clock.pending()).toBe(1);
		clock.advance(1);
		expect((await failing).status).toBe(500);
	});

	it('only lets matching requests (pathPrefix, method) consume a fault', async () => {
		env.sb.control.injectFaults({ count: 1, status: 500, pathPrefix: '/chats' });
		env.sb.control.injectFaults({ count: 1, status: 503, method: 'post' });
		expect((await env.api.get('/bots')).status).toBe(200);
		expect((await env.api.post('/bots', { name: 'x' })).status).toBe(503);
		expect((await env.api.get('/chats')).status).toBe(500);
		expect((await env.api.get('/chats')).status).toBe(200);
	});

	it('only lets requests with the given query values consume a fault with `query`', async () => {
		env.sb.control.injectFaults({ count: 1, status: 500, pathPrefix: '/bots', query: { offset: '200' } });
		expect((await env.api.get('/bots', { params: { offset: 100 } })).status).toBe(200);
		expect((await env.api.get('/bots', { params: { offset: 200, limit: 100 } })).status).toBe(500);
		expect((await env.api.get('/bots', { params: { offset: 200 } })).status).toBe(200);
		expect(() => env.sb.control.injectFaults({ count: 1, status: 500, query: { offset: 200 } } as never)).toThrow('query must be an object of strings');
	});

	it('is not consumed by unauthenticated requests, and faulted requests are logged', async () => {
		env.sb.control.injectFaults({ count: 1, status: 500 });
		expect((await client(env.sb.url).get('/bots')).status).toBe(401);
		expect((await env.api.get('/bots')).status).toBe(500);
		expect(env.sb.control.requests().map((r) => r.status)).toEqual([401, 500]);
	});

	it('does not count answered faults against the rate limit', async () => {
		env.sb.control.setPlan(env.projectId, 'free');
		env.sb.control.injectFaults({ count: 70, status: 500 });
		for (let i = 0; i < 70; i++) await env.api.get('/bots');
		expect((await env.api.get('/bots')).status).toBe(200);
	});

	it('validates fault specs, lists and clears them', () => {
		expect(() => env.sb.control.injectFaults({ count: 0, status: 500 })).toThrow('count must be');
		expect(() => env.sb.control.injectFaults({ count: 1, status: 200 })).toThrow('status must be an integer between 400 and 599');
		expect(() => env.sb.control.injectFaults({ count: 1 })).toThrow('a fault needs');
		env.sb.control.injectFaults({ count: 3, status: 500, pathPrefix: '/bots' });
		expect(env.sb.control.pendingFaults()).toEqual([{ count: 3, status: 500, pathPrefix: '/bots' }]);
		env.sb.control.clearFaults();
		expect(env.sb.control.pendingFaults()).toEqual([]);
	});

	it('cancels pending delays on close', async () => {
		const clock = await restartWithManualClock();
		env.sb.control.injectFaults({ count: 1, delayMs: 60_000 });
		const pending = env.api.get('/bots').catch((e: Error) => e.message);
		await clock.whenPending();
		await env.sb.close();
		expect(clock.pending()).toBe(0);
		expect(await pending).toBe('socket hang up');
	});
});
