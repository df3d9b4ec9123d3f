/**
 * Parallel paging (Parallel Requests, Auto by default) through the built Worken node in n8n-core's engine
 * against the sandbox over real HTTP: the same items in the same order as reading one page after another,
 * Limit N exact and never asking past N, requests past the end within one for lists of up to 10 pages and
 * a tenth for longer ones, a 429 waited out together, and "1" strictly sequential (the sandbox counts the
 * requests it is handling at once). Needs the build (`npm run build`).
 */
import type { RequestLogEntry, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { AUTO_MAX_IN_FLIGHT, REQUESTS_BY_SIZE, expectReturnAllPaging, pages, returnAllRequestCount } from '../actions/fixtures';
import type { WorkenCredentialData } from '../helpers/n8n';
import { pollTrigger, runActionNode } from '../helpers/n8n';

let sandbox: Sandbox;

beforeAll(async () => {
	// A 1-second rate-limit window: a Free plan allows 60 requests a second, and a 429 asks to wait 1 s.
	sandbox = await startSandbox({ port: 0, rateLimitWindowMs: 1000 });
});

afterAll(async () => {
	await sandbox.close();
});

interface Project {
	projectId: string;
	credentials: WorkenCredentialData;
	ids: string[];
}

function projectWithBots(count: number, plan?: 'free' | 'starter'): Project {
	const { projectId, key } = sandbox.control.createProject(plan ? { plan } : {});
	const ids = sandbox.control.seed(projectId, { bots: count }).botIds;
	return { projectId, credentials: { apiKey: key, baseUrl: sandbox.url }, ids };
}

const requestsOf = (projectId: string): RequestLogEntry[] =>
	sandbox.control.requests().filter((entry) => entry.projectId === projectId);

async function listBots(project: Project, list: Record<string, unknown>, parallelRequests?: number) {
	sandbox.control.clearRequests();
	const result = await runActionNode({
		credentials: project.credentials,
		parameters: {
			resource: 'bot',
			operation: 'getAll',
			...list,
			...(parallelRequests === undefined ? {} : { options: { parallelRequests } }),
		},
	});
	const requests = requestsOf(project.projectId);
	// Never more than 100 per page, whatever the case.
	expect(Math.max(0, ...requests.map((entry) => Number(entry.query.limit)))).toBeLessThanOrEqual(100);
	return { ...result, ids: result.items.map((item) => item.json.id), requests, peak: sandbox.control.peakInFlight(project.projectId) };
}

describe('Return All: the same items in the same order as sequential paging', () => {
	it.each([0, 1, 99, 100, 101, 300, 1234, 2000])('over %i bots', async (count) => {
		const project = projectWithBots(count);
		const auto = await listBots(project, { returnAll: true });
		expect(auto.error).toBeUndefined();
		expect(auto.ids).toEqual(project.ids);
		expectReturnAllPaging(auto.requests, count);

		const sequential = await listBots(project, { returnAll: true }, 1);
		expect(sequential.ids).toEqual(auto.ids);
		// One after another: exactly the pages needed, in order, never two at once.
		expect(pages(sequential.requests)).toEqual(
			Array.from({ length: returnAllRequestCount(count) }, (_, page) => [100, page * 100]),
		);
		expect(sequential.peak).toBe(1);
	});
});

describe('requests per Return All of project-wide threads, by list size', () => {
	function projectWithThreads(count: number): Project {
		const { projectId, key } = sandbox.control.createProject();
		const ids: string[] = [];
		if (count >= 100) ids.push(...sandbox.control.seed(projectId, { bots: 1, chatsPerBot: Math.floor(count / 100), threadsPerChat: 100 }).threadIds);
		if (count % 100 > 0) ids.push(...sandbox.control.seed(projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: count % 100 }).threadIds);
		return { projectId, credentials: { apiKey: key, baseUrl: sandbox.url }, ids };
	}

	async function listThreads(project: Project, parallelRequests: number) {
		sandbox.control.clearRequests();
		const result = await runActionNode({
			credentials: project.credentials,
			parameters: { resource: 'thread', operation: 'getAll', scope: 'project', returnAll: true, simplify: false, options: { parallelRequests } },
		});
		expect(result.error).toBeUndefined();
		return { ids: result.items.map((item) => item.json.id), requests: requestsOf(project.projectId) };
	}

	// A sequential reader sends floor(N / 100) + 1; Auto at most one more up to 10 pages, 1.1× beyond.
	it.each(REQUESTS_BY_SIZE)('%i threads: sequential %i requests, Auto at most %i', async (count, sequential, most) => {
		const project = projectWithThreads(count);
		const one = await listThreads(project, 1);
		expect([...one.ids].sort()).toEqual([...project.ids].sort());
		expect(pages(one.requests)).toEqual(Array.from({ length: sequential }, (_, page) => [100, page * 100]));

		const auto = await listThreads(project, 0);
		expect(auto.ids).toEqual(one.ids);
		expectReturnAllPaging(auto.requests, count);
		expect(auto.requests.length).toBeLessThanOrEqual(most);
		// The first page is read alone: a list that fits in it costs exactly one request.
		if (count < 100) expect(auto.requests).toHaveLength(1);
	});
});

