/**
 * The From List dropdowns for bot, chat and thread: the first page loads, scrolling to the end loads the
 * second (the sandbox's request log shows it, with limit ≤ 100), and a search finds an object that is
 * only on the second page.
 */
import type { Page } from 'playwright-core';
import { expect } from '../harness';
import type { E2EContext } from '../context';
import { EditorSession, waitUntil } from './editor';
import { PAGED_COUNT } from './fixture';
import { describeErrors } from './page-errors';
import { sel } from './selectors';

interface LocatorCase {
	parameter: string;
	node: string;
	path: string;
	/** The name of an object that is on the second page (beyond the first 100). */
	search: string;
	/** Its dropdown entry. */
	entry: RegExp;
}

const CASES: LocatorCase[] = [
	// Bots and chats are listed oldest first: the last seeded one is on the second page.
	{ parameter: 'botId', node: 'Bot: Get', path: '/bots', search: `Bot ${PAGED_COUNT}`, entry: new RegExp(`^Bot ${PAGED_COUNT}$`) },
	{ parameter: 'chatId', node: 'Chat: Get', path: '/chats', search: `Chat ${PAGED_COUNT}.1`, entry: new RegExp(`^Chat ${PAGED_COUNT}\\.1$`) },
	// Threads are listed newest first: the first seeded one is on the second page.
	{ parameter: 'threadId', node: 'Thread: Get', path: '/threads', search: 'Thread 1.1.1', entry: /^Thread 1\.1\.1 · thr_\w+$/ },
];

async function itemCount(page: Page, parameter: string): Promise<number> {
	return page.locator(sel.locatorItem(parameter)).count();
}

async function entries(page: Page, parameter: string): Promise<string[]> {
	return (await page.locator(sel.locatorItem(parameter)).allInnerTexts()).map((t) => t.trim());
}

async function waitForItems(page: Page, parameter: string, atLeast: number, what: string): Promise<number> {
	await waitUntil(
		async () => (await itemCount(page, parameter)) >= atLeast,
		45_000,
		async () => `${what}: expected at least ${atLeast} entries, the dropdown shows ${await itemCount(page, parameter)}`,
	);
	return itemCount(page, parameter);
}

export async function checkLocators(ctx: E2EContext, editor: EditorSession, note: (t: string) => void): Promise<string> {
	const { page, fixture, errors } = await editor.canvas();
	const control = ctx.worken.sandbox.control;
	const summary: string[] = [];
	for (const c of CASES) {
		const mark = errors.mark();
		const logStart = control.requests().length;
		const listed = () =>
			control
				.requests()
				.slice(logStart)
				.filter((r) => r.projectId === fixture.projectId && r.method === 'GET' && r.path === c.path);
		await editor.openNode(page, c.node);
		await page.locator(`${sel.locator(c.parameter)} ${sel.locatorInput}`).click();
		const first = await waitForItems(page, c.parameter, 100, `${c.parameter}: first page`);
		if (c.parameter === 'botId') note(`screenshot ${await editor.screenshot(page, 'from-list-bots')}`);

		// Scrolling the list to its end makes n8n ask for the next page.
		await page.locator(sel.locatorItem(c.parameter)).last().scrollIntoViewIfNeeded();
		const all = await waitForItems(page, c.parameter, PAGED_COUNT, `${c.parameter}: after scrolling to the end`);
		const second = listed().filter((r) => Number(r.query.offset) >= 100);
		expect(second.length > 0, `${c.parameter}: no second page requested; the sandbox saw ${listed().map((r) => JSON.stringify(r.query)).join(', ')}`);
		expect(
			listed().every((r) => Number(r.query.limit) >= 1 && Number(r.query.limit) <= 100),
			`${c.parameter}: a page larger than 100 was asked for: ${listed().map((r) => JSON.stringify(r.query)).join(', ')}`,
		);

		// Searching for the last object, which is on the second page.
		const name = c.search;
		await page.locator(sel.locatorSearch(c.parameter)).first().fill(name);
		await waitUntil(
			async () => {
				const shown = await entries(page, c.parameter);
				return shown.length === 1 && c.entry.test(shown[0]);
			},
			45_000,
			async () => `${c.parameter}: searching "${name}" shows ${JSON.stringify((await entries(page, c.parameter)).slice(0, 5))}`,
		);
		await page.locator(sel.locatorItem(c.parameter)).first().click();
		await editor.closeNode(page);
		const seen = errors.since(mark);
		expect(seen.length === 0, `${c.parameter}: ${describeErrors(seen)}`);
		const offsets = listed().map((r) => `${String(r.query.offset)}/${String(r.query.limit)}`);
		note(`${c.parameter}: ${first} → ${all} entries; requests (offset/limit): ${offsets.join(', ')}`);
		summary.push(`${c.parameter} ${first}→${all}, "${name}" found`);
	}
	return summary.join('; ');
}
