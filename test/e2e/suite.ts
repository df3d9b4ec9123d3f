/**
 * The whole real-n8n suite for one n8n version: start the sandbox and n8n (pack installed as the community
 * panel does), then run every check in order. Later checks need the credential made by the first one, so a
 * failure there marks them as not run instead of letting them fail with confusing errors.
 */
import { openSession, N8nSession } from '../../scripts/n8n/session';
import { startSeededSandbox, DemoProject } from '../../scripts/n8n/worken-sandbox';
import { majorOf } from '../../scripts/n8n/versions';
import { log } from '../../scripts/n8n/log';
import { CheckRunner, CheckResult } from './harness';
import type { E2EContext } from './context';
import { checkNodeTypes } from './node-types.check';
import { checkCredentialMalformed, checkCredentialOk, checkCredentialRevoked } from './credentials.check';
import { exampleChecks } from './examples.check';
import { checkTrigger } from './trigger.check';
import { aiAgentChecks } from './ai/agent.check';
import { mcpChecks } from './ai/mcp.check';
import { editorChecks } from './browser';

export interface SuiteOptions {
	version: string;
	skipBuild?: boolean;
	/** Run only checks whose name contains this (debugging). */
	only?: string;
}

export async function runSuite(opts: SuiteOptions): Promise<CheckResult[]> {
	const runner = new CheckRunner(opts.version);
	let worken: DemoProject | undefined;
	let session: N8nSession | undefined;
	let closeEditor: (() => Promise<void>) | undefined;
	try {
		worken = await startSeededSandbox();
		log(`Worken sandbox on ${worken.sandbox.url} (project ${worken.projectId}, key ${worken.key})`);
		const started = await runner.check('n8n installs, loads the pack from .n8n/nodes and starts', async () => {
			session = await openSession({ version: opts.version, skipBuild: opts.skipBuild });
			return `ready at ${session.n8n.url}, owner set up, public-API key created`;
		});
		if (!started || !session) return runner.results;
		const ctx: E2EContext = { version: opts.version, major: majorOf(opts.version), session, worken };
		const want = (name: string): boolean => !opts.only || name.includes(opts.only);
		const editor = editorChecks(ctx);
		closeEditor = editor.close;

		const checks: Array<[string, (note: (t: string) => void) => Promise<string>]> = [
			['node types worken, workenTrigger and workenTool are listed', (n) => checkNodeTypes(ctx, n)],
			['credential test passes with the demo key', (n) => checkCredentialOk(ctx, n)],
			['credential test fails clearly for a revoked key', (n) => checkCredentialRevoked(ctx, n)],
			['credential test fails clearly for a malformed key', (n) => checkCredentialMalformed(ctx, n)],
			...exampleChecks(ctx),
			['active Worken Trigger fires once per change, not again, and not after a restart', (n) => checkTrigger(ctx, n)],
			...aiAgentChecks(ctx),
			...mcpChecks(ctx),
			// Last: the browser works on the n8n the trigger check restarted, and its extra sandbox project
			// and credential change nothing the checks above count.
			...editor.checks,
		];
		for (const [name, fn] of checks) {
			if (!want(name) && !name.startsWith('credential test passes')) continue;
			const needsCred = !/^(node types|credential test passes|every example)/.test(name);
			if (!ctx.cred && needsCred) {
				runner.skipAsFailed(name, 'no working Worken credential');
				continue;
			}
			await runner.check(name, fn);
		}
	} finally {
		if (closeEditor) await closeEditor().catch((e: unknown) => log(`closing the browser failed: ${String(e)}`));
		if (session) await session.stop().catch((e: unknown) => log(`stopping n8n failed: ${String(e)}`));
		if (worken) await worken.sandbox.close().catch(() => undefined);
	}
	return runner.results;
}
