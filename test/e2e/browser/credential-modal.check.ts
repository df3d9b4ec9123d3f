/**
 * The credential modal, as a user fills it in from a node: a malformed key is saved, tested and refused
 * with the pack's own message; the project's key then says the connection works.
 */
import type { Page } from 'playwright-core';
import { expect } from '../harness';
import type { E2EContext } from '../context';
import { EditorSession, UI_TIMEOUT, waitUntil } from './editor';
import { describeErrors } from './page-errors';
import { sel } from './selectors';

/** The pack's messages for a key that is not a Worken key (credential's preAuthentication) or is refused. */
const PACK_KEY_MESSAGE = /This API Key is not a Worken key|Worken rejected this API key/;
const CONNECTION_OK = /Connection tested successfully/i;

async function fill(page: Page, parameter: string, value: string): Promise<void> {
	await page.locator(`${sel.credentialModal} ${sel.parameterInput(parameter)} input`).first().fill(value);
}

/**
 * The modal's text now, without waiting for it: n8n 2.x closes the modal right after a successful test,
 * so a read that waits for the modal could wait for one that is gone for good.
 */
async function modalText(page: Page): Promise<string> {
	return (await page.locator(sel.credentialModal).allInnerTexts()).join(' ').replace(/\s+/g, ' ');
}

export async function checkCredentialModal(ctx: E2EContext, editor: EditorSession, note: (t: string) => void): Promise<string> {
	const { page, fixture, errors } = await editor.canvas();
	const mark = errors.mark();
	await editor.openNode(page, fixture.credentialNode);
	await page.locator(`${sel.ndv} ${sel.credentialSelect}`).click();
	await page.getByText('Create new credential').first().click();
	const modal = page.locator(sel.credentialModal);
	await modal.waitFor({ state: 'visible' });

	await fill(page, 'apiKey', 'not-a-worken-key');
	await fill(page, 'baseUrl', ctx.worken.sandbox.url);
	await modal.locator(sel.credentialSave).click();
	// n8n shows "Couldn't connect with these settings" and the test's message behind "More details".
	await modal.getByText('More details').click();
	await modal.getByText(PACK_KEY_MESSAGE).first().waitFor();
	const refused = await modalText(page);
	expect(PACK_KEY_MESSAGE.test(refused), `the modal shows the pack's message: ${refused.slice(0, 300)}`);
	note(`malformed key: ${refused.match(/Couldn.t connect[^.]*\.?[^.]*\.[^.]*\./)?.[0] ?? refused.slice(0, 300)}`);
	note(`screenshot ${await editor.screenshot(page, 'credential-malformed-key')}`);

	await fill(page, 'apiKey', fixture.key);
	await modal.locator(sel.credentialSave).click();
	// 1.x keeps the modal open and shows "Connection tested successfully"; 2.x renders the same banner and
	// closes the modal right after a successful test.
	await modal.getByText(CONNECTION_OK).first().waitFor({ state: 'attached' });
	// A modal that closes between the two reads leaves no text, and the next round sees it hidden.
	await waitUntil(
		async () => !(await modal.isVisible()) || !PACK_KEY_MESSAGE.test(await modalText(page)),
		UI_TIMEOUT,
		async () => `the key error is still shown after saving a good key: ${await modalText(page)}`,
	);
	if (await modal.isVisible()) {
		note(`screenshot ${await editor.screenshot(page, 'credential-ok')}`);
		await page.keyboard.press('Escape');
	}
	await modal.waitFor({ state: 'hidden' });
	await editor.closeNode(page);
	const seen = errors.since(mark);
	expect(seen.length === 0, describeErrors(seen));
	return `malformed key → the pack's message "${refused.match(PACK_KEY_MESSAGE)?.[0]}…"; project key → "Connection tested successfully"`;
}
