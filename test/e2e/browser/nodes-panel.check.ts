/**
 * The nodes panel finds the pack by name and by the aliases of its codex files and adds the Worken
 * Trigger to the canvas; n8n serves both codex files (aliases, documentation links) to the editor.
 */
import type { Page } from 'playwright-core';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../../scripts/n8n/paths';
import { expect } from '../harness';
import type { EditorSession } from './editor';
import { TRIGGER_TYPE, WORKEN_TYPE } from './fixture';
import { describeErrors } from './page-errors';
import { sel } from './selectors';

interface Codex {
	alias: string[];
	resources: { primaryDocumentation: Array<{ url: string }> };
}

function codex(file: string): Codex {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'nodes', file), 'utf8')) as Codex;
}

async function search(page: Page, text: string): Promise<string[]> {
	const box = page.locator(sel.nodeCreatorSearch);
	if (!(await box.isVisible())) await page.locator(sel.openNodeCreator).click();
	await box.fill(text);
	// The list re-renders on every keystroke; wait until it shows the app item (or give up and report).
	await page
		.locator(sel.nodeCreatorItemName)
		.filter({ hasText: /^Worken$/ })
		.first()
		.waitFor({ timeout: 20_000 })
		.catch(() => undefined);
	return page.locator(sel.nodeCreatorItemName).allInnerTexts();
}

interface NodeTypeCodex {
	name: string;
	codex?: { alias?: string[]; categories?: string[]; resources?: { primaryDocumentation?: Array<{ url: string }> } };
}

/**
 * What n8n made of the codex files, from the node types the editor itself loads (the panel's own "Docs"
 * link goes to the npm page of a community package, so the codex's documentation links are read here).
 */
async function loadedCodex(page: Page, type: string): Promise<NodeTypeCodex['codex']> {
	return page.evaluate(async (name) => {
		const res = await fetch('/types/nodes.json', { credentials: 'include' });
		const types = (await res.json()) as NodeTypeCodex[];
		return types.find((t) => t.name === name)?.codex;
	}, type);
}

async function nodeTypesOnCanvas(page: Page): Promise<string[]> {
	return page.locator(sel.anyCanvasNode).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-type') ?? ''));
}

export async function checkNodesPanel(editor: EditorSession, note: (t: string) => void): Promise<string> {
	const { page, errors } = await editor.canvas();
	const mark = errors.mark();
	const action = codex('Worken/Worken.node.json');
	const trigger = codex('WorkenTrigger/WorkenTrigger.node.json');
	const found: string[] = [];
	// n8n shows one "Worken" entry for both nodes of the pack (the app), with the trigger's events and the actions inside.
	for (const text of ['Worken', 'Worken Trigger', action.alias[0], 'support bot', 'helpdesk', trigger.alias.includes('live chat') ? 'live chat' : trigger.alias[0]]) {
		const items = await search(page, text);
		expect(items.includes('Worken'), `searching "${text}" in the nodes panel shows ${JSON.stringify(items)}, not Worken`);
		found.push(text);
	}
	note(`"Worken" listed for: ${found.map((t) => `"${t}"`).join(', ')}`);
	note(`screenshot ${await editor.screenshot(page, 'nodes-panel-search')}`);

	// Inside the app: the codex's docs link, the trigger's events and the actions.
	await search(page, 'Worken Trigger');
	await page.locator(sel.nodeCreatorItemName).filter({ hasText: /^Worken$/ }).first().click();
	const onNewThread = page.locator(sel.nodeCreatorItemName).filter({ hasText: /^On new thread$/ });
	await onNewThread.first().waitFor();
	const before = await nodeTypesOnCanvas(page);
	await onNewThread.first().click();
	await page.locator(sel.ndv).waitFor({ state: 'visible' });
	await editor.closeNode(page);
	const after = await nodeTypesOnCanvas(page);
	expect(
		after.filter((t) => t === TRIGGER_TYPE).length === before.filter((t) => t === TRIGGER_TYPE).length + 1,
		`"On new thread" did not add a Worken Trigger (canvas: ${after.filter((t) => t.startsWith('n8n-nodes-worken')).length} pack nodes)`,
	);
	note(`"On new thread" added a ${TRIGGER_TYPE} node`);
	for (const [type, file] of [
		[WORKEN_TYPE, action],
		[TRIGGER_TYPE, trigger],
	] as const) {
		const loaded = await loadedCodex(page, type);
		expect(
			JSON.stringify(loaded?.resources?.primaryDocumentation) === JSON.stringify(file.resources.primaryDocumentation) &&
				JSON.stringify(loaded?.alias) === JSON.stringify(file.alias),
			`n8n did not load the codex of ${type}: ${JSON.stringify(loaded)}`,
		);
	}

	const seen = errors.since(mark);
	expect(seen.length === 0, describeErrors(seen));
	expect(after.includes(WORKEN_TYPE), 'no Worken node on the canvas');
	return `found by name (Worken, Worken Trigger) and by alias (${found.slice(2).join(', ')}); the trigger is added from the panel; n8n loaded both codex files (aliases, docs links)`;
}
