/**
 * Bot resource of the Worken action node, run in n8n-core's engine against the sandbox: for every
 * operation the request the sandbox received and the node's output; bad input is refused before anything
 * is sent; lists are paged 100 at a time.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkenCredentialData } from '../helpers/n8n';
import { runActionNode } from '../helpers/n8n';
import type { ActionEnv } from './fixtures';
import { byId, expectReturnAllPaging, fromList, sortedPages, startActionEnv } from './fixtures';

let env: ActionEnv;
let botIds: string[];

function run(
	parameters: INodeParameters,
	extra: { items?: IDataObject[]; continueOnFail?: boolean; credentials?: WorkenCredentialData } = {},
) {
	return runActionNode({
		credentials: extra.credentials ?? env.credentials,
		parameters: { resource: 'bot', ...parameters },
		items: extra.items,
		continueOnFail: extra.continueOnFail,
	});
}

const requests = () => env.requests(env.projectId);

/** A fresh bot, so a test can change it without affecting the others. */
function newBot(): string {
	return env.sandbox.control.seed(env.key, { bots: 1 }).botIds[0];
}

beforeAll(async () => {
	env = await startActionEnv();
	botIds = env.sandbox.control.seed(env.key, { bots: 3 }).botIds;
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => env.sandbox.control.clearRequests());

describe('Bot → Create', () => {
	it('sends the name and description and returns the created bot', async () => {
		const { items, error } = await run({
			operation: 'create',
			name: 'Support Bot',
			additionalFields: { description: 'Answers billing questions' },
		});
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{ method: 'POST', path: '/bots', query: {}, body: { name: 'Support Bot', description: 'Answers billing questions' } },
		]);
		expect(items).toHaveLength(1);
		const created = items[0].json;
		expect(created).toEqual(env.sandbox.control.getBot(String(created.id)));
		expect(created).toMatchObject({ name: 'Support Bot', description: 'Answers billing questions', status: 'active' });
	});

	it('sends only the name when no description is added', async () => {
		const { items } = await run({ operation: 'create', name: 'Plain Bot' });
		expect(requests().map((entry) => entry.body)).toEqual([{ name: 'Plain Bot' }]);
		expect(items[0].json).toMatchObject({ name: 'Plain Bot', description: null });
	});

	it('refuses an empty name before sending anything', async () => {
		const { items, error } = await run({ operation: 'create', name: '   ' });
		expect(items).toEqual([]);
		expect(error?.message).toBe('Name is empty');
		expect(requests()).toEqual([]);
	});

	it('with Continue On Fail, a bad item yields {error} and the others are created', async () => {
		const { items, error } = await run(
			{ operation: 'create', name: '={{ $json.botName }}' },
			{ items: [{ botName: 'First' }, { botName: '' }, { botName: 'Third' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(requests().map((entry) => entry.body)).toEqual([{ name: 'First' }, { name: 'Third' }]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.name).toBe('First');
		expect(items[1].json).toMatchObject({ error: 'Name is empty' });
		expect(items[2].json.name).toBe('Third');
	});
});

describe('Bot → Get', () => {
	it('gets a bot by ID', async () => {
		const { items, error } = await run({ operation: 'get', botId: byId(botIds[1]) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'GET', path: `/bots/${botIds[1]}`, query: {}, body: null }]);
		expect(items.map((item) => item.json)).toEqual([env.sandbox.control.getBot(botIds[1])]);
	});

	it('gets a bot picked from the list', async () => {
		const { items } = await run({ operation: 'get', botId: fromList(botIds[2]) });
		expect(requests()).toMatchObject([{ method: 'GET', path: `/bots/${botIds[2]}` }]);
		expect(items[0].json.id).toBe(botIds[2]);
	});

	it('names the bot and its ID on a 404', async () => {
		const { items, error } = await run({ operation: 'get', botId: byId('bot_doesnotexist') });
		expect(items).toEqual([]);
		expect(error?.message).toBe('Bot not found (bot ID "bot_doesnotexist")');
		expect(error?.description).toMatch(/Check the ID/);
		expect(error?.httpCode).toBe('404');
		expect(requests()).toMatchObject([{ method: 'GET', path: '/bots/bot_doesnotexist', status: 404 }]);
	});

	it('refuses an ID with spaces from an expression before sending anything', async () => {
		// A typed one is already flagged by the field's own validation in the editor.
		const { error } = await run({ operation: 'get', botId: byId('={{ "Support Bot" }}') });
		expect(error?.message).toBe('Bot ID "Support Bot" is not a valid ID');
		expect(requests()).toEqual([]);
	});

	it('refuses an ID an expression leaves empty before sending anything', async () => {
		const { error } = await run({ operation: 'get', botId: byId('={{ $json.botId }}') }, { items: [{ other: 1 }] });
		expect(error?.message).toBe('Bot ID is empty');
		expect(requests()).toEqual([]);
	});
});

describe('Bot → Get Many', () => {
	it('returns the first Limit bots in one request', async () => {
		const { items, error } = await run({ operation: 'getAll', limit: 2 });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'GET', path: '/bots', query: { limit: '2', offset: '0' }, body: null }]);
		expect(items.map((item) => item.json)).toEqual(botIds.slice(0, 2).map((id) => env.sandbox.control.getBot(id)));
	});

	it('refuses a Limit below 1 before sending anything', async () => {
		const { error } = await run({ operation: 'getAll', limit: 0 });
		expect(error?.message).toBe('Limit must be a whole number of at least 1');
		expect(requests()).toEqual([]);
	});

	describe('over more than 100 bots', () => {
		let project: ReturnType<ActionEnv['createProject']>;
		let ids: string[];

		beforeAll(() => {
			project = env.createProject();
			ids = env.sandbox.control.seed(project.key, { bots: 250 }).botIds;
		});

		const listRequests = () => env.requests(project.projectId);

		it('Return All returns every bot, each once, in pages of 100', async () => {
			const { items, error } = await run({ operation: 'getAll', returnAll: true }, { credentials: project.credentials });
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.id)).toEqual(ids);
			expect(new Set(items.map((item) => item.json.id)).size).toBe(250);
			expectReturnAllPaging(listRequests(), 250);
		});

		it('Limit across pages returns exactly Limit bots in ceil(Limit/100) requests', async () => {
			const { items } = await run({ operation: 'getAll', limit: 150 }, { credentials: project.credentials });
			expect(items.map((item) => item.json.id)).toEqual(ids.slice(0, 150));
			expect(sortedPages(listRequests())).toEqual([
				[100, 0],
				[50, 100],
			]);
		});

		it('Return All over exactly 300 bots needs one more, empty page', async () => {
			const more = env.sandbox.control.seed(project.key, { bots: 50 }).botIds;
			env.sandbox.control.clearRequests();
			const { items } = await run({ operation: 'getAll', returnAll: true }, { credentials: project.credentials });
			expect(items.map((item) => item.json.id)).toEqual([...ids, ...more]);
			expectReturnAllPaging(listRequests(), 300);
		});
	});
});

