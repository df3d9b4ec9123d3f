/**
 * Upgrading n8n from the newest 1.x to 2.x under an active Worken Trigger, on the same database (SQLite in
 * the user folder, or Postgres 17) and the same user folder (the pack stays in its nodes folder):
 *
 *   1. n8n 1.x runs the trigger (examples/watch-threads.json, polled every minute); changes are made and
 *      emitted; one more change is made after 1.x's last poll;
 *   2. 1.x stops; changes are made while no n8n runs;
 *   3. n8n 2.x starts on the same database (it migrates it on start) and must find the workflow still
 *      active (published) with the trigger's place in its static data; changes are made after.
 *
 * Every change must be emitted exactly once by eventId over all executions (1.x's and 2.x's), and nothing
 * else: an unreadable or lost state would either flood (the threads that existed before) or lose the
 * changes made around the upgrade.
 */
import { N8N_V1, N8N_V2 } from '../../scripts/n8n/versions';
import { openSession, N8nSession } from '../../scripts/n8n/session';
import { sleep } from '../../scripts/n8n/process';
import type { Sandbox } from '../../sandbox';
import { expect } from '../e2e/harness';
import { expectExactlyOnce, waitForEmitted } from './ledger';
import { startUpgradeDatabase, UpgradeDatabase } from './database';
import { POLL_WAIT_MS, startWatching, summarise, triggerState, watchedProject, workflowState } from './watch';

export type DbKind = 'sqlite' | 'postgres';

export async function checkN8nUpgrade(sandbox: Sandbox, db: DbKind, note: (t: string) => void): Promise<string> {
	const runName = `upgrade-n8n-${db}-${Date.now()}`;
	let database: UpgradeDatabase | undefined;
	let session: N8nSession | undefined;
	try {
		database = await startUpgradeDatabase(db, runName);
		// The suite built and packed this build already (buildAndPack runs once per process).
		session = await openSession({ version: N8N_V1, runName, extraEnv: database.env, skipBuild: true });
		const watched = await watchedProject(sandbox, session.client, `n8n upgrade, ${db}`);
		const { ledger } = watched;
		const workflowId = await startWatching(session.client, watched, `Upgrade ${db}: watch threads`);

		// 1. n8n 1.x
		const early = await ledger.newThread(`Before the upgrade (${db})`);
		ledger.newMessage(ledger.seededThread(0), 'Before the upgrade, in a thread that existed already');
		expectExactlyOnce(await waitForEmitted(session.client, workflowId, ledger, POLL_WAIT_MS), `on n8n ${N8N_V1}`);
		note(`n8n ${N8N_V1}: ${ledger.changes.length} changes emitted once; trigger state ${summarise(await triggerState(session.client, workflowId))}`);
		ledger.newMessage(early, 'After the last poll of n8n 1.x');
		await session.stop();
		session = undefined;

		// 2. no n8n running
		const whileDown = await ledger.newThread('While no n8n ran');
		ledger.newMessage(whileDown, 'While no n8n ran, in a thread created meanwhile');
		ledger.newMessage(ledger.seededThread(1), 'While no n8n ran, in a thread that existed already');

		// 3. n8n 2.x on the same database and user folder
		const t0 = Date.now();
		session = await openSession({ version: N8N_V2, runName, keepUserFolder: true, extraEnv: database.env, skipBuild: true });
		const migrations = (session.n8n.output().match(/Finished migration \w+/g) ?? []).length;
		note(`n8n ${N8N_V2} started on the ${db} database of ${N8N_V1} in ${Math.round((Date.now() - t0) / 1000)} s, running ${migrations} migrations`);
		const wf = await workflowState(session.client, workflowId);
		expect(wf.active && wf.activeVersionId, `after the upgrade the workflow is not active/published: active ${String(wf.active)}, activeVersionId ${String(wf.activeVersionId)}`);
		note(`after the upgrade: active, published version ${String(wf.activeVersionId)}; trigger state ${summarise(await triggerState(session.client, workflowId))}`);
		expectExactlyOnce(await waitForEmitted(session.client, workflowId, ledger, POLL_WAIT_MS), `first poll of n8n ${N8N_V2}`);

		ledger.newMessage(early, 'After the upgrade');
		await ledger.newThread('After the upgrade');
		await waitForEmitted(session.client, workflowId, ledger, POLL_WAIT_MS);
		// One more poll without a change: nothing may come again.
		await sleep(65_000);
		expectExactlyOnce(await waitForEmitted(session.client, workflowId, ledger, 0), `after the upgrade (n8n ${N8N_V2})`);
		return `${ledger.changes.length} changes (before, after 1.x's last poll, while down, after) each emitted once across ${N8N_V1} → ${N8N_V2} on ${db}; no old thread emitted`;
	} finally {
		if (session) await session.stop().catch(() => undefined);
		if (database) await database.stop();
	}
}
