import { ManualClock } from '../../sandbox';
import { client, startEnv, TestEnv } from './helpers';

/** Fires `n` requests concurrently and returns their statuses. */
async function burst(api: ReturnType<typeof client>, n: number, path = '/bots'): Promise<number[]> {
	return Promise.all(Array.from({ length: n }, () => api.get(path).then((r) => r.status)));
}

describe('sandbox rate limiting', () => {
	let env: TestEnv;
	beforeEach(async () => {
		// The default one-minute window: bursts land inside it however slow the machine is.
		env = await startEnv({}, { plan: 'free' });
	});
	afterEach(() => env.sb.close());

	it('gives the free plan 60 requests per window, then 429 with Retry-After until the window slides', async () => {
		// A clock that moves only when told: the window's edges are asserted to the millisecond.
		await env.sb.close();
		const clock = new ManualClock();
		env = await startEnv({ clock }, { plan: 'free' });
		const statuses = await burst(env.api, 60);
		expect(statuses.filter((s) => s === 200)).toHaveLength(60);
		const res = await env.api.get('/bots');
		expect(res.status).toBe(429);
		expect(res.data).toEqual({ error: 'Too Many Requests' });
		expect(res.headers['retry-after']).toBe('60');
		// Refused requests do not extend the penalty: the budget is back exactly one window after the burst.
		clock.advance(59_999);
		const stillRefused = await env.api.get('/bots');
		expect(stillRefused.status).toBe(429);
		expect(stillRefused.headers['retry-after']).toBe('1');
		clock.advance(1);
		expect((await env.api.get('/bots')).status).toBe(200);
	});

	it('limits per project and does not count 401s or control calls', async () => {
		const anonymous = client(env.sb.url);
		expect((await burst(anonymous, 80)).every((s) => s === 401)).toBe(true);
		for (let i = 0; i < 70; i++) env.sb.control.getProject(env.projectId);
		await Promise.all(Array.from({ length: 10 }, () => anonymous.get('/__sandbox/health')));
		expect((await burst(env.api, 60)).every((s) => s === 200)).toBe(true);
		expect((await env.api.get('/bots')).status).toBe(429);

		const other = env.sb.control.createProject({ plan: 'free' });
		expect((await client(env.sb.url, other.key).get('/bots')).status).toBe(200);
		// A second key of the same project shares the project's budget.
		const second = env.sb.control.createKey(env.projectId);
		expect((await client(env.sb.url, second).get('/bots')).status).toBe(429);
	});

	it('follows the plan: starter 300, pro 600, enterprise unlimited', async () => {
		env.sb.control.setPlan(env.projectId, 'starter');
		let statuses = await burst(env.api, 301);
		expect(statuses.filter((s) => s === 200)).toHaveLength(300);
		expect(statuses.filter((s) => s === 429)).toHaveLength(1);

		const pro = env.sb.control.createProject({ plan: 'pro' });
		statuses = await burst(client(env.sb.url, pro.key), 601);
		expect(statuses.filter((s) => s === 429)).toHaveLength(1);

		const enterprise = env.sb.control.createProject();
		statuses = await burst(client(env.sb.url, enterprise.key), 700);
		expect(statuses.every((s) => s === 200)).toBe(true);
	});
});