describe('Bot → Update', () => {
	it('sends only the fields added and returns the changed bot', async () => {
		const botId = newBot();
		const { items, error } = await run({
			operation: 'update',
			botId: byId(botId),
			updateFields: { name: 'Renamed', description: 'New purpose' },
		});
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{ method: 'POST', path: `/bots/${botId}`, body: { name: 'Renamed', description: 'New purpose' } },
		]);
		expect(items[0].json).toEqual(env.sandbox.control.getBot(botId));
		expect(items[0].json).toMatchObject({ name: 'Renamed', description: 'New purpose' });
	});

	it('clears the description when it is added empty', async () => {
		const botId = newBot();
		const { items } = await run({ operation: 'update', botId: byId(botId), updateFields: { description: '' } });
		expect(requests().map((entry) => entry.body)).toEqual([{ description: null }]);
		expect(items[0].json.description).toBeNull();
		expect(items[0].json.name).toBe(env.sandbox.control.getBot(botId)?.name);
	});

	it('refuses an update without fields before sending anything', async () => {
		const { error } = await run({ operation: 'update', botId: byId(botIds[0]), updateFields: {} });
		expect(error?.message).toBe('Update Fields is empty');
		expect(error?.description).toMatch(/Name or Description/);
		expect(requests()).toEqual([]);
	});

	it('refuses an empty name before sending anything', async () => {
		const { error } = await run({ operation: 'update', botId: byId(botIds[0]), updateFields: { name: '' } });
		expect(error?.message).toBe('Name is empty');
		expect(requests()).toEqual([]);
	});

	it('passes a 400 from Worken on with what it said, without repeating the request', async () => {
		const botId = newBot();
		env.sandbox.control.injectFaults({ count: 1, status: 400, method: 'POST', pathPrefix: `/bots/${botId}` });
		const { error } = await run({ operation: 'update', botId: byId(botId), updateFields: { name: 'X' } });
		expect(error?.message).toBe('Worken did not accept the request: Bad Request');
		expect(error?.httpCode).toBe('400');
		expect(requests()).toMatchObject([{ method: 'POST', path: `/bots/${botId}`, status: 400 }]);
	});
});

