/**
 * Bad input over every operation and field of the Worken node, in n8n-core's engine against the
 * sandbox: empty and whitespace values, 10,000-character strings, wrong types through expressions,
 * negative and zero limits, invalid JSON, IDs with spaces or slashes, options outside the list, dates
 * that are not dates, and expressions that fail. Each case must fail with a message that names the field
 * and says what to do; where the problem can be seen locally, no request reaches the sandbox. Non-Latin
 * text and emoji are not bad input: they must arrive in Worken unchanged. Updates that fail leave the
 * object exactly as it was.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { Sandbox, SeedResult } from '../../sandbox';
import { runActionNode } from '../helpers/n8n';
import type { ActionEnv } from '../actions/fixtures';
import { byId, startActionEnv } from '../actions/fixtures';

let env: ActionEnv;
let sb: Sandbox;
let seeded: SeedResult;

beforeAll(async () => {
	env = await startActionEnv();
	sb = env.sandbox;
	seeded = sb.control.seed(env.projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: 1, messagesPerThread: 2, integrations: 1, usageDays: 2 });
});

afterAll(async () => {
	await env.close();
});

const LONG = 'x'.repeat(10_000);
// `$json.a.b` on a missing `a` gives undefined in n8n (no error); a missing node is a real failure.
const FAILING_EXPRESSION = '={{ $("Customer").item.json.name }}';
const WORLD = 'Привет, 你好, مرحبا, שלום, こんにちは 👋🏽🚀 café';

interface BadCase {
	operation: string;
	/** The field's name as the user sees it; the message must contain it. */
	field: string;
	what: string;
	parameters: INodeParameters;
	/** False where only Worken can tell (a well-formed ID that does not exist): a request may be sent. */
	local?: boolean;
}

/** Valid parameters for each operation, to which a case applies its one bad value. */
function baseParameters(): Record<string, INodeParameters> {
	const [botId] = seeded.botIds;
	const [chatId] = seeded.chatIds;
	const [threadId] = seeded.threadIds;
	const [integrationId] = seeded.integrationIds;
	return {
		'bot.create': { name: 'Bot' },
		'bot.get': { botId: byId(botId) },
		'bot.getAll': { returnAll: false, limit: 5 },
		'bot.update': { botId: byId(botId), updateFields: { name: 'Bot' } },
		'bot.delete': { botId: byId(botId) },
		'bot.clone': { botId: byId(botId) },
		'bot.setStatus': { botId: byId(botId), status: 'active' },
		'bot.getSettings': { botId: byId(botId) },
		'bot.updateSettings': { botId: byId(botId), updateFields: { temperature: 1 } },
		'chat.create': { name: 'Chat', botId: byId(botId) },
		'chat.get': { chatId: byId(chatId) },
		'chat.getAll': { returnAll: false, limit: 5, filters: {} },
		'chat.update': { chatId: byId(chatId), updateFields: { name: 'Chat' } },
		'chat.delete': { chatId: byId(chatId) },
		'thread.create': { chatId: byId(chatId), additionalFields: { title: 'Thread' } },
		'thread.get': { threadId: byId(threadId) },
		'thread.getAll': { scope: 'chat', chatId: byId(chatId), returnAll: false, limit: 5 },
		'thread.update': { threadId: byId(threadId), updateFields: { title: 'Thread' } },
		'thread.delete': { threadId: byId(threadId) },
		'thread.setMode': { threadId: byId(threadId), mode: 'manual' },
		'message.getAll': { threadId: byId(threadId), returnAll: false, limit: 5 },
		'message.sendOperator': { threadId: byId(threadId), text: 'Hello' },
		'message.sendAndWaitReply': { threadId: byId(threadId), content: 'Hello' },
		'integration.create': { type: 'webhook', name: 'Hook', additionalFields: {} },
		'integration.get': { integrationId: byId(integrationId) },
		'integration.getAll': { returnAll: false, limit: 5, filters: {} },
		'integration.update': { integrationId: byId(integrationId), updateFields: { name: 'Hook' } },
		'integration.delete': { integrationId: byId(integrationId) },
		'billing.getUsage': { returnAll: false, limit: 5, filters: {} },
	};
}

const LOCATORS: Record<string, string> = { botId: 'Bot', chatId: 'Chat', threadId: 'Thread', integrationId: 'Integration' };

