/**
 * Integration resource of the Worken action node, run in n8n-core's engine against the sandbox: for every
 * operation the request the sandbox received and the node's output; bad input is refused before anything
 * is sent; lists are paged 100 at a time.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkenCredentialData } from '../helpers/n8n';
import { runActionNode } from '../helpers/n8n';
import type { ActionEnv, TestProject } from './fixtures';
import { byId, expectReturnAllPaging, fromList, sortedPages, startActionEnv } from './fixtures';

let env: ActionEnv;
let botIds: string[];
let integrationIds: string[];

function run(parameters: INodeParameters, extra: { items?: IDataObject[]; credentials?: WorkenCredentialData } = {}) {
	return runActionNode({
		credentials: extra.credentials ?? env.credentials,
		parameters: { resource: 'integration', ...parameters },
		items: extra.items,
	});
}

const requests = () => env.requests(env.projectId);

/** A fresh integration (of a fresh bot), so a test can change it without affecting the others. */
function newIntegration(): string {
	return env.sandbox.control.seed(env.key, { bots: 1, integrations: 1 }).integrationIds[0];
}

beforeAll(async () => {
	env = await startActionEnv();
	// Types cycle telegram, whatsapp, webhook, custom_mcp; bots alternate.
	({ botIds, integrationIds } = env.sandbox.control.seed(env.key, { bots: 2, integrations: 4 }));
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => env.sandbox.control.clearRequests());

describe('Integration → Create', () => {
	it('sends type, name, bot and config and returns the created integration', async () => {
		const { items, error } = await run({
			operation: 'create',
			type: 'telegram',
			name: 'Support Telegram',
			additionalFields: { botId: fromList(botIds[0]), config: '{"bot_username": "acme_support_bot"}' },
		});
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{
				method: 'POST',
				path: '/integrations',
				query: {},
				body: { type: 'telegram', name: 'Support Telegram', bot_id: botIds[0], config: { bot_username: 'acme_support_bot' } },
			},
		]);
		const created = items[0].json;
		expect(created).toEqual(env.sandbox.control.getIntegration(String(created.id)));
		expect(created).toMatchObject({ type: 'telegram', bot_id: botIds[0], status: 'active' });
	});

	it('sends only type and name when nothing else is added', async () => {
		const { items } = await run({ operation: 'create', type: 'webhook', name: 'Hook' });
		expect(requests().map((entry) => entry.body)).toEqual([{ type: 'webhook', name: 'Hook' }]);
		expect(items[0].json).toMatchObject({ type: 'webhook', bot_id: null, config: {} });
	});

	it('sends the custom type when "Other" is chosen', async () => {
		const { items, error } = await run({ operation: 'create', type: 'other', customType: 'slack', name: 'Slack' });
		expect(error).toBeUndefined();
		expect(requests().map((entry) => entry.body)).toEqual([{ type: 'slack', name: 'Slack' }]);
		expect(items[0].json.type).toBe('slack');
	});

	it('sends each channel of the Type list as its value', async () => {
		const { items, error } = await run({ operation: 'create', type: 'bitrix24', name: 'Open lines' });
		expect(error).toBeUndefined();
		expect(requests().map((entry) => entry.body)).toEqual([{ type: 'bitrix24', name: 'Open lines' }]);
		expect(items[0].json.type).toBe('bitrix24');
	});

	describe('refuses bad input before sending anything', () => {
		const cases: Array<[string, INodeParameters, string]> = [
			['an empty custom type', { type: 'other', customType: '={{ "" }}', name: 'X' }, 'Custom Type is empty'],
			['an empty name', { type: 'telegram', name: '={{ " " }}' }, 'Name is empty'],
			['invalid config JSON', { type: 'webhook', name: 'X', additionalFields: { config: '{"url": ' } }, 'Config is not valid JSON'],
			['config that is not an object', { type: 'webhook', name: 'X', additionalFields: { config: '"https://x"' } }, 'Config must be a JSON object'],
			[
				'a bot ID with spaces',
				{ type: 'webhook', name: 'X', additionalFields: { botId: byId('={{ "my bot" }}') } },
				'Bot ID "my bot" is not a valid ID',
			],
		];

		it.each(cases)('%s', async (_name, parameters, message) => {
			const { items, error } = await run({ operation: 'create', ...parameters });
			expect(items).toEqual([]);
			expect(error?.message).toBe(message);
			expect(requests()).toEqual([]);
		});
	});
});