describe('Bot → Delete', () => {
	it('deletes the bot and returns {deleted: true, id}', async () => {
		const botId = newBot();
		const { items, error } = await run({ operation: 'delete', botId: byId(botId) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'DELETE', path: `/bots/${botId}`, status: 204 }]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, id: botId }]);
		expect(env.sandbox.control.getBot(botId)).toBeUndefined();

		const again = await run({ operation: 'get', botId: byId(botId) });
		expect(again.error?.message).toBe(`Bot not found (bot ID "${botId}")`);
	});
});

describe('Bot → Clone', () => {
	it('posts to the clone endpoint and returns the new bot with the same settings', async () => {
		const botId = newBot();
		await run({ operation: 'updateSettings', botId: byId(botId), updateFields: { temperature: 1.3 } });
		env.sandbox.control.clearRequests();

		const { items, error } = await run({ operation: 'clone', botId: byId(botId) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'POST', path: `/bots/${botId}/clone`, body: {} }]);
		const copy = items[0].json;
		const original = env.sandbox.control.getBot(botId);
		expect(copy.id).not.toBe(botId);
		expect(copy).toEqual(env.sandbox.control.getBot(String(copy.id)));
		expect(copy.name).toBe(`${original?.name} (copy)`);
		expect(env.sandbox.control.getBotSettings(String(copy.id))).toEqual(env.sandbox.control.getBotSettings(botId));
		expect(env.sandbox.control.getBotSettings(String(copy.id))?.ai.model.temperature).toBe(1.3);
	});
});

describe('Bot → Set Status', () => {
	it('sends the status and returns the bot', async () => {
		const botId = newBot();
		const { items, error } = await run({ operation: 'setStatus', botId: byId(botId), status: 'disabled' });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'POST', path: `/bots/${botId}/status`, body: { status: 'disabled' } }]);
		expect(items[0].json).toMatchObject({ id: botId, status: 'disabled' });
		expect(env.sandbox.control.getBot(botId)?.status).toBe('disabled');
	});

	it('refuses a status other than active or disabled before sending anything', async () => {
		const { error } = await run({ operation: 'setStatus', botId: byId(botIds[0]), status: '={{ "error" }}' });
		expect(error?.message).toBe('Status must be one of: active, disabled');
		expect(requests()).toEqual([]);
	});
});

describe('Bot → Get Settings', () => {
	it('returns the flat fields by default, named like the Update Settings fields', async () => {
		const botId = newBot();
		await run({
			operation: 'updateSettings',
			botId: byId(botId),
			updateFields: { tools: { tool: [{ name: 'search_orders', mode: 'auto' }] } },
		});
		env.sandbox.control.clearRequests();

		const { items, error } = await run({ operation: 'getSettings', botId: byId(botId) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'GET', path: `/bots/${botId}/settings`, query: {}, body: null }]);
		const { ai } = env.sandbox.control.getBotSettings(botId)!;
		expect(items.map((item) => item.json)).toEqual([
			{
				botId,
				instruction: ai.instruction,
				modelId: ai.model.id,
				temperature: ai.model.temperature,
				maxTokens: ai.model.max_tokens,
				topP: ai.model.top_p,
				frequencyPenalty: ai.model.frequency_penalty,
				presencePenalty: ai.model.presence_penalty,
				lastMessages: ai.memory.lastMessages,
				semanticRecall: ai.memory.semanticRecall,
				workingMemory: ai.memory.workingMemory.enabled,
				generateTitle: ai.memory.generateTitle,
				removeEmojis: ai.formatting.removeEmojis,
				removeMarkdown: ai.formatting.removeMarkdown,
				tools: { search_orders: 'auto' },
			},
		]);
	});

	it('returns the settings object as Worken sends it when Simplify is off', async () => {
		const { items } = await run({ operation: 'getSettings', botId: byId(botIds[0]), simplify: false });
		expect(items.map((item) => item.json)).toEqual([env.sandbox.control.getBotSettings(botIds[0])]);
	});
});

