/**
 * The shared transport and paginators, exercised through the built Worken node in n8n-core's engine
 * against the sandbox over real HTTP: retries, what is never retried, paging, and that the key never
 * leaks into an output or an error.
 */
import type { ActionEnv } from '../actions/fixtures';
import { byId, expectReturnAllPaging, sortedPages, startActionEnv } from '../actions/fixtures';
import { runActionNode } from '../helpers/n8n';

let env: ActionEnv;

beforeAll(async () => {
	env = await startActionEnv();
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => {
	env.sandbox.control.clearRequests();
	env.sandbox.control.clearFaults();
});

const listBots = (extra: Record<string, unknown> = {}) => ({
	resource: 'bot',
	operation: 'getAll',
	returnAll: false,
	limit: 5,
	...extra,
});

describe('retries', () => {
	it('waits out a 429 with Retry-After: 2, then succeeds', async () => {
		const project = env.createProject();
		env.sandbox.control.seed(project.key, { bots: 3 });
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 2 });
		const started = Date.now();
		const result = await runActionNode({ credentials: project.credentials, parameters: listBots() });
		const elapsed = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(elapsed).toBeGreaterThanOrEqual(2000);
		expect(env.requests(project.projectId).map((entry) => entry.status)).toEqual([429, 200]);
	});

	it('repeats a POST after a 429: the server turned it away without acting', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 1, method: 'POST' });
		const result = await runActionNode({
			credentials: project.credentials,
			parameters: { resource: 'bot', operation: 'create', name: 'After the limit' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ name: 'After the limit' });
		expect(env.requests(project.projectId).map((entry) => [entry.method, entry.status])).toEqual([
			['POST', 429],
			['POST', 200],
		]);
	});

	it('gives up with a clear error when Retry-After exceeds the wait budget', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 3600 });
		const result = await runActionNode({ credentials: project.credentials, parameters: listBots() });
		expect(result.error?.message).toMatch(/rate limit reached/);
		expect(result.error?.description).toMatch(/requests per minute/);
		expect(env.requests(project.projectId)).toHaveLength(1);
	});

	it('retries a GET through three 500s, then succeeds', async () => {
		const project = env.createProject();
		env.sandbox.control.seed(project.key, { bots: 2 });
		env.sandbox.control.injectFaults({ count: 3, status: 500 });
		const result = await runActionNode({ credentials: project.credentials, parameters: listBots() });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(env.requests(project.projectId).map((entry) => entry.status)).toEqual([500, 500, 500, 200]);
	});

	it('retries a GET after the connection was reset', async () => {
		const project = env.createProject();
		env.sandbox.control.seed(project.key, { bots: 1 });
		env.sandbox.control.injectFaults({ count: 1, reset: true });
		const result = await runActionNode({ credentials: project.credentials, parameters: listBots() });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(env.requests(project.projectId)).toHaveLength(2);
	});

	it('never sends a create twice after a 500', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 500, method: 'POST' });
		const result = await runActionNode({
			credentials: project.credentials,
			parameters: { resource: 'bot', operation: 'create', name: 'Only once' },
		});
		expect(result.error?.message).toBe('Worken had an internal error (500)');
		expect(result.error?.description).toMatch(/not repeated automatically/);
		const posts = env.requests(project.projectId).filter((entry) => entry.method === 'POST');
		expect(posts).toHaveLength(1);
	});

	it('never sends a create twice after the connection broke mid-request', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, reset: true, method: 'POST' });
		const result = await runActionNode({
			credentials: project.credentials,
			parameters: { resource: 'bot', operation: 'create', name: 'Only once' },
		});
		expect(result.error?.message).toMatch(/Could not reach Worken/);
		expect(result.error?.description).toMatch(/may or may not have received it/);
		expect(env.requests(project.projectId).filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});

	it('stops retrying a GET after the retry budget, with a clear error', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 20, status: 503 });
		const result = await runActionNode({ credentials: project.credentials, parameters: listBots() });
		expect(result.error?.message).toBe('Worken had an internal error (503)');
		// One attempt and five retries.
		expect(env.requests(project.projectId)).toHaveLength(6);
		env.sandbox.control.clearFaults();
	});
});

