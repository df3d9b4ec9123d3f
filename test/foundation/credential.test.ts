/**
 * The WorkenApi credential: its "Test" button (run as n8n's server runs a credential test request) and
 * the local key check that stops a malformed key before anything is sent.
 */
import type { ActionEnv } from '../actions/fixtures';
import { startActionEnv } from '../actions/fixtures';
import { runActionNode, testCredential } from '../helpers/n8n';

let env: ActionEnv;

beforeAll(async () => {
	env = await startActionEnv();
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => env.sandbox.control.clearRequests());

describe('credential test', () => {
	it('passes with a valid key, with GET /bots?limit=1 and a Bearer header', async () => {
		const result = await testCredential(env.credentials);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = env.requests();
		expect(request).toMatchObject({ method: 'GET', path: '/bots', query: { limit: '1' }, status: 200 });
		expect(request.headers.authorization).toBe('Bearer <redacted>');
		expect(Object.keys(request.headers).filter((name) => name.startsWith('worken-'))).toEqual([]);
	});

	it('accepts a base URL with a trailing slash', async () => {
		const result = await testCredential({ ...env.credentials, baseUrl: `${env.sandbox.url}/` });
		expect(result.status).toBe('OK');
	});

	it('fails with a clear message for a revoked key', async () => {
		const revoked = env.sandbox.control.createKey(env.projectId);
		env.sandbox.control.revokeKey(revoked);
		const result = await testCredential({ ...env.credentials, apiKey: revoked });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected this API key/);
		expect(result.message).toMatch(/revoked/);
		expect(result.message).not.toContain(revoked);
		// One request: the test does not fail on the 401, so n8n does not repeat it.
		expect(env.requests()).toHaveLength(1);
	});

	it('says the Base URL is wrong when no Worken API answers there', async () => {
		const result = await testCredential({ ...env.credentials, baseUrl: `${env.sandbox.url}/not-worken` });
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/No Worken API answered at this Base URL/),
		});
	});

	it('says when the rate limit, not the key, is the problem', async () => {
		env.sandbox.control.injectFaults({ count: 1, status: 429, retryAfter: 30 });
		const result = await testCredential(env.credentials);
		expect(result.message).toMatch(/The key works, but Worken's rate limit/);
	});

	it.each([
		['no sk- prefix', 'my-secret-token-123'],
		['non-hex characters', 'sk-live_ABCXYZ'],
		['nothing at all', '   '],
	])('fails with a clear message for a malformed key (%s), before any request is sent', async (_case, apiKey) => {
		const result = await testCredential({ ...env.credentials, apiKey });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/not a Worken key: it must start with "sk-" followed by hex/);
		expect(result.message).toMatch(/Nothing was sent to Worken/);
		if (apiKey.trim()) expect(result.message).not.toContain(apiKey);
		expect(env.requests()).toHaveLength(0);
	});
});

describe('local key check in the nodes', () => {
	it.each([
		['no prefix', 'abc123'],
		['non-hex characters', 'sk-not-hex-at-all'],
		['empty', ''],
	])('refuses a key with %s before any request is sent', async (_case, apiKey) => {
		const result = await runActionNode({
			credentials: { ...env.credentials, apiKey },
			parameters: { resource: 'bot', operation: 'getAll', returnAll: true },
		});
		expect(result.error?.message).toBe('The API Key in the Worken credential is not a Worken key');
		expect(result.error?.description).toMatch(/starts with "sk-" followed by hex/);
		expect(env.requests()).toHaveLength(0);
	});

	it('refuses a base URL that is not a URL, naming the field', async () => {
		const result = await runActionNode({
			credentials: { ...env.credentials, baseUrl: 'api.worken.ru' },
			parameters: { resource: 'bot', operation: 'getAll', returnAll: true },
		});
		expect(result.error?.message).toBe('The Base URL in the Worken credential is not a URL');
		expect(env.requests()).toHaveLength(0);
	});
});