function withValue(parameters: INodeParameters, path: string, value: unknown): INodeParameters {
	const copy = JSON.parse(JSON.stringify(parameters)) as INodeParameters;
	const keys = path.split('.');
	let target = copy as Record<string, unknown>;
	for (const key of keys.slice(0, -1)) {
		target[key] = (target[key] as Record<string, unknown> | undefined) ?? {};
		target = target[key] as Record<string, unknown>;
	}
	target[keys[keys.length - 1]] = value;
	return copy;
}

function badCases(): BadCase[] {
	const base = baseParameters();
	const cases: BadCase[] = [];
	const add = (operation: string, field: string, path: string, values: Array<[string, unknown]>, isLocator = false) => {
		for (const [what, value] of values) {
			const parameters = withValue(base[operation], path, isLocator ? byId(value as string) : value);
			cases.push({ operation, field, what, parameters });
		}
	};
	const idValues: Array<[string, unknown]> = [
		['empty', ''],
		['whitespace', '   '],
		['with a space', 'bot 1'],
		['with a slash', 'a/b'],
		['an object through an expression', '={{ { id: 1 } }}'],
		['a failing expression', FAILING_EXPRESSION],
	];
	const requiredText: Array<[string, unknown]> = [
		['empty', ''],
		['whitespace', ' \t '],
		['an object through an expression', '={{ { first: "Ann" } }}'],
		['a list through an expression', '={{ [1, 2] }}'],
		['a failing expression', FAILING_EXPRESSION],
	];
	const limits: Array<[string, unknown]> = [
		['zero', 0],
		['negative', -3],
		['a fraction', 2.5],
		['text through an expression', '={{ "ten" }}'],
		['a failing expression', FAILING_EXPRESSION],
	];
	for (const [operation, parameters] of Object.entries(base)) {
		for (const name of Object.keys(LOCATORS)) {
			if (name in parameters) add(operation, `${LOCATORS[name]} ID`, name, idValues, true);
		}
		if ('limit' in parameters) add(operation, 'Limit', 'limit', limits);
	}
	add('bot.create', 'Name', 'name', requiredText);
	add('chat.create', 'Name', 'name', requiredText);
	add('integration.create', 'Name', 'name', requiredText);
	add('message.sendOperator', 'Text', 'text', requiredText);
	add('message.sendAndWaitReply', 'Content', 'content', requiredText);
	add('bot.update', 'Name', 'updateFields.name', requiredText);
	add('chat.update', 'Name', 'updateFields.name', requiredText);
	add('thread.update', 'Title', 'updateFields.title', requiredText);
	add('integration.update', 'Name', 'updateFields.name', requiredText);
	add('thread.create', 'Title', 'additionalFields.title', requiredText.slice(2));
	add('integration.create', 'Custom Type', 'customType', [['empty', ''], ['whitespace', '  ']].map(([w, v]) => [w, v] as [string, unknown]));
	for (const c of cases.slice(-2)) c.parameters = { ...c.parameters, type: 'other' };
	add('chat.create', 'Bot ID', 'botId', idValues, true);
	add('chat.update', 'Bot ID', 'updateFields.botId', idValues.slice(2), true);
	add('integration.update', 'Bot ID', 'updateFields.botId', idValues.slice(2), true);
	add('chat.getAll', 'Bot ID', 'filters.botId', idValues.slice(2), true);
	add('thread.getAll', 'Chat ID', 'filters.chatId', idValues.slice(2), true);
	for (const c of cases.slice(-4)) c.parameters = { ...c.parameters, scope: 'project' };
	add('billing.getUsage', 'Bot ID', 'filters.botId', idValues.slice(2), true);
	const settings = (label: string, name: string, values: Array<[string, unknown]>) =>
		add('bot.updateSettings', label, `updateFields.${name}`, values);
	settings('Temperature', 'temperature', [['above 2', 3], ['negative', -0.5], ['text', '={{ "hot" }}'], ['a failing expression', FAILING_EXPRESSION]]);
	settings('Max Tokens', 'maxTokens', [['zero', 0], ['negative', -5], ['a fraction', 1.5], ['text', '={{ "many" }}']]);
	settings('Top P', 'topP', [['above 1', 1.5], ['negative', -1]]);
	settings('Frequency Penalty', 'frequencyPenalty', [['too high', 5], ['too low', -5]]);
	settings('Presence Penalty', 'presencePenalty', [['too high', 5], ['too low', -5]]);
	settings('Last Messages', 'lastMessages', [['negative', -1], ['a fraction', 2.5]]);
	settings('Instruction', 'instruction', [['an object', '={{ { a: 1 } }}']]); // empty clears it: allowed
	settings('Model', 'modelId', [['empty', ''], ['whitespace', '  ']]);
	settings('Semantic Recall', 'semanticRecall', [['text', '={{ "maybe" }}']]);
	settings('Advanced Settings', 'advancedSettings', [['invalid JSON', '{"ai": '], ['a list', '[1, 2]'], ['text', '"warm"']]);
	settings('Tool Name', 'tools', [['empty', { tool: [{ name: '', mode: 'auto' }] }], ['whitespace', { tool: [{ name: '  ', mode: 'auto' }] }]]);
	settings('Approval Mode', 'tools', [['not in the list', { tool: [{ name: 'search', mode: '={{ "sometimes" }}' }] }]]);
	add('bot.setStatus', 'Status', 'status', [['not in the list', '={{ "paused" }}'], ['empty', '']]);
	add('thread.setMode', 'Mode', 'mode', [['not in the list', '={{ "robot" }}'], ['empty', '']]);
	add('thread.getAll', 'Mode', 'filters.mode', [['not in the list', '={{ "robot" }}']]);
	for (const c of cases.slice(-1)) c.parameters = { ...c.parameters, scope: 'project' };
	add('integration.update', 'Status', 'updateFields.status', [['not in the list', '={{ "broken" }}']]);
	add('integration.create', 'Config', 'additionalFields.config', [['invalid JSON', '{"token": '], ['a list', '[]'], ['a number', '42']]);
	add('integration.update', 'Config', 'updateFields.config', [['invalid JSON', '{token}'], ['a list', '["a"]']]);
	add('billing.getUsage', 'From', 'filters.from', [['not a date', 'yesterday-ish'], ['an impossible day', '2026-02-30']]);
	add('billing.getUsage', 'To', 'filters.to', [['not a date', 'soon'], ['before From', '2020-01-01']]);
	for (const c of cases.slice(-1)) c.parameters = withValue(c.parameters, 'filters.from', '2021-01-01');
	for (const operation of ['bot.update', 'chat.update', 'thread.update', 'integration.update', 'bot.updateSettings']) {
		cases.push({ operation, field: 'Update Fields', what: 'empty', parameters: { ...base[operation], updateFields: {} } });
	}
	return cases;
}