describe('Bot → Update Settings', () => {
	it('sends every field in the nested shape Worken expects and returns the merged settings', async () => {
		const botId = newBot();
		const { items, error } = await run({
			operation: 'updateSettings',
			botId: byId(botId),
			updateFields: {
				instruction: 'Answer in French.',
				modelId: 'gpt-4o',
				temperature: 0.25,
				maxTokens: 512,
				topP: 0.9,
				frequencyPenalty: -1.5,
				presencePenalty: 1.25,
				lastMessages: 0,
				semanticRecall: true,
				workingMemory: true,
				generateTitle: false,
				removeEmojis: true,
				removeMarkdown: true,
				tools: {
					tool: [
						{ name: 'search_orders', mode: 'operator_approve' },
						{ name: 'refund', mode: 'user_approve' },
					],
				},
			},
		});
		expect(error).toBeUndefined();
		const expected = {
			ai: {
				instruction: 'Answer in French.',
				model: {
					id: 'gpt-4o',
					temperature: 0.25,
					max_tokens: 512,
					top_p: 0.9,
					frequency_penalty: -1.5,
					presence_penalty: 1.25,
				},
				memory: { lastMessages: 0, semanticRecall: true, workingMemory: { enabled: true }, generateTitle: false },
				formatting: { removeEmojis: true, removeMarkdown: true },
				tools: { search_orders: 'operator_approve', refund: 'user_approve' },
			},
		};
		expect(requests()).toMatchObject([{ method: 'POST', path: `/bots/${botId}/settings` }]);
		expect(requests()[0].body).toEqual(expected);
		expect(items.map((item) => item.json)).toEqual([expected]);
		expect(env.sandbox.control.getBotSettings(botId)).toEqual(expected);
	});

	it('sends only the settings that were added', async () => {
		const botId = newBot();
		const before = env.sandbox.control.getBotSettings(botId)!;
		const { items } = await run({ operation: 'updateSettings', botId: byId(botId), updateFields: { temperature: 0.2 } });
		expect(requests().map((entry) => entry.body)).toEqual([{ ai: { model: { temperature: 0.2 } } }]);
		expect(items[0].json).toEqual({ ai: { ...before.ai, model: { ...before.ai.model, temperature: 0.2 } } });
	});

	it('deep-merges Advanced Settings with the fields, the fields winning, and passes unknown ai keys on', async () => {
		const botId = newBot();
		const { error } = await run({
			operation: 'updateSettings',
			botId: byId(botId),
			updateFields: {
				temperature: 0.3,
				removeMarkdown: true,
				advancedSettings: JSON.stringify({
					ai: {
						model: { temperature: 1.5, top_p: 0.5 },
						formatting: { removeEmojis: true, removeMarkdown: false },
						tools: { legacy_tool: null },
						voice: { enabled: true },
					},
				}),
			},
		});
		expect(error).toBeUndefined();
		expect(requests().map((entry) => entry.body)).toEqual([
			{
				ai: {
					model: { temperature: 0.3, top_p: 0.5 },
					formatting: { removeEmojis: true, removeMarkdown: true },
					tools: { legacy_tool: null },
					voice: { enabled: true },
				},
			},
		]);
		const stored = env.sandbox.control.getBotSettings(botId)!;
		expect(stored.ai.model).toMatchObject({ temperature: 0.3, top_p: 0.5 });
		expect(stored.ai.formatting).toEqual({ removeEmojis: true, removeMarkdown: true });
	});

	it('accepts Advanced Settings alone, given as an object by an expression', async () => {
		const botId = newBot();
		const { error } = await run({
			operation: 'updateSettings',
			botId: byId(botId),
			updateFields: { advancedSettings: '={{ { ai: { memory: { lastMessages: 25 } } } }}' },
		});
		expect(error).toBeUndefined();
		expect(requests().map((entry) => entry.body)).toEqual([{ ai: { memory: { lastMessages: 25 } } }]);
		expect(env.sandbox.control.getBotSettings(botId)?.ai.memory.lastMessages).toBe(25);
	});

	it('reads numbers and switches an expression gives as text', async () => {
		const botId = newBot();
		const { error } = await run({
			operation: 'updateSettings',
			botId: byId(botId),
			updateFields: { temperature: '={{ "0.5" }}', semanticRecall: '={{ "true" }}' },
		});
		expect(error).toBeUndefined();
		expect(requests().map((entry) => entry.body)).toEqual([
			{ ai: { model: { temperature: 0.5 }, memory: { semanticRecall: true } } },
		]);
	});

	describe('refuses bad input before sending anything', () => {
		const cases: Array<[string, INodeParameters, string]> = [
			['temperature 3', { temperature: 3 }, 'Temperature must be a number from 0 to 2'],
			['a negative temperature', { temperature: -0.1 }, 'Temperature must be a number from 0 to 2'],
			['top_p above 1', { topP: 1.5 }, 'Top P must be a number from 0 to 1'],
			['a penalty below -2', { frequencyPenalty: -3 }, 'Frequency Penalty must be a number from -2 to 2'],
			['max tokens 0', { maxTokens: 0 }, 'Max Tokens must be a whole number of at least 1'],
			['fractional max tokens', { maxTokens: 10.5 }, 'Max Tokens must be a whole number of at least 1'],
			['negative last messages', { lastMessages: -1 }, 'Last Messages must be a whole number of at least 0'],
			['an empty model ID', { modelId: ' ' }, 'Model ID is empty'],
			['a switch that is not true or false', { removeEmojis: '={{ "yes" }}' }, 'Remove Emojis must be true or false'],
			['no setting at all', {}, 'Update Fields is empty: there is no setting to change'],
			['an empty Advanced Settings only', { advancedSettings: '{"ai": {"model": {}}}' }, 'Update Fields is empty: there is no setting to change'],
			['invalid JSON', { advancedSettings: '{"ai": {' }, 'Advanced Settings is not valid JSON'],
			['JSON that is not an object', { advancedSettings: '[1, 2]' }, 'Advanced Settings must be a JSON object'],
			[
				'an unknown top-level key',
				{ advancedSettings: '{"model": {"temperature": 1}}' },
				'Advanced Settings has an unknown top-level key "model"',
			],
			['"ai" that is not an object', { advancedSettings: '{"ai": "fast"}' }, 'Advanced Settings: "ai" must be an object'],
			['a section that is not an object', { advancedSettings: '{"ai": {"memory": 5}}' }, 'Advanced Settings: ai.memory must be an object'],
			[
				'an out-of-range temperature in JSON',
				{ advancedSettings: '{"ai": {"model": {"temperature": 3}}}' },
				'Advanced Settings: ai.model.temperature must be a number from 0 to 2',
			],
			[
				'a quoted number in JSON',
				{ advancedSettings: '{"ai": {"model": {"max_tokens": "100"}}}' },
				'Advanced Settings: ai.model.max_tokens must be a whole number of at least 1',
			],
			[
				'a switch that is not a boolean in JSON',
				{ advancedSettings: '{"ai": {"memory": {"workingMemory": {"enabled": "yes"}}}}' },
				'Advanced Settings: ai.memory.workingMemory.enabled must be true or false',
			],
			[
				'an unknown tool mode in JSON',
				{ advancedSettings: '{"ai": {"tools": {"refund": "always"}}}' },
				'Advanced Settings: ai.tools.refund must be one of auto, operator_approve, user_approve',
			],
			['a tool without a name', { tools: { tool: [{ name: '', mode: 'auto' }] } }, 'Tool Approval Modes: Tool Name is empty'],
			[
				'the same tool twice',
				{ tools: { tool: [{ name: 'refund', mode: 'auto' }, { name: 'refund', mode: 'user_approve' }] } },
				'Tool Approval Modes lists the tool "refund" twice',
			],
			[
				'an unknown tool mode',
				{ tools: { tool: [{ name: 'refund', mode: '={{ "always" }}' }] } },
				'Tool Approval Modes: mode of "refund" must be one of: auto, operator_approve, user_approve',
			],
			[
				'a valid field next to an invalid JSON',
				{ temperature: 1, advancedSettings: '{"ai": {"model": {"top_p": 2}}}' },
				'Advanced Settings: ai.model.top_p must be a number from 0 to 1',
			],
		];

		it.each(cases)('%s', async (_name, updateFields, message) => {
			const before = env.sandbox.control.getBotSettings(botIds[0]);
			const { items, error } = await run({ operation: 'updateSettings', botId: byId(botIds[0]), updateFields });
			expect(items).toEqual([]);
			expect(error?.message).toBe(message);
			expect(requests()).toEqual([]);
			expect(env.sandbox.control.getBotSettings(botIds[0])).toEqual(before);
		});
	});

	it('names the bot on a 404', async () => {
		const { error } = await run({
			operation: 'updateSettings',
			botId: byId('bot_gone'),
			updateFields: { temperature: 1 },
		});
		expect(error?.message).toBe('Bot not found (bot ID "bot_gone")');
		expect(requests()).toMatchObject([{ method: 'POST', path: '/bots/bot_gone/settings', status: 404 }]);
	});
});
