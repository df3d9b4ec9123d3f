/**
 * The API key stays secret, in n8n-core's engine against the sandbox over HTTP:
 * - a redirect from the API to another port is not followed (n8n would re-send the key there), and the
 *   node says what to fix; the other port receives nothing;
 * - a plain http:// Base URL to another machine is refused by the credential test and by the nodes,
 *   before anything is sent;
 * - no output, error item or error of failing runs contains the key, even when Worken echoes it;
 * - one project's key never reads another project's bots, threads or feed;
 * - no request ever carries a `Worken-*` header.
 * (n8n's debug log and its database are checked in the chaos run in real n8n: test/chaos.)
 */
import * as os from 'node:os';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startCatcher } from '../../sandbox';
import { runActionNode, testCredential } from '../helpers/n8n';
import type { ActionEnv } from '../actions/fixtures';
import { byId, startActionEnv } from '../actions/fixtures';
import { Poller } from '../trigger/triggerEnv';

let env: ActionEnv;
let sb: Sandbox;

beforeAll(async () => {
	env = await startActionEnv();
	sb = env.sandbox;
});

afterAll(async () => {
	// Whatever ran in this file: never a Worken-* header.
	const named = sb.control.requests().flatMap((entry) => Object.keys(entry.headers).filter((name) => /^worken-/i.test(name)));
	expect(named).toEqual([]);
	await env.close();
});

function run(parameters: INodeParameters, credentials = env.credentials, continueOnFail = false) {
	return runActionNode({ credentials, parameters, continueOnFail });
}

test('a redirect to another port is not followed: that port receives nothing and the error says what to fix', async () => {
	const catcher = await startCatcher();
	const { botIds, threadIds } = sb.control.seed(env.projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: 1 });
	try {
		const operations: INodeParameters[] = [
			{ resource: 'bot', operation: 'getAll', returnAll: false, limit: 5 },
			{ resource: 'bot', operation: 'create', name: 'Redirected' },
			{ resource: 'message', operation: 'sendOperator', threadId: byId(threadIds[0]), text: 'Hello' },
			{ resource: 'bot', operation: 'delete', botId: byId(botIds[0]) },
		];
		for (const status of [301, 302, 303, 307, 308]) {
			for (const parameters of operations) {
				sb.control.redirectNext({ count: 1, status, location: `${catcher.url}/steal` });
				const { error } = await run(parameters);
				expect(error?.message).toBe(`Worken answered with a redirect (${status}), which the node does not follow`);
				expect(error?.description).toContain('Base URL');
			}
		}
		const poller = new Poller({ projectId: env.projectId, key: env.key, credentials: env.credentials, seeded: { botIds, chatIds: [], threadIds, integrationIds: [] } }, { events: ['newThread'] });
		sb.control.redirectNext({ count: 1, location: `${catcher.url}/steal` });
		await expect(poller.poll()).rejects.toThrow('redirect');
		// The credential test does not follow it either (it cannot tell a redirect from an answer, so the
		// first run of a node is where the user sees the redirect message).
		sb.control.redirectNext({ count: 1, location: `${catcher.url}/steal` });
		await testCredential(env.credentials);
		expect(catcher.received).toEqual([]);
		expect(sb.control.getBot(botIds[0])?.id).toBe(botIds[0]);
		console.log(`Redirects: 5 statuses × ${operations.length} operations, the trigger and the credential test: not followed, ${catcher.received.length} requests reached the other port`);
	} finally {
		await catcher.close();
	}
});