describe('Limit N', () => {
	let project: Project;
	beforeAll(() => {
		project = projectWithBots(1234);
	});

	it.each([1, 100, 101, 250, 1000, 1234, 5000])('Limit %i returns exactly the first N and asks for nothing past N', async (limit) => {
		const { ids, requests, error } = await listBots(project, { returnAll: false, limit });
		expect(error).toBeUndefined();
		expect(ids).toEqual(project.ids.slice(0, limit));
		const asked = pages(requests).sort((a, b) => a[1] - b[1]);
		// None reaching past N.
		for (const [size, offset] of asked) expect(offset + size).toBeLessThanOrEqual(limit);
		if (limit <= 1234) {
			// Exactly the pages that make N, each once.
			expect(asked).toEqual(Array.from({ length: Math.ceil(limit / 100) }, (_, page) => [Math.min(100, limit - page * 100), page * 100]));
		} else {
			// Limit 5000 over 1,234 is Return All with a ceiling: the pages to the short one, and few past it.
			expectReturnAllPaging(requests, 1234);
		}
	});

	it('Return All of 251 bots sends at most 4 requests, then Limit 150 exactly 2', async () => {
		const small = projectWithBots(251);
		const all = await listBots(small, { returnAll: true });
		expect(all.ids).toEqual(small.ids);
		expect(all.requests.length).toBeLessThanOrEqual(4);
		const limited = await listBots(small, { returnAll: false, limit: 150 });
		expect(limited.ids).toEqual(small.ids.slice(0, 150));
		expect(pages(limited.requests).sort((a, b) => a[1] - b[1])).toEqual([
			[100, 0],
			[50, 100],
		]);
	});
});

describe('requests in flight', () => {
	let project: Project;
	beforeAll(() => {
		project = projectWithBots(1500);
	});
	afterEach(() => sandbox.control.clearFaults());

	it('Auto reads several pages at once when answers are slow; 1 never has two requests in flight', async () => {
		// Every answer takes 40 ms: waiting, not work, so more requests in flight cost nothing.
		sandbox.control.injectFaults({ count: 1000, delayMs: 40 });
		const auto = await listBots(project, { returnAll: true });
		expect(auto.ids).toEqual(project.ids);
		expect(auto.peak).toBeGreaterThan(1);
		expect(auto.peak).toBeLessThanOrEqual(AUTO_MAX_IN_FLIGHT);

		const sequential = await listBots(project, { returnAll: true }, 1);
		expect(sequential.ids).toEqual(project.ids);
		expect(sequential.peak).toBe(1);
		expect(sequential.requests).toHaveLength(returnAllRequestCount(1500));

		const four = await listBots(project, { returnAll: true }, 4);
		expect(four.ids).toEqual(project.ids);
		expect(four.peak).toBeLessThanOrEqual(4);
	});
});