test('every bad value of every operation fails with a message naming the field and the fix, before any request', async () => {
	const cases = badCases();
	const failures: string[] = [];
	let refusedByN8n = 0;
	for (const c of cases) {
		const [resource, operation] = c.operation.split('.');
		sb.control.clearRequests();
		const label = `${c.operation} ${c.field} ${c.what}`;
		let error: Awaited<ReturnType<typeof runActionNode>>['error'];
		try {
			({ error } = await runActionNode({ credentials: env.credentials, parameters: { resource, operation, ...c.parameters } }));
		} catch (issues) {
			// n8n itself refuses to run a node whose literal values break the field's own rules (required,
			// the ID pattern): the editor shows the message at the field. Nothing may have been sent.
			if ((issues as Error).name !== 'WorkflowHasIssuesError') throw issues;
			refusedByN8n++;
			if (sb.control.requests().length > 0) failures.push(`${label}: requests sent despite n8n's own check`);
			continue;
		}
		const sent = sb.control.requests().length;
		if (!error) {
			failures.push(`${label}: no error (${sent} request(s))`);
			continue;
		}
		const text = `${error.message} ${error.description ?? ''}`;
		// A locator's field is labelled "Bot" in the editor and "Bot ID" in messages about its value.
		const names = [c.field, c.field.replace(/ ID$/, '')].map((name) => name.toLowerCase());
		if (!names.some((name) => text.toLowerCase().includes(name))) failures.push(`${label}: message does not name the field: ${text.slice(0, 200)}`);
		if (!error.description || error.description.trim().length < 10) failures.push(`${label}: no fix given: ${text.slice(0, 200)}`);
		if (c.local !== false && sent > 0) failures.push(`${label}: ${sent} request(s) reached Worken: ${text.slice(0, 120)}`);
	}
	console.log(`Bad input: ${cases.length} cases over ${new Set(cases.map((c) => c.operation)).size} operations, ${refusedByN8n} refused by n8n's own field check, the rest by the node; ${failures.length} failing`);
	expect(failures).toEqual([]);
}, 180_000);

