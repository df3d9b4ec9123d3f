/**
 * Billing resource of the Worken action node, run in n8n-core's engine against the sandbox: the request
 * the sandbox received and the node's output; dates are checked and reduced to days before anything is
 * sent; usage lists are paged 100 at a time.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { WorkenCredentialData } from '../helpers/n8n';
import { runActionNode } from '../helpers/n8n';
import type { ActionEnv, TestProject } from './fixtures';
import { byId, expectReturnAllPaging, sortedPages, startActionEnv } from './fixtures';

let env: ActionEnv;
let botIds: string[];

const USAGE_DAYS = 10;

function run(parameters: INodeParameters, extra: { items?: IDataObject[]; credentials?: WorkenCredentialData } = {}) {
	return runActionNode({
		credentials: extra.credentials ?? env.credentials,
		parameters: { resource: 'billing', ...parameters },
		items: extra.items,
	});
}

const requests = () => env.requests(env.projectId);

/** The UTC day `daysAgo` days before today, as the sandbox dates its usage rows. */
function day(daysAgo: number): string {
	return new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
	env = await startActionEnv();
	({ botIds } = env.sandbox.control.seed(env.key, { bots: 2, usageDays: USAGE_DAYS }));
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => env.sandbox.control.clearRequests());

describe('Billing → Get', () => {
	it('gets the plan, balance and period of the credential\'s project', async () => {
		const { items, error } = await run({ operation: 'get' });
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([{ method: 'GET', path: '/billing', query: {}, body: null }]);
		const project = env.sandbox.control.getProject(env.projectId);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			plan: project.plan,
			balance: project.balance,
			currency: expect.any(String),
			period_start: expect.any(String),
			period_end: expect.any(String),
		});
		expect(Date.parse(String(items[0].json.period_start))).toBeLessThan(Date.parse(String(items[0].json.period_end)));
	});
});

describe('Billing → Get Usage', () => {
	it('sends the date range and bot as days and returns the matching records', async () => {
		const { items, error } = await run({
			operation: 'getUsage',
			returnAll: true,
			filters: { from: `${day(5)}T00:00:00`, to: `${day(2)}T23:59:00`, botId: byId(botIds[1]) },
		});
		expect(error).toBeUndefined();
		expect(requests()).toMatchObject([
			{
				method: 'GET',
				path: '/billing/usage',
				query: { from: day(5), to: day(2), bot_id: botIds[1], limit: '100', offset: '0' },
				body: null,
			},
		]);
		expect(items.map((item) => item.json.date)).toEqual([day(5), day(4), day(3), day(2)]);
		for (const { json } of items) {
			expect(json).toEqual({
				date: expect.any(String),
				bot_id: botIds[1],
				requests: expect.any(Number),
				input_tokens: expect.any(Number),
				output_tokens: expect.any(Number),
				cost: expect.any(Number),
			});
		}
	});

	it('accepts a single-day range and plain YYYY-MM-DD dates', async () => {
		const { items } = await run({ operation: 'getUsage', limit: 10, filters: { from: day(1), to: day(1) } });
		expect(requests()).toMatchObject([{ query: { from: day(1), to: day(1), limit: '10', offset: '0' } }]);
		expect(items.map((item) => [item.json.date, item.json.bot_id])).toEqual([
			[day(1), botIds[0]],
			[day(1), botIds[1]],
		]);
	});

	it('sends no filters when none are added', async () => {
		const { items } = await run({ operation: 'getUsage', limit: 3 });
		expect(requests()).toHaveLength(1);
		expect(requests()[0].query).toEqual({ limit: '3', offset: '0' });
		expect(items).toHaveLength(3);
	});

	it('keeps the written day of a date-picker value in a time zone east of UTC', async () => {
		// n8n's date picker gives a local time without a zone; converting it through UTC would move it a day back.
		const zone = process.env.TZ;
		process.env.TZ = 'Asia/Tokyo';
		try {
			await run({ operation: 'getUsage', limit: 1, filters: { from: `${day(3)}T00:00:00` } });
		} finally {
			if (zone === undefined) delete process.env.TZ;
			else process.env.TZ = zone;
		}
		expect(requests()).toMatchObject([{ query: { from: day(3) } }]);
	});

	describe('refuses bad input before sending anything', () => {
		const cases: Array<[string, INodeParameters, string]> = [
			['From after To', { from: day(1), to: day(3) }, `From (${day(1)}) is after To (${day(3)})`],
			['a From that is not a date', { from: 'yesterday' }, 'From is not a date'],
			['a day that does not exist', { to: '2024-02-30' }, 'To is not a date'],
			['a bot ID with spaces', { botId: byId('={{ "Bot 1" }}') }, 'Bot ID "Bot 1" is not a valid ID'],
		];

		it.each(cases)('%s', async (_name, filters, message) => {
			const { items, error } = await run({ operation: 'getUsage', returnAll: true, filters });
			expect(items).toEqual([]);
			expect(error?.message).toBe(message);
			expect(requests()).toEqual([]);
		});
	});

	describe('over more than 100 records', () => {
		let project: TestProject;

		beforeAll(() => {
			project = env.createProject();
			// 2 bots × 75 days = 150 records.
			env.sandbox.control.seed(project.key, { bots: 2, usageDays: 75 });
		});

		it('Return All returns every record, each once, in pages of 100', async () => {
			const { items } = await run({ operation: 'getUsage', returnAll: true }, { credentials: project.credentials });
			expect(items).toHaveLength(150);
			expect(new Set(items.map((item) => `${item.json.date}|${item.json.bot_id}`)).size).toBe(150);
			const dates = items.map((item) => String(item.json.date));
			expect(dates).toEqual([...dates].sort());
			const sent = env.requests(project.projectId);
			expectReturnAllPaging(sent, 150);
		});

		it('Limit across pages returns exactly Limit records', async () => {
			const { items: all } = await run({ operation: 'getUsage', returnAll: true }, { credentials: project.credentials });
			env.sandbox.control.clearRequests();
			const { items } = await run({ operation: 'getUsage', limit: 120 }, { credentials: project.credentials });
			expect(items.map((item) => item.json)).toEqual(all.slice(0, 120).map((item) => item.json));
			expect(sortedPages(env.requests(project.projectId))).toEqual([
				[100, 0],
				[20, 100],
			]);
		});
	});
});
