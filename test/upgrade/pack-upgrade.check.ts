/**
 * Upgrading the pack itself: n8n runs an earlier build of the pack (scripts/n8n/earlier-pack.ts), with
 * workflows saved under it (examples as that commit had them, run through a webhook entry) and an active
 * Worken Trigger. Then n8n stops, the package in its nodes folder is replaced by this build the way the
 * community panel installs it, and n8n starts again:
 *
 * - every saved workflow runs unchanged (same workflow, same nodes run, same number of items each);
 * - the trigger keeps its place: the changes made before, while the package was swapped, and after are
 *   each emitted exactly once by eventId, and no thread that existed before is emitted.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { buildAndPack, installLikeCommunityPanel, nodesDir } from '../../scripts/n8n/community-package';
import { earlierExample, ensureEarlierPack, EARLIER_PACK_COMMIT } from '../../scripts/n8n/earlier-pack';
import { openSession, N8nSession } from '../../scripts/n8n/session';
import { sleep } from '../../scripts/n8n/process';
import type { ExampleRun } from '../../scripts/n8n/run-example';
import { runExample, runWebhookEntry } from '../../scripts/n8n/run-example';
import type { Sandbox } from '../../sandbox';
import { expect, expectEqual } from '../e2e/harness';
import { expectExactlyOnce, waitForEmitted } from './ledger';
import { POLL_WAIT_MS, startWatching, summarise, triggerState, watchedProject, workflowState } from './watch';

/** The examples of the earlier commit that run on demand ("Run now"), without ids to fill in. */
const SAVED_EXAMPLES = ['support-conversation-tour.json', 'bot-admin-tour.json', 'integrations-tour.json', 'nightly-usage-report.json'];

/** A fingerprint of the installed trigger, to prove the swap really changed the code n8n loads. */
function installedTrigger(userFolder: string): string {
	const file = path.join(nodesDir(userFolder), 'node_modules', 'n8n-nodes-worken', 'dist', 'nodes', 'WorkenTrigger', 'poll.js');
	return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 12);
}

/** Which nodes ran and how many items each gave: what "runs unchanged" compares. */
function shape(run: ExampleRun): Record<string, number> {
	const runData = run.execution.data?.resultData.runData ?? {};
	return Object.fromEntries(Object.keys(runData).sort().map((name) => [name, run.items(name).length]));
}

export async function checkPackUpgrade(sandbox: Sandbox, version: string, note: (t: string) => void): Promise<string> {
	const earlier = await ensureEarlierPack();
	const current = await buildAndPack({ skipBuild: true });
	let session: N8nSession | undefined;
	try {
		session = await openSession({ version, runName: `upgrade-pack-${version}-${Date.now()}`, pack: earlier });
		const userFolder = session.env.userFolder;
		const before = installedTrigger(userFolder);

		// Workflows saved and run under the earlier build, in a project of their own.
		const actions = await watchedProject(sandbox, session.client, 'pack upgrade, saved workflows');
		const ctx = { session, cred: actions.cred };
		const saved: Array<{ file: string; run: ExampleRun }> = [];
		for (const file of SAVED_EXAMPLES) {
			saved.push({ file, run: await runExample(ctx, file, { entry: 'Run now', workflow: earlierExample(file), keepActive: true }) });
		}

		const watched = await watchedProject(sandbox, session.client, 'pack upgrade, trigger');
		const { ledger } = watched;
		const workflowId = await startWatching(session.client, watched, 'Pack upgrade: watch threads');
		const early = await ledger.newThread('Before the pack upgrade');
		ledger.newMessage(ledger.seededThread(0), 'Before the pack upgrade, in a thread that existed already');
		expectExactlyOnce(await waitForEmitted(session.client, workflowId, ledger, POLL_WAIT_MS), `with the earlier build (${EARLIER_PACK_COMMIT.slice(0, 7)})`);
		const stateBefore = await triggerState(session.client, workflowId);
		ledger.newMessage(early, 'After the last poll of the earlier build');

		// The swap: stop n8n, install this build over the earlier one as the community panel does, start.
		await session.n8n.stop();
		const whileDown = await ledger.newThread('While the package was swapped');
		ledger.newMessage(ledger.seededThread(1), 'While the package was swapped, in a thread that existed already');
		await installLikeCommunityPanel(session.rt, userFolder, current);
		await session.restart();
		const after = installedTrigger(userFolder);
		expect(after !== before, `the swap changed nothing: the trigger's poll.js is ${before} in both builds`);
		note(`trigger code ${before} (earlier build ${EARLIER_PACK_COMMIT.slice(0, 7)}) → ${after} (this build); state kept: ${summarise(stateBefore)}`);
		expect((await workflowState(session.client, workflowId)).active, 'the trigger workflow is no longer active after the swap');

		for (const { file, run } of saved) {
			const again = await runWebhookEntry(session, run.workflowId, file, run.path);
			expectEqual(shape(again), shape(run), `${file} run with this build (nodes run and items each) vs the earlier build`);
		}
		note(`${saved.length} workflows saved with the earlier build ran unchanged with this build: ${SAVED_EXAMPLES.join(', ')}`);

		expectExactlyOnce(await waitForEmitted(session.client, workflowId, ledger, POLL_WAIT_MS), 'first poll of this build');
		ledger.newMessage(whileDown, 'After the pack upgrade');
		await waitForEmitted(session.client, workflowId, ledger, POLL_WAIT_MS);
		await sleep(65_000);
		expectExactlyOnce(await waitForEmitted(session.client, workflowId, ledger, 0), 'after the pack upgrade');
		return `${saved.length} saved workflows ran unchanged; ${ledger.changes.length} changes (before, during and after the swap) each emitted once, no old thread`;
	} finally {
		if (session) await session.stop().catch(() => undefined);
	}
}
