/**
 * The smoke run for one n8n version: the pack installed the way that version's community panel installs
 * it (or by hand), then the core a user relies on, and the newer features where the version has them.
 */
import { openSession, N8nSession } from '../../scripts/n8n/session';
import type { PackInstallMode } from '../../scripts/n8n/community-package';
import { startSeededSandbox, DemoProject } from '../../scripts/n8n/worken-sandbox';
import { majorOf } from '../../scripts/n8n/versions';
import { log } from '../../scripts/n8n/log';
import { CheckRunner, CheckResult } from '../e2e/harness';
import type { E2EContext } from '../e2e/context';
import { checkCredentialOk, checkCredentialRevoked } from '../e2e/credentials.check';
import { exampleChecks } from '../e2e/examples.check';
import { aiAgentChecks } from '../e2e/ai/agent.check';
import { checkErrorMessage, checkPackNodeTypes, checkTriggerFirstEvent } from './checks';
import { featuresOf } from './features';

type Check = [string, (note: (t: string) => void) => Promise<string>];

/** One example check of the e2e suite, by the start of its name. */
function exampleCheck(ctx: E2EContext, prefix: string): Check {
	const found = exampleChecks(ctx).find(([name]) => name.startsWith(prefix));
	if (!found) throw new Error(`no e2e example check starts with "${prefix}"`);
	return found;
}

export async function runCompatSmoke(version: string, install: PackInstallMode, skipBuild: boolean): Promise<CheckResult[]> {
	const label = install === 'manual' ? `${version}, installed by hand` : version;
	const runner = new CheckRunner(label);
	const features = featuresOf(version);
	let worken: DemoProject | undefined;
	let session: N8nSession | undefined;
	try {
		worken = await startSeededSandbox();
		const how = install === 'manual' ? 'npm install in .n8n/nodes' : "this version's community panel steps";
		const started = await runner.check(`n8n installs, the pack installs (${how}) and n8n starts`, async () => {
			session = await openSession({ version, skipBuild, install, runName: `compat-${version}-${install}-${Date.now()}` });
			return `ready at ${session.n8n.url}`;
		});
		if (!started || !session) return runner.results;
		const ctx: E2EContext = { version, major: majorOf(version), session, worken };
		const checks: Check[] = [
			['the pack loads: Worken node and trigger listed (and the tool variant where n8n has it)', (n) => checkPackNodeTypes(ctx, features, n)],
			['credential test passes with the demo key', (n) => checkCredentialOk(ctx, n)],
			['credential test fails clearly for a revoked key', (n) => checkCredentialRevoked(ctx, n)],
			exampleCheck(ctx, 'example support-conversation-tour'),
			exampleCheck(ctx, 'example bot-admin-tour'),
			['a call Worken refuses fails the run with the pack\'s message', (n) => checkErrorMessage(ctx, n)],
			['active Worken Trigger: the first event arrives once', (n) => checkTriggerFirstEvent(ctx, n)],
			...(features.liveStreaming ? [exampleCheck(ctx, 'example chat-with-your-bot')] : []),
			...(features.agentExample ? aiAgentChecks(ctx).slice(0, 1) : []),
		];
		for (const [name, fn] of checks) {
			if (!ctx.cred && !/^(the pack loads|credential test passes)/.test(name)) {
				runner.skipAsFailed(name, 'no working Worken credential');
				continue;
			}
			await runner.check(name, fn);
		}
	} finally {
		if (session) await session.stop().catch((e: unknown) => log(`stopping n8n failed: ${String(e)}`));
		if (worken) await worken.sandbox.close().catch(() => undefined);
	}
	return runner.results;
}
