/**
 * Execute step on a Worken node: the output panel shows what the sandbox holds (Bot → Get Many, limit 5).
 */
import { workenApi } from '../../../scripts/n8n/worken-sandbox';
import { expect } from '../harness';
import type { E2EContext } from '../context';
import type { EditorSession } from './editor';
import { describeErrors } from './page-errors';
import { sel } from './selectors';

export async function checkExecuteStep(ctx: E2EContext, editor: EditorSession, note: (t: string) => void): Promise<string> {
	const { page, fixture, errors } = await editor.canvas();
	const bots = await workenApi<Array<{ id: string; name: string }>>(ctx.worken.sandbox.url, fixture.key, 'GET', '/bots?limit=5');
	const mark = errors.mark();
	await editor.openNode(page, fixture.executeNode);
	await page.locator(`${sel.ndv} ${sel.executeStep}`).click();
	const output = page.locator(`${sel.ndv} ${sel.outputPanel}`);
	await output.locator(sel.outputSuccess).waitFor({ timeout: 60_000 });
	await output.getByText(bots[4].id).first().waitFor();
	const text = await output.innerText();
	note(`screenshot ${await editor.screenshot(page, 'execute-step-output')}`);
	const missing = bots.filter((b) => !text.includes(b.id) || !text.includes(b.name));
	expect(missing.length === 0, `the output panel lacks ${missing.map((b) => `${b.name} (${b.id})`).join(', ')}: ${text.slice(0, 400)}`);
	expect(/\b5 items\b/.test(text), `the output panel does not say "5 items": ${text.slice(0, 200)}`);
	await editor.closeNode(page);
	const seen = errors.since(mark);
	expect(seen.length === 0, describeErrors(seen));
	return `output panel: 5 items, ${bots.map((b) => b.name).join(', ')} with their sandbox ids`;
}