/** An address of this machine that is not loopback, if it has one (to prove nothing is sent there). */
function outsideAddress(): string | undefined {
	for (const list of Object.values(os.networkInterfaces())) {
		for (const address of list ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
	}
	return undefined;
}

test('plain http:// to another machine is refused by the credential test and by the nodes, before anything is sent', async () => {
	const address = outsideAddress();
	const catcher = await startCatcher(address ?? '127.0.0.1');
	try {
		const remote = address ? catcher.url : 'http://worken.example.com';
		for (const baseUrl of [remote, 'http://api.worken.ru', 'HTTP://10.0.0.5:5690/']) {
			const test = await testCredential({ apiKey: env.key, baseUrl });
			expect(test.status).toBe('Error');
			expect(test.message).toContain('https://');
			const { error } = await run({ resource: 'bot', operation: 'getAll', returnAll: true }, { apiKey: env.key, baseUrl });
			expect(error?.message).toBe('The Base URL in the Worken credential would send the API key unencrypted');
			expect(error?.description).toContain('Nothing was sent');
		}
		expect(catcher.received).toEqual([]);
		// This machine stays allowed over http (the sandbox), and https is always allowed.
		for (const local of [sb.url, sb.url.replace('127.0.0.1', 'localhost')]) {
			expect((await testCredential({ apiKey: env.key, baseUrl: local })).status).toBe('OK');
		}
		const https = await run({ resource: 'bot', operation: 'getAll', returnAll: true, retryOptions: { maxRetries: 0 } }, { apiKey: env.key, baseUrl: 'https://127.0.0.1:1' });
		expect(https.error?.message).not.toContain('unencrypted');
	} finally {
		await catcher.close();
	}
});

test('no output, error item or error contains the key, whatever fails', async () => {
	const project = env.createProject();
	const { botIds } = sb.control.seed(project.projectId, { bots: 1 });
	const key = project.key;
	const failures: Array<() => void> = [
		() => sb.control.injectFaults({ count: 1, status: 400, message: `key ${key} is not allowed here` }),
		() => sb.control.injectFaults({ count: 1, status: 500, message: `internal: ${key}` }),
		() => sb.control.injectFaults({ count: 6, reset: true }),
		() => sb.control.injectFaults({ count: 1, status: 404, message: `No bot for ${key}` }),
		() => sb.control.injectFaults({ count: 1, status: 403, message: `Forbidden for ${key}` }),
	];
	const texts: string[] = [];
	for (const inject of failures) {
		for (const continueOnFail of [true, false]) {
			inject();
			const result = await run({ resource: 'bot', operation: 'get', botId: byId(botIds[0]), retryOptions: { maxRetries: 0 } }, project.credentials, continueOnFail);
			sb.control.clearFaults();
			const error = result.error as (Error & IDataObject) | undefined;
			texts.push(JSON.stringify(result.items), JSON.stringify(result.task), error ? JSON.stringify({ ...error, message: error.message, stack: error.stack, description: error.description }) : '');
		}
	}
	// A revoked key, a key of the wrong form and a wrong key: the message never repeats it.
	const other = env.createProject();
	sb.control.revokeKey(other.key);
	for (const apiKey of [other.key, `${key}zz`, `sk-${'0'.repeat(32)}`]) {
		const result = await run({ resource: 'bot', operation: 'getAll', returnAll: true }, { apiKey, baseUrl: sb.url }, true);
		texts.push(JSON.stringify(result.items), JSON.stringify(result.task));
		expect(JSON.stringify(result.items)).not.toContain(apiKey);
	}
	const all = texts.join('\n');
	expect(all).toContain('error');
	expect(all).not.toContain(key);
	expect(all).not.toMatch(/sk-[0-9a-f]{8,}/i);
	console.log(`Key in outputs and errors: ${failures.length * 2 + 3} failing runs checked, 0 contain a key`);
});

test('one project\'s key never reads another project\'s data', async () => {
	const a = env.createProject();
	const b = env.createProject();
	const seededA = sb.control.seed(a.projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: 2 });
	const seededB = sb.control.seed(b.projectId, { bots: 2, chatsPerBot: 1, threadsPerChat: 2, integrations: 1 });
	const trigger = new Poller({ ...a, seeded: seededA }, { events: ['newThread', 'threadUpdated', 'newMessage'] });
	expect(await trigger.poll()).toBeNull();

	for (const [resource, field, id] of [
		['bot', 'botId', seededB.botIds[0]],
		['chat', 'chatId', seededB.chatIds[0]],
		['thread', 'threadId', seededB.threadIds[0]],
		['integration', 'integrationId', seededB.integrationIds[0]],
	] as const) {
		const { error } = await run({ resource, operation: 'get', [field]: byId(id) }, a.credentials);
		expect(error?.httpCode).toBe('404');
	}
	const lists = await Promise.all(
		[
			{ resource: 'bot', operation: 'getAll', returnAll: true },
			{ resource: 'chat', operation: 'getAll', returnAll: true },
			{ resource: 'thread', operation: 'getAll', scope: 'project', returnAll: true },
			{ resource: 'integration', operation: 'getAll', returnAll: true },
		].map((parameters) => run(parameters as INodeParameters, a.credentials)),
	);
	const seen = new Set(lists.flatMap((list) => list.items.map((item) => String(item.json.id))));
	const ofB = [...seededB.botIds, ...seededB.chatIds, ...seededB.threadIds, ...seededB.integrationIds];
	expect(ofB.filter((id) => seen.has(id))).toEqual([]);
	expect(seen.size).toBe(1 + 1 + 2);

	// B's changes never reach A's trigger; A's do.
	for (const threadId of seededB.threadIds) sb.control.addMessage(threadId, { role: 'user', content: 'B only' });
	sb.control.addMessage(seededA.threadIds[0], { role: 'user', content: 'A' });
	const items = (await trigger.poll()) ?? [];
	expect(items.map((item) => String(item.id ?? '')).filter((id) => ofB.includes(id))).toEqual([]);
	expect(items.some((item) => item.event === 'threadUpdated' && item.id === seededA.threadIds[0])).toBe(true);
});
