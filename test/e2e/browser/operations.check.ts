/**
 * Every resource/operation of the Worken node opens in the node panel, showing that resource and
 * operation, without a console error or an uncaught page error.
 */
import type { Page } from 'playwright-core';
import { expect } from '../harness';
import type { EditorSession } from './editor';
import { describeErrors } from './page-errors';
import { sel } from './selectors';

/** The text an n8n dropdown parameter shows (an <input> in n8n 1.x and 2.x alike). */
export async function shownValue(page: Page, parameter: string): Promise<string> {
	return page.locator(`${sel.ndv} ${sel.parameterInput(parameter)} input`).first().inputValue();
}

export async function checkEveryOperationOpens(editor: EditorSession, note: (t: string) => void): Promise<string> {
	const { page, fixture, errors } = await editor.canvas();
	const failures: string[] = [];
	const t0 = Date.now();
	for (const op of fixture.operations) {
		const mark = errors.mark();
		await editor.openNode(page, op.node);
		const shown = [await shownValue(page, 'resource'), await shownValue(page, 'operation')];
		if (shown[0] !== op.resourceName || shown[1] !== op.operationName) {
			failures.push(`${op.node}: the panel shows ${shown.join(' / ')}`);
		}
		await editor.closeNode(page);
		const seen = errors.since(mark);
		if (seen.length > 0) failures.push(`${op.node}: ${describeErrors(seen)}`);
	}
	note(`${fixture.operations.length} panels opened in ${Math.round((Date.now() - t0) / 1000)} s`);
	expect(failures.length === 0, failures.join('\n'));
	return `${fixture.operations.length} resource/operation panels opened, each showing its resource and operation, no console or page error`;
}