test('non-Latin text, emoji and 10,000-character text arrive in Worken unchanged, in every text field', async () => {
	const base = baseParameters();
	const [botId] = seeded.botIds;
	const fields: Array<[string, string, INodeParameters, (id: string) => unknown]> = [
		['bot.create', 'name', { name: '' }, (id) => sb.control.getBot(id)?.name],
		['bot.update', 'updateFields.description', base['bot.update'], (id) => sb.control.getBot(id)?.description],
		['chat.create', 'name', base['chat.create'], (id) => sb.control.getChat(id)?.name],
		['thread.create', 'additionalFields.title', base['thread.create'], (id) => sb.control.getThread(id)?.title],
		['thread.update', 'updateFields.title', base['thread.update'], (id) => sb.control.getThread(id)?.title],
		['message.sendOperator', 'text', base['message.sendOperator'], (id) => sb.control.listMessages(String(seeded.threadIds[0]))?.find((m) => m.id === id)?.content],
		['integration.create', 'name', base['integration.create'], (id) => sb.control.getIntegration(id)?.name],
		['bot.updateSettings', 'updateFields.instruction', base['bot.updateSettings'], () => sb.control.getBotSettings(botId)?.ai.instruction],
	];
	let cases = 0;
	for (const [op, path, parameters, stored] of fields) {
		for (const text of [WORLD, `${WORLD} ${LONG}`]) {
			const [resource, operation] = op.split('.');
			const { items, error } = await runActionNode({ credentials: env.credentials, parameters: { resource, operation, ...withValue(parameters, path, text) } });
			expect({ op, error: error?.message }).toEqual({ op, error: undefined });
			expect(stored(String(items[0].json.id))).toBe(text);
			cases++;
		}
	}
	console.log(`Non-Latin, emoji and 10,000-character text: ${cases} cases, all stored unchanged`);
});

test('a failing Update Settings or Clone leaves nothing half-changed', async () => {
	const [botId] = seeded.botIds;
	const before = sb.control.getBotSettings(botId);
	const bots = async () => (await (await fetch(`${sb.url}/bots?limit=100`, { headers: { Authorization: `Bearer ${env.key}` } })).json()) as unknown[];
	const botCount = (await bots()).length;
	const run = (operation: string, parameters: INodeParameters) =>
		runActionNode({ credentials: env.credentials, parameters: { resource: 'bot', operation, botId: byId(botId), ...parameters } });

	// One bad field among good ones: nothing is sent, so nothing changes.
	sb.control.clearRequests();
	const local = await run('updateSettings', { updateFields: { instruction: 'Be brief', temperature: 7, maxTokens: 300 } });
	expect(local.error?.message).toContain('Temperature');
	expect(sb.control.requests()).toEqual([]);
	// A value only Worken can refuse, and a server failure: one request, all or nothing on Worken's side.
	const failures: Array<[{ status: number } | { reset: true }, string]> = [
		[{ status: 500 }, 'Worken had an internal error (500)'],
		[{ reset: true }, `Could not reach Worken at ${sb.url}`],
	];
	for (const [fault, message] of failures) {
		sb.control.injectFaults({ count: 1, ...fault });
		const failed = await run('updateSettings', { updateFields: { instruction: 'Be brief', maxTokens: 300 } });
		expect(failed.error?.message).toBe(message);
		sb.control.injectFaults({ count: 1, ...fault });
		expect((await run('clone', {})).error?.message).toBe(message);
	}
	const advanced = await run('updateSettings', { updateFields: { instruction: 'Be brief', advancedSettings: '{"ai": {"model": {"top_p": 9}}}' } });
	expect(advanced.error?.message).toMatch(/top_p/);
	expect(sb.control.getBotSettings(botId)).toEqual(before);
	expect((await bots()).length).toBe(botCount);
});
