/**
 * The From List dropdowns, loaded the way the editor loads them, against the sandbox: one page of 100 per
 * call and the next offset as the pagination token; a search reads on until something matches, so an
 * object beyond the first page is found (n8n's dropdown never asks for more after an empty answer).
 */
import { loadListSearch } from '../helpers/n8n';
import type { ActionEnv, TestProject } from './fixtures';
import { pages, startActionEnv } from './fixtures';

let env: ActionEnv;
let big: TestProject;

beforeAll(async () => {
	env = await startActionEnv();
	big = env.createProject();
	env.sandbox.control.seed(big.key, { bots: 250, chatsPerBot: 1 });
});

afterAll(async () => {
	await env.close();
});

beforeEach(() => env.sandbox.control.clearRequests());

const requests = () => env.requests(big.projectId).filter((entry) => entry.path === '/bots');

describe('From List: bots', () => {
	it('reads one page of 100 per call and hands n8n the next offset', async () => {
		const first = await loadListSearch({ credentials: big.credentials, method: 'searchBots' });
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const third = await loadListSearch({ credentials: big.credentials, method: 'searchBots', paginationToken: '200' });
		expect(third.results.map((bot) => bot.name)).toEqual(Array.from({ length: 50 }, (_, i) => `Bot ${i + 201}`));
		expect(third.paginationToken).toBeUndefined();
		expect(pages(requests())).toEqual([
			[100, 0],
			[100, 200],
		]);
	});

	it('finds a bot on a later page when searching, reading no further than the first match', async () => {
		const found = await loadListSearch({ credentials: big.credentials, method: 'searchBots', filter: 'bot 150' });
		expect(found.results.map((bot) => bot.name)).toEqual(['Bot 150']);
		expect(found.paginationToken).toBe('200');
		expect(pages(requests())).toEqual([
			[100, 0],
			[100, 100],
		]);
	});

	it('answers a search without a match after reading every page, with no token left', async () => {
		const none = await loadListSearch({ credentials: big.credentials, method: 'searchBots', filter: 'no such bot' });
		expect(none).toEqual({ results: [], paginationToken: undefined });
		expect(pages(requests())).toEqual([
			[100, 0],
			[100, 100],
			[100, 200],
		]);
	});

	it('matches by id too', async () => {
		const id = env.sandbox.control.seed(big.key, { bots: 1 }).botIds[0];
		const found = await loadListSearch({ credentials: big.credentials, method: 'searchBots', filter: id });
		expect(found.results).toEqual([{ name: 'Bot 251', value: id }]);
	});
});
