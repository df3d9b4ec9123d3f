/**
 * Parallel paging (Parallel Requests, Auto by default) through the built Worken node in n8n-core's engine
 * against the sandbox over real HTTP: the same items in the same order as reading one page after another,
 * Limit N exact and never asking past N, few requests past the end, 429 storms waited out together, and
 * "1" strictly sequential (the sandbox counts the requests it is handling at once).
 */
import type { RequestLogEntry, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { AUTO_MAX_IN_FLIGHT, expectReturnAllPaging, pages, returnAllRequestCount } from '../actions/fixtures';
import type { WorkenCredentialData } from '../helpers/n8n';
import { pollTrigger, runActionNode } from '../helpers/n8n';

let sandbox: Sandbox;

beforeAll(async () => {
	// A 2-second rate-limit window: a Free plan allows 60 requests per 2 s, so storms are short.
	sandbox = await startSandbox({ port: 0, rateLimitWindowMs: 2000 });
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
		// Contiguous pages from 0, none reaching past N (Limit 5000 over 1,234 stops at the short page).
		let next = 0;
		for (const [size, offset] of asked) {
			expect(offset).toBe(next);
			expect(offset + size).toBeLessThanOrEqual(limit);
			next = offset + size;
		}
		if (limit <= 1234) expect(next).toBe(limit);
		else expect(asked.length - returnAllRequestCount(1234)).toBeLessThanOrEqual(AUTO_MAX_IN_FLIGHT - 1);
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
		const { ids, requests, error } = await listBots(project, { returnAll: true });
		expect(error).toBeUndefined();
		expect(ids).toEqual(project.ids);
		const limited = requests.filter((entry) => entry.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		// Halving the window and waiting together keeps the 429s to a few per window, not one per page.
		expect(limited.length).toBeLessThanOrEqual(2 * AUTO_MAX_IN_FLIGHT);
		expectReturnAllPaging(requests.filter((entry) => entry.status === 200), 8000);
		console.log(`Free plan, 8,000 bots: ${requests.length} requests, ${limited.length} answered 429`);
	});

	it('a storm of 429s (Retry-After: 1) holds every request of the list until it has passed', async () => {
		const project = projectWithBots(1234);
		// Let the first page through, then answer the next 6 requests with 429.
		sandbox.control.injectFaults({ count: 1, delayMs: 1, pathPrefix: '/bots' });
		sandbox.control.injectFaults({ count: 6, status: 429, retryAfter: 1, pathPrefix: '/bots' });
		const { ids, requests, error } = await listBots(project, { returnAll: true });
		expect(error).toBeUndefined();
		expect(ids).toEqual(project.ids);
		const limited = requests.filter((entry) => entry.status === 429);
		expect(limited).toHaveLength(6);
		expectReturnAllPaging(requests.filter((entry) => entry.status === 200), 1234);
		// After the first 429 reached the node, nothing was sent until its Retry-After (1 s) had passed.
		const firstLimited = Date.parse(limited[0].at);
		const during = requests.filter((entry) => {
			const at = Date.parse(entry.at);
			return at > firstLimited + 150 && at < firstLimited + 900;
		});
		expect(during).toEqual([]);
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
		expect(error?.message).toBeDefined();
		expect(items).toEqual([]);
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