describe('rate limits and errors', () => {
	afterEach(() => sandbox.control.clearFaults());

	it('a Free plan (60 per window) with 81 pages: every item once, in order, after waiting out the window', async () => {
		const project = projectWithBots(8000, 'free');
		// Another workflow with the same key keeps the window's 60 requests spent (`limit=1` reads) until the
		// list has met a 429, so it does however fast this machine reads.
		const isOther = (entry: RequestLogEntry): boolean => entry.query.limit === '1';
		let listMetLimit = false;
		const spend = (async () => {
			while (!listMetLimit) {
				await Promise.all(
					Array.from({ length: 20 }, () =>
						fetch(`${sandbox.url}/bots?limit=1`, { headers: { authorization: `Bearer ${project.credentials.apiKey}` } }),
					),
				);
				listMetLimit = requestsOf(project.projectId).some((entry) => !isOther(entry) && entry.status === 429);
			}
		})();
		const listed = await listBots(project, { returnAll: true });
		listMetLimit = true;
		await spend;
		const { ids, error } = listed;
		const requests = listed.requests.filter((entry) => !isOther(entry));
		expect(error).toBeUndefined();
		expect(ids).toEqual(project.ids);
		const limited = requests.filter((entry) => entry.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		// Few requests are in flight when the budget is spent (at most 6, Auto's bound), and after a 429
		// everything waits and half as many go at once: a few 429s, not one per page.
		expect(limited.length).toBeLessThanOrEqual(10);
		expectReturnAllPaging(requests.filter((entry) => entry.status === 200), 8000);
		console.log(`Free plan, 8,000 bots: ${requests.length} requests, ${limited.length} answered 429`);
	});

	it('a 429 (Retry-After: 1) holds every request of the list: the refused page goes again before new pages run on', async () => {
		const project = projectWithBots(1234);
		// Let the first page through, then refuse one of the four pages Parallel Requests 4 sends next.
		sandbox.control.injectFaults({ count: 1, delayMs: 1, pathPrefix: '/bots' });
		sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 1, pathPrefix: '/bots' });
		const { ids, requests, error } = await listBots(project, { returnAll: true }, 4);
		expect(error).toBeUndefined();
		expect(ids).toEqual(project.ids);
		const refused = requests.findIndex((entry) => entry.status === 429);
		expect(refused).toBeGreaterThan(0);
		expect(refused).toBeLessThanOrEqual(4);
		// Pages 1-4 went together. Without a shared pause the other three slots would run on to pages 5, 6,
		// 7, … while the refused page waited alone; with it, the refused page goes again among the first two
		// requests after the pause (the bound halved to 2).
		const after = requests.slice(5);
		const retry = after.findIndex((entry) => entry.query.offset === requests[refused].query.offset);
		expect([0, 1]).toContain(retry);
		expect(requests.filter((entry) => entry.status === 429)).toHaveLength(1);
		const answered = pages(requests.filter((entry) => entry.status === 200)).sort((a, b) => a[1] - b[1]);
		expect(answered.slice(0, 13)).toEqual(Array.from({ length: 13 }, (_, page) => [100, page * 100]));
	});

	it('retries 5xx answers page by page and still returns every item once', async () => {
		const project = projectWithBots(1234);
		sandbox.control.injectFaults({ count: 1, delayMs: 1, pathPrefix: '/bots' });
		sandbox.control.injectFaults({ count: 3, status: 503, pathPrefix: '/bots' });
		const { ids, requests, error } = await listBots(project, { returnAll: true });
		expect(error).toBeUndefined();
		expect(ids).toEqual(project.ids);
		expect(requests.filter((entry) => entry.status === 503)).toHaveLength(3);
	});

	it('a page that fails for good fails the whole list, with nothing half-returned', async () => {
		const project = projectWithBots(1234);
		sandbox.control.injectFaults({ count: 1, delayMs: 1, pathPrefix: '/bots' });
		sandbox.control.injectFaults({ count: 1, status: 403, message: 'Forbidden for this test', pathPrefix: '/bots' });
		const { items, error } = await listBots(project, { returnAll: true });
		expect(error?.message).toBe('Worken refused this request (403 Forbidden)');
		expect(items).toEqual([]);
	});

	it('a page asked for far ahead that fails for good fails the list when the list reaches it', async () => {
		const project = projectWithBots(1234);
		// Page 4 (offset 400) is the page Auto asks for far ahead once pages 0-2 came back full.
		sandbox.control.injectFaults({ count: 1, status: 403, message: 'Forbidden for this test', pathPrefix: '/bots', query: { offset: '400' } });
		const { items, requests, error } = await listBots(project, { returnAll: true });
		expect(requests.filter((entry) => entry.status === 403).map((entry) => entry.query.offset)).toEqual(['400']);
		expect(error?.message).toBe('Worken refused this request (403 Forbidden)');
		expect(items).toEqual([]);
	});

	it('a page asked for far ahead that fails for good past the end of the list was never needed', async () => {
		const project = projectWithBots(350);
		// Pages 0-2 are full, page 3 holds the last 50 and answers late, so Auto asks for page 4 before it
		// knows where the list ends; page 4 fails for good.
		sandbox.control.injectFaults({ count: 1, delayMs: 300, pathPrefix: '/bots', query: { offset: '300' } });
		sandbox.control.injectFaults({ count: 1, status: 403, message: 'Forbidden for this test', pathPrefix: '/bots', query: { offset: '400' } });
		const { ids, requests, error } = await listBots(project, { returnAll: true });
		expect(requests.filter((entry) => entry.status === 403).map((entry) => entry.query.offset)).toEqual(['400']);
		expect(error).toBeUndefined();
		expect(ids).toEqual(project.ids);
	});

	it('an out-of-range Parallel Requests fails before any request, naming the field', async () => {
		const project = projectWithBots(10);
		const { error, requests } = await listBots(project, { returnAll: true }, 17);
		expect(error?.message).toMatch(/Parallel Requests/);
		expect(requests).toEqual([]);
	});
});

describe('the Worken Trigger', () => {
	afterEach(() => sandbox.control.clearFaults());

	it('walks the thread feed one cursor page after another, never two requests at once', async () => {
		const { projectId, key } = sandbox.control.createProject();
		sandbox.control.seed(projectId, { bots: 1, chatsPerBot: 5, threadsPerChat: 100 });
		// Slow answers: a parallel walk would show up as overlapping requests.
		sandbox.control.injectFaults({ count: 1000, delayMs: 20 });
		sandbox.control.clearRequests();
		await pollTrigger({
			credentials: { apiKey: key, baseUrl: sandbox.url },
			parameters: { events: ['newThread', 'threadUpdated'], options: { maxItems: 100 } },
		});
		const feed = requestsOf(projectId).filter((entry) => entry.query.cursor !== undefined);
		// 500 threads: at least 5 pages of the feed, each with the cursor the page before returned.
		expect(feed.length).toBeGreaterThanOrEqual(5);
		expect(new Set(feed.map((entry) => entry.query.cursor)).size).toBe(feed.length);
		expect(sandbox.control.peakInFlight(projectId)).toBe(1);
	});
});
