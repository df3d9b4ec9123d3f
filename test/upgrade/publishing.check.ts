/**
 * n8n 2.x's workflow publishing and the trigger's place (static data). Four workflows, each watching its
 * own Worken project, run side by side on one n8n 2.x (SQLite); each case makes a change before, one in
 * the middle of the operation and one after, then compares what its workflow emitted by eventId:
 *
 * - republish: the workflow is edited (saved as a draft, `PUT …?publishIfActive=false`) and the draft
 *   published (`POST /publish`); n8n removes the trigger and adds the new version, which reads the
 *   static data from the database: the place is kept, every change once;
 * - deactivate and reactivate (`/unpublish`, `/publish`): the static data stays with the workflow, so
 *   the change made while it was inactive comes once on reactivation;
 * - `n8n import:workflow` of a file exported earlier with `n8n export:workflow`, same id, while n8n runs:
 *   the import writes the file's static data back, so the trigger may return to the place it had at the
 *   export and emit the changes since then again (measured: in 1 of 3 runs; repeats are dropped by Remove
 *   Duplicates on `eventId`); nothing is lost and nothing older comes;
 * - the same file imported as a new workflow (other id): the copy starts from the place stored in the
 *   file, so it emits the changes made since the export (which the original emitted too).
 *
 * No case may emit a thread that existed before (a flood). What each case measured is in the notes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { N8N_V2 } from '../../scripts/n8n/versions';
import { openSession, N8nSession } from '../../scripts/n8n/session';
import { n8nCli, sleep } from '../../scripts/n8n/process';
import type { Sandbox } from '../../sandbox';
import { expect } from '../e2e/harness';
import type { ChangeLedger, Comparison } from './ledger';
import { compare, describe, emittedEventIds, expectExactlyOnce, waitForEmitted } from './ledger';
import { POLL_WAIT_MS, startWatching, summarise, triggerState, watchedProject, WatchedProject, workflowState } from './watch';

type Note = (t: string) => void;

interface CaseContext {
	session: N8nSession;
	sandbox: Sandbox;
	note: Note;
}

interface Watching {
	watched: WatchedProject;
	ledger: ChangeLedger;
	workflowId: string;
}

async function watching(ctx: CaseContext, name: string): Promise<Watching> {
	const watched = await watchedProject(ctx.sandbox, ctx.session.client, name);
	const workflowId = await startWatching(ctx.session.client, watched, `Publishing: ${name}`);
	return { watched, ledger: watched.ledger, workflowId };
}

/** A first change, emitted, so that each case starts from a place that has moved at least once. */
async function firstChange(ctx: CaseContext, w: Watching, name: string): Promise<string> {
	const thread = await w.ledger.newThread(`${name}: before`);
	expectExactlyOnce(await waitForEmitted(ctx.session.client, w.workflowId, w.ledger, POLL_WAIT_MS), `${name}, before`);
	return thread;
}

async function publish(ctx: CaseContext, workflowId: string): Promise<void> {
	await ctx.session.client.api('POST', `/workflows/${workflowId}/publish`, {});
}

async function republish(ctx: CaseContext, note: Note): Promise<Comparison> {
	const { client } = ctx.session;
	const w = await watching(ctx, 'republish');
	const thread = await firstChange(ctx, w, 'republish');
	const wf = await client.api<{ name: string; nodes: Array<{ name: string }>; connections: Record<string, unknown>; settings: unknown }>('GET', `/workflows/${w.workflowId}`);
	// An edit of a node after the trigger, saved as a draft: the published version keeps running meanwhile.
	const nodes = wf.nodes.map((n) => (n.name === 'Do something' ? { ...n, notes: 'edited after publishing' } : n));
	await client.api('PUT', `/workflows/${w.workflowId}?publishIfActive=false`, { name: wf.name, nodes, connections: wf.connections, settings: { executionOrder: 'v1' } });
	w.ledger.newMessage(thread, 'republish: between the edit and the publish');
	const draft = await workflowState(client, w.workflowId);
	expect(draft.versionId !== draft.activeVersionId, 'the edit was published at once (expected a draft)');
	await publish(ctx, w.workflowId);
	const published = await workflowState(client, w.workflowId);
	expect(published.activeVersionId === draft.versionId, 'the edited version was not published');
	w.ledger.newMessage(thread, 'republish: after the publish');
	await w.ledger.newThread('republish: after the publish');
	note(`republish: published version ${String(published.activeVersionId)}, state ${summarise(await triggerState(client, w.workflowId))}`);
	return await settle(ctx, w);
}

async function deactivateReactivate(ctx: CaseContext, note: Note): Promise<Comparison> {
	const { client } = ctx.session;
	const w = await watching(ctx, 'deactivate and reactivate');
	const thread = await firstChange(ctx, w, 'deactivate');
	await client.api('POST', `/workflows/${w.workflowId}/unpublish`, {});
	w.ledger.newMessage(thread, 'deactivate: while inactive');
	await w.ledger.newThread('deactivate: while inactive');
	// Inactive for one scheduled poll at least, so that a trigger left running would show.
	await sleep(65_000);
	expect(compare(w.ledger.changes, await emittedEventIds(client, w.workflowId)).missing.length === 2, 'a change was emitted while the workflow was inactive');
	await publish(ctx, w.workflowId);
	w.ledger.newMessage(thread, 'deactivate: after reactivation');
	note(`deactivate/reactivate: state after reactivation ${summarise(await triggerState(client, w.workflowId))}`);
	return await settle(ctx, w);
}