describe('Integration → Get', () => {
	it('gets an integration by ID', async () => {
		const { items, error } = await run({ operation: 'get', integrationId: byId(integrationIds[1]) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'GET', path: `/integrations/${integrationIds[1]}`, query: {}, body: null }]);
		expect(items.map((item) => item.json)).toEqual([env.sandbox.control.getIntegration(integrationIds[1])]);
	});

	it('passes on a status and a type the node does not list, unchanged', async () => {
		const integrationId = (await run({ operation: 'create', type: 'other', customType: 'yandex_messenger', name: 'Y' })).items[0].json.id as string;
		const stored = env.sandbox.control.setIntegrationStatus(integrationId, 'needs_attention');
		const { items, error } = await run({ operation: 'get', integrationId: byId(integrationId) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([stored]);
		expect(items[0].json).toMatchObject({ type: 'yandex_messenger', status: 'needs_attention' });
	});

	it('names the integration and its ID on a 404', async () => {
		const { error } = await run({ operation: 'get', integrationId: byId('int_missing') });
		expect(error?.message).toBe('Integration not found (integration ID "int_missing")');
		expect(error?.httpCode).toBe('404');
	});
});

describe('Integration → Get Many', () => {
	it('filters by bot and type', async () => {
		const { items, error } = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { botId: byId(botIds[1]), type: 'whatsapp' },
		});
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{
				method: 'GET',
				path: '/integrations',
				query: { bot_id: botIds[1], type: 'whatsapp', limit: '100', offset: '0' },
			},
		]);
		expect(items.map((item) => item.json)).toEqual([env.sandbox.control.getIntegration(integrationIds[1])]);
	});

	it('lists integrations whatever their type and status', async () => {
		const project = env.createProject();
		const [integrationId] = env.sandbox.control.seed(project.key, { bots: 1, integrations: 1 }).integrationIds;
		env.sandbox.control.setIntegrationStatus(integrationId, 'verifying');
		const { items, error } = await run({ operation: 'getAll', returnAll: true }, { credentials: project.credentials });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['verifying']);
	});

	it('filters by a type that is not listed, given under Other as Custom Type', async () => {
		const { error } = await run({ operation: 'getAll', limit: 5, filters: { type: 'other', customType: 'yandex_messenger' } });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ query: { type: 'yandex_messenger', limit: '5', offset: '0' } }]);
	});

	it('refuses Other without a Custom Type before sending anything', async () => {
		const { error } = await run({ operation: 'getAll', limit: 5, filters: { type: 'other' } });
		expect(error?.message).toMatch(/Custom Type/);
		expect(requests()).toEqual([]);
	});

	it('filters by a type that is not listed, given by an expression', async () => {
		await run({ operation: 'getAll', limit: 5, filters: { type: '={{ "custom_mcp" }}' } });
		expect(requests()).toMatchObject([{ query: { type: 'custom_mcp', limit: '5', offset: '0' } }]);
	});

	describe('over more than 100 integrations', () => {
		let project: TestProject;
		let ids: string[];

		beforeAll(() => {
			project = env.createProject();
			ids = env.sandbox.control.seed(project.key, { bots: 1, integrations: 205 }).integrationIds;
		});

		it('Return All returns every integration, each once, in pages of 100', async () => {
			const { items } = await run({ operation: 'getAll', returnAll: true }, { credentials: project.credentials });
			expect(items.map((item) => item.json.id)).toEqual(ids);
			expect(new Set(items.map((item) => item.json.id)).size).toBe(205);
			const sent = env.requests(project.projectId);
			expectReturnAllPaging(sent, 205);
		});

		it('Limit across pages returns exactly Limit integrations', async () => {
			const { items } = await run({ operation: 'getAll', limit: 199 }, { credentials: project.credentials });
			expect(items.map((item) => item.json.id)).toEqual(ids.slice(0, 199));
			expect(sortedPages(env.requests(project.projectId))).toEqual([
				[100, 0],
				[99, 100],
			]);
		});
	});
});

describe('Integration → Update', () => {
	it('sends name, bot, status and config and returns the changed integration', async () => {
		const integrationId = newIntegration();
		const { items, error } = await run({
			operation: 'update',
			integrationId: byId(integrationId),
			updateFields: {
				name: 'Renamed',
				botId: byId(botIds[1]),
				status: 'disabled',
				config: '{"url": "https://example.org/new"}',
			},
		});
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{
				method: 'POST',
				path: `/integrations/${integrationId}`,
				body: { name: 'Renamed', bot_id: botIds[1], status: 'disabled', config: { url: 'https://example.org/new' } },
			},
		]);
		expect(items[0].json).toEqual(env.sandbox.control.getIntegration(integrationId));
		expect(items[0].json).toMatchObject({ name: 'Renamed', bot_id: botIds[1], status: 'disabled' });
	});

	it('sends only the status when only the status is added', async () => {
		const integrationId = newIntegration();
		await run({ operation: 'update', integrationId: byId(integrationId), updateFields: { status: 'disabled' } });
		expect(requests().map((entry) => entry.body)).toEqual([{ status: 'disabled' }]);
	});

	describe('refuses bad input before sending anything', () => {
		const cases: Array<[string, INodeParameters, string]> = [
			['no field at all', {}, 'Update Fields is empty'],
			['an empty name', { name: '' }, 'Name is empty'],
			['invalid config JSON', { config: '{' }, 'Config is not valid JSON'],
			['config that is not an object', { config: '[]' }, 'Config must be a JSON object'],
			['a status Worken sets itself', { status: '={{ "error" }}' }, 'Status must be one of: active, disabled'],
		];

		it.each(cases)('%s', async (_name, updateFields, message) => {
			const { error } = await run({ operation: 'update', integrationId: byId(integrationIds[0]), updateFields });
			expect(error?.message).toBe(message);
			expect(requests()).toEqual([]);
		});
	});
});

describe('Integration → Delete', () => {
	it('deletes the integration and returns {deleted: true, id}', async () => {
		const integrationId = newIntegration();
		const { items, error } = await run({ operation: 'delete', integrationId: byId(integrationId) });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'DELETE', path: `/integrations/${integrationId}`, status: 204 }]);
		expect(items.map((item) => item.json)).toEqual([{ deleted: true, id: integrationId }]);
		expect(env.sandbox.control.getIntegration(integrationId)).toBeUndefined();
	});
});
