/**
 * The shared transport and paginators against the sandbox over real HTTP, in n8n-core's engine. Retries
 * are driven through the built transport in a real execution context with a recording `wait`, so the
 * tests assert which waits were asked for and which requests were sent, never the time that passed.
 * Retry Options, paging and key safety go through the whole node.
 */
import type { ActionEnv, TestProject } from '../actions/fixtures';
import { byId, expectReturnAllPaging, sortedPages, startActionEnv } from '../actions/fixtures';
import type { WorkenContext } from '../../nodes/transport/context';
import type { EndpointName } from '../../nodes/transport/endpoints';
import type { RetryPolicy } from '../../nodes/transport/retry';
import type { WorkenRequest } from '../../nodes/transport/transport';
import { PackCredentialsHelper, builtModule, runActionNode, transportContext } from '../helpers/n8n';

const { openWorkenContext } = builtModule<{
	openWorkenContext(n8n: unknown, itemIndex: number, retry: RetryPolicy): Promise<WorkenContext>;
}>('nodes/transport/context.js');
const { DEFAULT_RETRY_POLICY } = builtModule<{ DEFAULT_RETRY_POLICY: RetryPolicy }>('nodes/transport/retry.js');
const { workenRequest } = builtModule<{
	workenRequest(ctx: WorkenContext, name: EndpointName, request?: WorkenRequest): Promise<unknown>;
}>('nodes/transport/transport.js');

interface Sent {
	body?: unknown;
	error?: Error & { description?: string; httpCode?: string };
	/** Every wait the transport asked for between attempts, in ms. */
	waits: number[];
}

