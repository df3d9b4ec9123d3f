/**
 * The editor checks, in a real headless Chromium against the suite's running n8n: one browser for all of
 * them, closed by the suite (`close`) whatever happened.
 */
import type { E2EContext } from '../context';
import { checkCredentialModal } from './credential-modal.check';
import { EditorSession } from './editor';
import { checkExecuteStep } from './execute.check';
import { checkLocators } from './locators.check';
import { checkNodesPanel } from './nodes-panel.check';
import { checkEveryOperationOpens } from './operations.check';

type Check = [string, (note: (t: string) => void) => Promise<string>];

export function editorChecks(ctx: E2EContext): { checks: Check[]; close: () => Promise<void> } {
	const editor = new EditorSession(ctx);
	return {
		checks: [
			['editor: nodes panel finds Worken and Worken Trigger by name and alias', (n) => checkNodesPanel(editor, n)],
			['editor: every resource/operation opens in the node panel without a console error', (n) => checkEveryOperationOpens(editor, n)],
			['editor: From List for bot, chat and thread loads, searches and loads more on scroll', (n) => checkLocators(ctx, editor, n)],
			['editor: credential modal refuses a malformed key with the pack\'s message, accepts a good one', (n) => checkCredentialModal(ctx, editor, n)],
			['editor: Execute step shows the sandbox\'s data in the output panel', (n) => checkExecuteStep(ctx, editor, n)],
		],
		close: () => editor.close(),
	};
}
