/**
 * One headless Chromium for all editor checks of an n8n version: signed in once on n8n's sign-in page,
 * then kept on the checks' workflow. Opened by the first check that needs it and closed by the suite on
 * every path. Waits are on conditions in the page, with generous bounds for a busy machine.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_OWNER } from '../../../scripts/n8n/api';
import { CACHE_DIR } from '../../../scripts/n8n/paths';
import type { E2EContext } from '../context';
import { launchChromium } from './chromium';
import { EditorFixture, prepareEditorFixture } from './fixture';
import { PageErrors } from './page-errors';
import { sel } from './selectors';

/** Loading the editor (several MB of scripts and the node types) on a busy 2-core machine. */
export const LOAD_TIMEOUT = 120_000;
/** A panel, a dropdown or a request the editor makes on a click. */
export const UI_TIMEOUT = 45_000;

export class EditorSession {
	private browser?: Browser;
	private page?: Page;
	private fixture?: EditorFixture;
	errors?: PageErrors;
	readonly screenshotDir: string;

	constructor(private readonly ctx: E2EContext) {
		this.screenshotDir = path.join(CACHE_DIR, 'screenshots', ctx.version);
	}

	/** The checks' workflow, open on the canvas (launching Chromium and signing in the first time). */
	async canvas(): Promise<{ page: Page; fixture: EditorFixture; errors: PageErrors }> {
		this.fixture ??= await prepareEditorFixture(this.ctx);
		if (!this.page) {
			this.browser = await launchChromium();
			const context = await this.browser.newContext({ viewport: { width: 1440, height: 900 } });
			context.setDefaultTimeout(UI_TIMEOUT);
			this.page = await context.newPage();
			this.errors = new PageErrors(this.page, this.ctx.session.n8n.url);
			await this.signIn(this.page, `/workflow/${this.fixture.workflowId}`);
		}
		const page = this.page;
		// A check that failed half-way may leave a panel open: back to the bare canvas.
		for (let i = 0; i < 3 && (await page.locator(`${sel.ndv}:visible, ${sel.credentialModal}:visible`).count()) > 0; i++) {
			await page.keyboard.press('Escape');
			await page.waitForTimeout(300);
		}
		return { page, fixture: this.fixture, errors: this.errors! };
	}

	/** n8n's sign-in page with the owner of the run, straight on to `target` (n8n's `redirect` parameter). */
	private async signIn(page: Page, target: string): Promise<void> {
		const url = this.ctx.session.n8n.url;
		await page.goto(`${url}/signin?redirect=${encodeURIComponent(target)}`, { timeout: LOAD_TIMEOUT });
		await page.locator(sel.signinEmail).fill(DEFAULT_OWNER.email, { timeout: LOAD_TIMEOUT });
		await page.locator(sel.signinPassword).fill(DEFAULT_OWNER.password);
		await page.locator(sel.signinSubmit).click();
		await page.locator(sel.anyCanvasNode).first().waitFor({ timeout: LOAD_TIMEOUT });
	}

	/** Double-click a node's box on the canvas and wait for its panel with the parameters. */
	async openNode(page: Page, name: string): Promise<void> {
		await page.locator(sel.canvasNode(name)).dblclick();
		await page.locator(sel.ndv).waitFor({ state: 'visible' });
		await page.locator(`${sel.ndv} ${sel.ndvParameters}`).waitFor({ state: 'visible' });
	}

	async closeNode(page: Page): Promise<void> {
		// An Escape meant for a modal that had just closed by itself may already have closed the panel.
		if (await page.locator(sel.ndv).isVisible()) await page.locator(sel.closeNdv).first().click();
		await page.locator(sel.ndv).waitFor({ state: 'hidden' });
	}

	async screenshot(page: Page, name: string): Promise<string> {
		fs.mkdirSync(this.screenshotDir, { recursive: true });
		const file = path.join(this.screenshotDir, `${name}.png`);
		await page.screenshot({ path: file });
		return path.relative(process.cwd(), file);
	}

	async close(): Promise<void> {
		const browser = this.browser;
		this.browser = undefined;
		this.page = undefined;
		if (browser) await browser.close().catch(() => undefined);
	}
}

/** Poll a condition in the page until it holds; on timeout, fail with what was last seen. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, seen: () => Promise<string>): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`gave up after ${Math.round(timeoutMs / 1000)} s: ${await seen()}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