/** One request through the built transport, as an operation sends it, with waits recorded instead of slept. */
async function send(
	project: TestProject,
	name: EndpointName,
	request: WorkenRequest = {},
	policy: Partial<RetryPolicy> = {},
): Promise<Sent> {
	const waits: number[] = [];
	const wait = async (ms: number): Promise<void> => {
		waits.push(ms);
	};
	const { ctx } = transportContext({ credentials: project.credentials });
	const worken = await openWorkenContext(ctx, 0, { ...DEFAULT_RETRY_POLICY, ...policy, wait });
	try {
		return { body: await workenRequest(worken, name, request), waits };
	} catch (error) {
		return { error: error as Sent['error'], waits };
	}
}

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
	const statuses = (project: TestProject) => env.requests(project.projectId).map((entry) => entry.status);

	it('waits out a 429 for as long as Retry-After says, then succeeds', async () => {
		const project = env.createProject();
		env.sandbox.control.seed(project.key, { bots: 3 });
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 2 });
		const sent = await send(project, 'listBots', { qs: { limit: 5, offset: 0 } });
		expect(sent.error).toBeUndefined();
		expect(sent.body).toHaveLength(3);
		expect(sent.waits).toEqual([2000]);
		expect(statuses(project)).toEqual([429, 200]);
	});

	it('repeats a POST after a 429: the server turned it away without acting', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 1, method: 'POST' });
		const sent = await send(project, 'createBot', { body: { name: 'After the limit' } });
		expect(sent.error).toBeUndefined();
		expect(sent.body).toMatchObject({ name: 'After the limit' });
		expect(sent.waits).toEqual([1000]);
		expect(env.requests(project.projectId).map((entry) => [entry.method, entry.status])).toEqual([
			['POST', 429],
			['POST', 200],
		]);
	});

	it('gives up at once with a clear error when Retry-After exceeds the wait budget', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 3600 });
		const sent = await send(project, 'listBots');
		expect(sent.error?.message).toBe('Worken rate limit reached (429 Too Many Requests) and the retry budget is used up');
		expect(sent.error?.description).toBe(
			"Your Worken plan limits requests per minute. Run fewer items at once, add a Wait node, raise Max Retries or Max Retry Wait (Seconds) under the node's Retry Options, or upgrade the plan.",
		);
		expect(sent.waits).toEqual([]);
		expect(statuses(project)).toEqual([429]);
	});

	it('waits out a long Retry-After when Max Retry Wait allows it', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 3 });
		const refused = await send(project, 'listBots', {}, { maxWaitMs: 2000 });
		expect(refused.error?.httpCode).toBe('429');
		expect(refused.waits).toEqual([]);
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 3 });
		const waited = await send(project, 'listBots', {}, { maxWaitMs: 5000 });
		expect(waited.error).toBeUndefined();
		expect(waited.waits).toEqual([3000]);
		expect(statuses(project)).toEqual([429, 429, 200]);
	});

	it('retries a GET through three 500s with a doubling backoff, then succeeds', async () => {
		const project = env.createProject();
		env.sandbox.control.seed(project.key, { bots: 2 });
		env.sandbox.control.injectFaults({ count: 3, status: 500 });
		const sent = await send(project, 'listBots');
		expect(sent.error).toBeUndefined();
		expect(sent.body).toHaveLength(2);
		expect(sent.waits).toEqual([400, 800, 1600]);
		expect(statuses(project)).toEqual([500, 500, 500, 200]);
	});

	it('retries a GET after the connection was reset', async () => {
		const project = env.createProject();
		env.sandbox.control.seed(project.key, { bots: 1 });
		env.sandbox.control.injectFaults({ count: 1, reset: true });
		const sent = await send(project, 'listBots');
		expect(sent.error).toBeUndefined();
		expect(sent.body).toHaveLength(1);
		expect(sent.waits).toEqual([400]);
		expect(env.requests(project.projectId)).toHaveLength(2);
	});

	it('never sends a create twice after a 500', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 500, method: 'POST' });
		const sent = await send(project, 'createBot', { body: { name: 'Only once' } });
		expect(sent.error?.message).toBe('Worken had an internal error (500)');
		expect(sent.error?.description).toBe(
			'Worken said: Internal Server Error. The request was not repeated automatically, because Worken may have acted on it before failing and repeating it could create or change something twice. Check whether the change happened before you run the node again.',
		);
		expect(sent.waits).toEqual([]);
		expect(env.requests(project.projectId).map((entry) => [entry.method, entry.status])).toEqual([['POST', 500]]);
	});

	it('never sends a create twice after the connection broke mid-request', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, reset: true, method: 'POST' });
		const sent = await send(project, 'createBot', { body: { name: 'Only once' } });
		expect(sent.error?.message).toBe(`Could not reach Worken at ${env.sandbox.url}`);
		expect(sent.error?.description).toMatch(
			/^Network error E[A-Z_]+\. The connection broke after the request was sent, so Worken may or may not have received it\./,
		);
		expect(sent.waits).toEqual([]);
		expect(env.requests(project.projectId).filter((entry) => entry.method === 'POST')).toHaveLength(1);
	});

	it('stops retrying a GET after Max Retries, with a clear error', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 20, status: 503 });
		const sent = await send(project, 'listBots');
		expect(sent.error?.message).toBe('Worken had an internal error (503)');
		// One attempt and five retries.
		expect(sent.waits).toEqual([400, 800, 1600, 3200, 6400]);
		expect(statuses(project)).toEqual([503, 503, 503, 503, 503, 503]);
		env.sandbox.control.clearFaults();
	});
});

describe('retry options and the credential, read by the node', () => {
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

	it('Max Retry Wait shorter than Retry-After fails at once, naming Retry Options', async () => {
		const project = env.createProject();
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 3 });
		const result = await runActionNode({
			credentials: project.credentials,
			parameters: listBots({ retryOptions: { maxWaitSeconds: 2 } }),
		});
		expect(result.error?.message).toBe('Worken rate limit reached (429 Too Many Requests) and the retry budget is used up');
		expect(result.error?.description).toMatch(/under the node's Retry Options/);
		expect(env.requests(project.projectId)).toHaveLength(1);
	});

	it('reads the credential once per input item, however many requests the item makes', async () => {
		const project = env.createProject();
		env.sandbox.control.seed(project.key, { bots: 250 });
		const reads = jest.spyOn(PackCredentialsHelper.prototype, 'getDecrypted');
		try {
			const result = await runActionNode({
				credentials: project.credentials,
				parameters: listBots({ returnAll: true, options: { parallelRequests: 1 } }),
				items: [{}, {}],
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(500);
			expect(env.requests(project.projectId)).toHaveLength(6);
			expect(reads).toHaveBeenCalledTimes(2);
		} finally {
			reads.mockRestore();
		}
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
