/**
 * `npm run test:chaos` — the Worken Trigger in real n8n 1.123.81 (polling every 5 s) while n8n is killed
 * with SIGKILL again and again:
 *   - a writer keeps creating threads, adding messages, switching modes and renaming threads;
 *   - n8n is killed ≥ 10 times: at random moments, and in the middle of a poll (the sandbox holds the feed
 *     request open and the kill comes while the request log shows it in flight), then started again;
 *   - at the end every change the sandbox recorded must be in an execution (0 lost); a change delivered
 *     twice is allowed only where n8n was killed between emitting and saving the trigger's state, and is
 *     counted and shown;
 *   - with N8N_LOG_LEVEL=debug, the key must not be in anything n8n logged or in its SQLite database;
 *     no request carried a Worken-* header.
 * Only 1.x: n8n 2.x polls at most once a minute, too slow for many kills in a few minutes.
 * Ends with `N passed, N failed`.
 *
 *   npm run test:chaos                 10 kills
 *   npm run test:chaos -- --kills 14   more kills
 *   npm run test:chaos -- --skip-build reuse dist/
 */
import type { IDataObject } from 'n8n-workflow';

import { argValue, hasFlag } from '../../scripts/args';
import { createCredentialVia } from '../../scripts/n8n/credentials';
import { formatDuration, log } from '../../scripts/n8n/log';
import { sleep } from '../../scripts/n8n/process';
import type { N8nSession } from '../../scripts/n8n/session';
import { openSession } from '../../scripts/n8n/session';
import { fastPollCron } from '../../scripts/n8n/trigger-poll';
import { startSeededSandbox } from '../../scripts/n8n/worken-sandbox';
import type { DemoProject } from '../../scripts/n8n/worken-sandbox';
import { activateWorkflow, createWorkflow, loadExample, toCreateBody } from '../../scripts/n8n/workflows';
import { CheckRunner, runMain } from '../e2e/harness';
import type { TriggerEventName } from '../soak/deliveries';
import { countDeliveries } from '../soak/deliveries';
import { startWriter } from '../soak/writer';
import { deliveredItems } from './executions';
import type { Delivered } from './executions';
import { n8nDatabaseFiles, n8nLogFiles, scanFiles } from './secrets';

const VERSION = '1.123.81';
const TRIGGER = 'Worken Trigger';
const EVENTS: TriggerEventName[] = ['newThread', 'threadUpdated', 'newMessage'];
/** One poll cycle (5 s) plus slack: an execution this close before a kill may not have saved its state. */
const KILL_WINDOW_MS = 8_000;

interface Kill {
	at: number;
	midPoll: boolean;
}

/** Waits (bounded) until the sandbox log shows a feed request that arrived after `mark` and is still unanswered. */
async function feedRequestOpen(worken: DemoProject, mark: number, timeoutMs: number): Promise<boolean> {
	const t0 = Date.now();
	while (Date.now() - t0 < timeoutMs) {
		const open = worken.sandbox.control
			.requests()
			.slice(mark)
			.some((entry) => entry.method === 'GET' && entry.path === '/threads' && entry.query.cursor !== undefined && entry.status === 0);
		if (open) return true;
		await sleep(100);
	}
	return false;
}

function deliveryKey(item: IDataObject): string {
	return item.event === 'newMessage' ? `message ${String(item.id)}` : `${String(item.event)} ${String(item.id)}@${String(item.updated_at)}`;
}

/** Each item delivered more than once, with whether a kill explains it (see KILL_WINDOW_MS). */
function duplicates(executions: Delivered[], kills: Kill[]): { explained: string[]; unexplained: string[] } {
	const where = new Map<string, Delivered[]>();
	for (const execution of executions) {
		for (const item of execution.items) where.set(deliveryKey(item), [...(where.get(deliveryKey(item)) ?? []), execution]);
	}
	const explained: string[] = [];
	const unexplained: string[] = [];
	for (const [key, list] of where) {
		for (let i = 1; i < list.length; i++) {
			const first = Date.parse(list[i - 1].startedAt);
			const again = Date.parse(list[i].startedAt);
			const kill = kills.find((k) => k.at >= first && k.at <= again && k.at - first <= KILL_WINDOW_MS);
			const text = `${key}: execution ${list[i - 1].executionId} (${list[i - 1].status}) and again ${list[i].executionId}`;
			if (kill) explained.push(`${text}, n8n killed ${Math.round((kill.at - first) / 100) / 10} s after the first`);
			else unexplained.push(text);
		}
	}
	return { explained, unexplained };
}