describe('retry options', () => {
	it('Max Retries 0 fails on the first 500 of a GET', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 500 });
		const result = await runActionNode({
			credentials: project.credentials,
			parameters: listBots({ retryOptions: { maxRetries: 0 } }),
		});
		expect(result.error?.message).toBe('Worken had an internal error (500)');
		expect(env.requests(project.projectId)).toHaveLength(1);
	});

	it('a longer Max Retry Wait lets a long Retry-After be waited out', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 3 });
		const refused = await runActionNode({
			credentials: project.credentials,
			parameters: listBots({ retryOptions: { maxWaitSeconds: 2 } }),
		});
		expect(refused.error?.message).toMatch(/rate limit reached/);
		expect(refused.error?.description).toMatch(/Retry Options/);
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 3 });
		const waited = await runActionNode({
			credentials: project.credentials,
			parameters: listBots({ retryOptions: { maxWaitSeconds: 5 } }),
		});
		expect(waited.error).toBeUndefined();
	});
});

describe('pagination', () => {
	let project: ReturnType<ActionEnv['createProject']>;

	beforeAll(() => {
		project = env.createProject();
		env.sandbox.control.seed(project.key, { bots: 1234 });
	});

	it('Return All over 1,234 items returns exactly 1,234 distinct items in 13 needed requests of limit=100', async () => {
		env.sandbox.control.clearRequests();
		const result = await runActionNode({
			credentials: project.credentials,
			parameters: listBots({ returnAll: true }),
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1234);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(1234);
		expectReturnAllPaging(env.requests(project.projectId), 1234);
	});

	it('Limit 250 returns 250 items in 3 requests (100, 100, 50)', async () => {
		env.sandbox.control.clearRequests();
		const result = await runActionNode({
			credentials: project.credentials,
			parameters: listBots({ limit: 250 }),
		});
		expect(result.items).toHaveLength(250);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(250);
		expect(sortedPages(env.requests(project.projectId))).toEqual([
			[100, 0],
			[100, 100],
			[50, 200],
		]);
	});
});

describe('the API key never leaks', () => {
	it('is in no output, error, description or request log entry', async () => {
		const project = env.createProject();
		const { key } = project;
		const runs = [
			await runActionNode({ credentials: project.credentials, parameters: listBots() }),
			await runActionNode({
				credentials: project.credentials,
				parameters: { resource: 'bot', operation: 'get', botId: byId('bot_missing') },
			}),
			await runActionNode({
				credentials: project.credentials,
				parameters: { resource: 'bot', operation: 'get', botId: byId('bot_missing') },
				continueOnFail: true,
			}),
		];
		env.sandbox.control.injectFaults({ count: 1, status: 500, method: 'POST' });
		runs.push(
			await runActionNode({
				credentials: project.credentials,
				parameters: { resource: 'bot', operation: 'create', name: 'x' },
			}),
		);
		const revoked = env.sandbox.control.createKey(project.projectId);
		env.sandbox.control.revokeKey(revoked);
		const revokedRun = await runActionNode({
			credentials: { ...project.credentials, apiKey: revoked },
			parameters: listBots(),
		});
		expect(revokedRun.error?.message).toBe('Worken rejected the API key (401 Unauthorized)');

		for (const [run, secret] of [...runs.map((run) => [run, key] as const), [revokedRun, revoked] as const]) {
			const error = run.error;
			const dump = JSON.stringify({
				items: run.items,
				message: error?.message,
				description: error?.description,
				context: error?.context,
				stack: error?.stack,
				task: run.task,
			});
			expect(dump).not.toContain(secret);
		}
		expect(JSON.stringify(env.sandbox.control.requests())).not.toContain(key);
	});

	it('sends no Worken-* headers and a JSON content type on POST', async () => {
		const project = env.createProject();
		await runActionNode({
			credentials: project.credentials,
			parameters: { resource: 'bot', operation: 'create', name: 'Headers' },
		});
		const [request] = env.requests(project.projectId);
		expect(Object.keys(request.headers).filter((name) => name.startsWith('worken-'))).toEqual([]);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
	});
});

describe('errors a user can act on', () => {
	it('404 names the resource and the id', async () => {
		const result = await runActionNode({
			credentials: env.credentials,
			parameters: { resource: 'bot', operation: 'get', botId: byId('bot_nope') },
		});
		expect(result.error?.message).toBe('Bot not found (bot ID "bot_nope")');
		expect(result.error?.description).toMatch(/pick the bot from the list/);
		expect(result.error?.httpCode).toBe('404');
	});

	it('400 passes on the server message and is not retried', async () => {
		env.sandbox.control.clearRequests();
		env.sandbox.control.injectFaults({
			count: 1,
			status: 400,
			message: 'name must be at most 100 characters',
			method: 'POST',
		});
		const result = await runActionNode({
			credentials: env.credentials,
			parameters: { resource: 'bot', operation: 'create', name: 'A name' },
		});
		expect(result.error?.message).toBe('Worken did not accept the request: name must be at most 100 characters');
		expect(result.error?.description).toMatch(/Correct the field/);
		expect(env.requests(env.projectId)).toHaveLength(1);
	});

});