/** `n8n export:workflow --id` into a file of the run folder; returns the exported workflow. */
async function exportWorkflow(ctx: CaseContext, workflowId: string, file: string): Promise<Record<string, unknown>> {
	const { rt, bin, env } = ctx.session;
	const res = await n8nCli(rt, bin, env, ['export:workflow', `--id=${workflowId}`, `--output=${file}`]);
	expect(res.code === 0, `export:workflow exited ${res.code}: ${(res.stderr || res.stdout).slice(-500)}`);
	const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
	return (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown>;
}

async function importWorkflow(ctx: CaseContext, file: string): Promise<string> {
	const { rt, bin, env } = ctx.session;
	const res = await n8nCli(rt, bin, env, ['import:workflow', `--input=${file}`]);
	expect(res.code === 0, `import:workflow exited ${res.code}: ${(res.stderr || res.stdout).slice(-500)}`);
	return `${res.stdout}\n${res.stderr}`;
}

/** An id as n8n makes them (16 letters and digits). */
function newWorkflowId(): string {
	const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return [...randomBytes(16)].map((b) => chars[b % chars.length]).join('');
}

/** What one case measured, and which eventIds it may emit twice (n8n's doing, stated in the README). */
interface Outcome {
	name: string;
	comparison: Comparison;
	mayRepeat: string[];
}

async function reimport(ctx: CaseContext, asNew: boolean, note: Note): Promise<Outcome[]> {
	const { client } = ctx.session;
	const name = asNew ? 'import:workflow as new' : 'import:workflow, same id';
	const w = await watching(ctx, name);
	const thread = await firstChange(ctx, w, name);
	const file = path.join(ctx.session.env.userFolder, `export-${w.workflowId}.json`);
	const exported = await exportWorkflow(ctx, w.workflowId, file);
	expect(exported.staticData, 'export:workflow wrote no static data');
	// A change emitted after the export: the exported state does not know it.
	const atExport = w.ledger.changes.length;
	w.ledger.newMessage(thread, `${name}: after the export`);
	expectExactlyOnce(await waitForEmitted(client, w.workflowId, w.ledger, POLL_WAIT_MS), `${name}, after the export`);
	const sinceExport = w.ledger.changes.slice(atExport).map((c) => c.eventId);

	let copyId: string | undefined;
	if (asNew) {
		copyId = newWorkflowId();
		fs.writeFileSync(file, JSON.stringify([{ ...exported, id: copyId, name: `${String(exported.name)} (copy)` }]));
	}
	const output = await importWorkflow(ctx, file);
	const targetId = copyId ?? w.workflowId;
	const imported = await workflowState(client, targetId);
	expect(!imported.active, 'import:workflow left the workflow active (n8n 2.x deactivates imported workflows)');
	note(`${name}: export:workflow wrote the trigger's state; after import:workflow the workflow is inactive${/Deactivating/.test(output) ? ' ("Deactivating workflow")' : ''}, state ${summarise(await triggerState(client, targetId))}`);
	await publish(ctx, targetId);
	w.ledger.newMessage(thread, `${name}: after the import`);
	const original = await settle(ctx, w);
	if (!copyId) return [{ name, comparison: original, mayRepeat: sinceExport }];
	// The copy watches the same project from the place in the file: every change made since the export.
	const copy = compare(w.ledger.changes.slice(atExport), await emittedEventIds(client, copyId));
	await client.api('POST', `/workflows/${copyId}/unpublish`, {}).catch(() => undefined);
	return [
		{ name: `${name}: the original`, comparison: original, mayRepeat: [] },
		{ name: `${name}: the copy, against the changes since the export`, comparison: copy, mayRepeat: [] },
	];
}

/** Wait for the case's changes, then one quiet poll; the comparison over all its executions. */
async function settle(ctx: CaseContext, w: Watching): Promise<Comparison> {
	await waitForEmitted(ctx.session.client, w.workflowId, w.ledger, POLL_WAIT_MS);
	await sleep(65_000);
	return compare(w.ledger.changes, await emittedEventIds(ctx.session.client, w.workflowId));
}

export async function checkPublishing(sandbox: Sandbox, note: Note): Promise<string> {
	let session: N8nSession | undefined;
	try {
		session = await openSession({ version: N8N_V2, runName: `upgrade-publishing-${Date.now()}`, skipBuild: true });
		const ctx: CaseContext = { session, sandbox, note };
		const outcomes = (
			await Promise.all([
				republish(ctx, note).then((comparison) => [{ name: 'republish', comparison, mayRepeat: [] }]),
				deactivateReactivate(ctx, note).then((comparison) => [{ name: 'deactivate/reactivate', comparison, mayRepeat: [] }]),
				reimport(ctx, false, note),
				reimport(ctx, true, note),
			])
		).flat();
		for (const o of outcomes) note(`${o.name}: ${describe(o.comparison)}`);
		for (const { name, comparison: c, mayRepeat } of outcomes) {
			expect(c.unexpected.length === 0 && c.missing.length === 0, `${name}: ${describe(c)}`);
			const allowed = mayRepeat.map((id) => `${id} ×2`);
			expect(c.repeated.every((r) => allowed.includes(r)), `${name}: repeated ${c.repeated.join(', ')} (may repeat only ${allowed.join(', ') || 'nothing'})`);
		}
		return outcomes.map((o) => `${o.name}: ${describe(o.comparison)}`).join('; ');
	} finally {
		if (session) await session.stop().catch(() => undefined);
	}
}