async function main(): Promise<number> {
	const t0 = Date.now();
	const kills = Number(argValue('--kills') ?? 10);
	const runner = new CheckRunner(VERSION);
	let worken: DemoProject | undefined;
	let session: N8nSession | undefined;
	try {
		worken = await startSeededSandbox();
		const { sandbox, key, projectId } = worken;
		session = await openSession({
			version: VERSION,
			runName: `chaos-${VERSION}`,
			skipBuild: hasFlag('--skip-build'),
			// Debug logging for the key check. No task runner process and none of the modules the trigger does
			// not use: each of the many restarts then competes less for the CPU.
			extraEnv: {
				N8N_LOG_LEVEL: 'debug',
				N8N_RUNNERS_ENABLED: 'false',
				N8N_DISABLED_MODULES: 'insights,mcp,data-table,breaking-changes',
			},
		});
		const n8n = session;
		const cred = await createCredentialVia(n8n.client, 'Worken chaos', { apiKey: key, baseUrl: sandbox.url });
		const body = toCreateBody(loadExample('watch-threads.json'), cred, (node) => {
			if (node.name !== TRIGGER) return;
			node.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: fastPollCron(1) }] };
			node.parameters.events = EVENTS;
		});
		const workflowId = await createWorkflow(n8n.client, body);
		await activateWorkflow(n8n.client, workflowId);
		for (let i = 0; i < 60; i++) {
			const stored = await n8n.client.api<{ staticData?: Record<string, { phase?: string }> }>('GET', `/workflows/${workflowId}`);
			if (stored.staticData?.[`node:${TRIGGER}`]?.phase === 'watching') break;
			await sleep(1000);
		}
		log(`Trigger active and watching (workflow ${workflowId}); the writer starts, then ${kills} kills`);

		const changesBefore = sandbox.control.threadChanges(projectId).length;
		const existingThreads = new Set(worken.seeded.threadIds);
		const messagesBefore = new Set(worken.seeded.threadIds.flatMap((id) => (sandbox.control.listMessages(id) ?? []).map((m) => m.id)));
		const writer = startWriter(sandbox, key, { chatIds: worken.seeded.chatIds, threadIds: worken.seeded.threadIds, maxThreads: 60, pauseMs: 1500 });

		const killLog: Kill[] = [];
		const restartTimes: number[] = [];
		const newestExecution = async (): Promise<number> => {
			const page = await n8n.client.api<{ data: Array<{ id: string | number }> }>('GET', `/executions?workflowId=${workflowId}&limit=1`);
			return Number(page.data[0]?.id ?? 0);
		};
		/** Bounded wait until the trigger started a new execution (it delivered something since `after`). */
		const nextExecution = async (after: number, everyMs: number): Promise<boolean> => {
			for (const t0 = Date.now(); Date.now() - t0 < 90_000; await sleep(everyMs)) {
				if ((await newestExecution()) > after) return true;
			}
			return false;
		};
		for (let i = 0; i < kills; i++) {
			// Three kinds of kill, in turn: the moment n8n starts an execution (it has just emitted, its state
			// may not be saved yet), in the middle of a poll, and at a random moment. Each after the trigger
			// delivered something since the last start, so the kills fall among real work.
			const kind = (['emitted', 'mid-poll', 'random'] as const)[i % 3];
			const before = await newestExecution();
			if (kind === 'emitted') {
				await nextExecution(before, 200);
			} else {
				await nextExecution(before, 1000);
			}
			let inPoll = false;
			if (kind === 'mid-poll') {
				// Hold the next feed request for 20 s and kill while it is open.
				const mark = sandbox.control.requests().length;
				sandbox.control.injectFaults({ count: 1, delayMs: 20_000, method: 'GET', pathPrefix: '/threads' });
				inPoll = await feedRequestOpen(worken, mark, 15_000);
			} else if (kind === 'random') {
				await sleep(Math.floor(Math.random() * 5_000));
			}
			killLog.push({ at: Date.now(), midPoll: inPoll });
			await n8n.n8n.kill('SIGKILL');
			log(`kill ${i + 1}/${kills}: SIGKILL ${inPoll ? 'while a feed request was open' : kind === 'emitted' ? 'as an execution started' : 'at a random moment'}`);
			sandbox.control.clearFaults();
			const tr = Date.now();
			await n8n.restart();
			restartTimes.push(Date.now() - tr);
		}
		const written = await writer.stop();
		log(`writer stopped: ${JSON.stringify(written)}; waiting for the last changes to arrive`);

		const ledger = () => {
			const changes = sandbox.control.threadChanges(projectId).slice(changesBefore);
			const threads = new Set([...existingThreads, ...changes.map((c) => c.threadId)]);
			const newMessages = [...threads].flatMap((id) => sandbox.control.listMessages(id) ?? []).filter((m) => !messagesBefore.has(m.id));
			return { changes, existingThreads, newMessages };
		};
		let executions: Delivered[] = [];
		let count = countDeliveries(EVENTS, ledger(), []);
		for (let waited = 0; waited < 120_000; waited += 5_000) {
			executions = await deliveredItems(n8n.client, workflowId, TRIGGER);
			count = countDeliveries(EVENTS, ledger(), executions.flatMap((e) => e.items));
			if (count.lost.length === 0) break;
			await sleep(5_000);
		}
		await sleep(11_000); // two more poll cycles: nothing may come twice late
		executions = await deliveredItems(n8n.client, workflowId, TRIGGER);
		const items = executions.flatMap((e) => e.items);
		count = countDeliveries(EVENTS, ledger(), items);
		const dup = duplicates(executions, killLog);
		const { changes, newMessages } = ledger();
		const statuses = executions.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.status]: (acc[e.status] ?? 0) + 1 }), {});
		const midPollKills = killLog.filter((k) => k.midPoll).length;
		// A run n8n was killed in shows as "crashed", with the trigger's items in it: n8n's Retry runs them.
		const inCrashed = executions.filter((e) => e.status === 'crashed').reduce((n, e) => n + e.items.length, 0);
		const figures =
			`${killLog.length} SIGKILLs (${midPollKills} with a feed request open), ${changes.length} thread changes + ${newMessages.length} new messages, ` +
			`${executions.length} executions ${JSON.stringify(statuses)}, ${items.length} items delivered (${inCrashed} of them in crashed runs), ${count.lost.length} lost, ` +
			`${dup.explained.length + dup.unexplained.length} delivered twice (${dup.explained.length} at a kill, ${dup.unexplained.length} otherwise); ` +
			`restart ${formatDuration(Math.min(...restartTimes))}–${formatDuration(Math.max(...restartTimes))}`;
		log(`Chaos: ${figures}`);
		for (const text of dup.explained) log(`  delivered twice: ${text}`);

		await runner.check(`${kills} SIGKILLs of n8n (some mid-poll) while changes keep coming: 0 changes lost`, async (note) => {
			note(figures);
			if (killLog.length < 10 || midPollKills < 1) throw new Error(`only ${killLog.length} kills, ${midPollKills} mid-poll`);
			if (count.lost.length > 0) throw new Error(`${count.lost.length} lost: ${count.lost.slice(0, 5).join('; ')}`);
			if (count.unexpected.length > 0) throw new Error(`delivered from before activation: ${count.unexpected.slice(0, 5).join('; ')}`);
			return `${changes.length + newMessages.length} changes, all delivered`;
		});
		await runner.check('a change is delivered twice only where n8n was killed after emitting and before saving its state', async () => {
			if (dup.unexplained.length > 0) throw new Error(dup.unexplained.slice(0, 5).join('; '));
			return `${dup.explained.length} repeat(s), each right after a kill`;
		});
		await runner.check('no request to Worken carried a Worken-* header', async () => {
			const named = sandbox.control.requests().flatMap((entry) => Object.keys(entry.headers).filter((name) => /^worken-/i.test(name)));
			if (named.length > 0) throw new Error(`headers sent: ${[...new Set(named)].join(', ')}`);
			return `${sandbox.control.requests().length} requests checked`;
		});

		await n8n.stop(); // flush the database before reading it
		const userFolder = n8n.env.userFolder;
		await runner.check('the key is not in n8n\'s debug log', async () => {
			const scan = scanFiles(n8nLogFiles(userFolder), key, /\bdebug\b/);
			if (!scan.controlFound) throw new Error('no debug line found: is N8N_LOG_LEVEL=debug in effect?');
			if (scan.leaks.length > 0) throw new Error(`the key is in ${scan.leaks.join(', ')}`);
			return `${scan.files.length} log files, ${Math.round(scan.bytes / 1024)} kB, no key`;
		});
		await runner.check('the key is not in n8n\'s database (execution data, static data, credentials)', async () => {
			const delivered = String(items.find((item) => item.event === 'newThread')?.id ?? 'none');
			const scan = scanFiles(n8nDatabaseFiles(userFolder), key, delivered);
			if (!scan.controlFound) throw new Error(`the delivered thread ${delivered} is not in the database files: not the right files?`);
			if (scan.leaks.length > 0) throw new Error(`the key is in ${scan.leaks.join(', ')}`);
			return `${scan.files.join(', ')}: ${Math.round(scan.bytes / 1024)} kB, execution data present, no key`;
		});
	} catch (error) {
		runner.results.push({ version: VERSION, name: 'chaos run', ok: false, ms: Date.now() - t0, detail: error instanceof Error ? error.stack ?? error.message : String(error), notes: [] });
	} finally {
		if (session) await session.stop().catch(() => undefined);
		if (worken) await worken.sandbox.close().catch(() => undefined);
	}
	console.log('\n══════════ chaos summary ══════════');
	for (const r of runner.results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}${r.ok ? ` — ${r.detail}` : `\n        ${r.detail}`}`);
	console.log(`total: ${formatDuration(Date.now() - t0)}`);
	const passed = runner.results.filter((r) => r.ok).length;
	console.log(`\n${passed} passed, ${runner.results.length - passed} failed`);
	return passed > 0 && passed === runner.results.length ? 0 : 1;
}

runMain(main);
