/**
 * `npm run test:queue` — the pack on n8n's distributed engine (queue mode): Postgres 17, Redis, one main and
 * two workers on the pinned n8n 2.x, started once for every check (see scripts/n8n/queue-cluster.ts).
 *
 *   npm run test:queue                    n8n 2.41.1
 *   npm run test:queue -- --skip-build    reuse dist/ as it is
 *
 * Checks: every example through the queue and on a worker, the chat reply streamed through a
 * worker, a burst of 200 executions over both workers (and again while the main keeps stalling), the
 * trigger exactly once per change (also across a restart of the main), a worker killed mid-run, the
 * durable scheduler with the eventId / Remove Duplicates recipe. Ends with `N passed, N failed` alone on a
 * line and exits non-zero when anything failed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { argValue, hasFlag } from '../../scripts/args';
import { N8N_V2, majorOf } from '../../scripts/n8n/versions';
import { formatDuration, log } from '../../scripts/n8n/log';
import { RUNS_DIR } from '../../scripts/n8n/paths';
import { ensureN8n, ensureNodeRuntime } from '../../scripts/n8n/install';
import { ensurePostgres, postgresDataDir } from '../../scripts/n8n/postgres';
import { QueueCluster, startQueueCluster } from '../../scripts/n8n/queue-cluster';
import { startSeededSandbox, DemoProject } from '../../scripts/n8n/worken-sandbox';
import { createCredentialVia } from '../../scripts/n8n/credentials';
import { CheckRunner, printTotals, runMain } from '../e2e/harness';
import type { QueueContext } from './context';
import { queueExampleChecks } from './examples.check';
import { checkBurst, checkBurstWithStalledMain } from './burst.check';
import { checkTriggerOnce, checkTriggerRestart, expectNoRedelivery, TriggerRun } from './trigger.check';
import { checkWorkerKill } from './worker-kill.check';
import { activateRecipe, checkDurableScheduler, DURABLE_SCHEDULER_ENV } from './scheduler.check';

/** Bull's lock and stalled-job check shortened so a killed worker's jobs are noticed within the suite. */
const QUEUE_TIMINGS = {
	QUEUE_WORKER_LOCK_DURATION: '20000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '10000',
};

async function main(): Promise<number> {
	const t0 = Date.now();
	const version = argValue('--version') ?? N8N_V2;
	const runner = new CheckRunner(`${version} queue`);
	const timings: string[] = [];
	if (fs.existsSync(RUNS_DIR)) {
		for (const d of fs.readdirSync(RUNS_DIR)) if (d.startsWith('queue-')) fs.rmSync(path.join(RUNS_DIR, d), { recursive: true, force: true });
	}
	// Data folders an interrupted run left behind.
	fs.rmSync(postgresDataDir(''), { recursive: true, force: true });
	const rt = await ensureNodeRuntime();
	const n8n = await ensureN8n(version, rt);
	timings.push(`install n8n ${version}: ${n8n.installed ? formatDuration(n8n.ms) : 'cached'}`);
	const pg = await ensurePostgres(rt);
	timings.push(`install Postgres binaries: ${pg.installed ? formatDuration(pg.ms) : 'cached'}`);

	let worken: DemoProject | undefined;
	let cluster: QueueCluster | undefined;
	try {
		worken = await startSeededSandbox();
		const tc = Date.now();
		const up = await runner.check('queue cluster starts: Postgres 17, Redis, main + 2 workers, the pack in every process', async () => {
			cluster = await startQueueCluster({ version, skipBuild: hasFlag('--skip-build'), extraEnv: QUEUE_TIMINGS });
			return `Postgres ${cluster.postgres.version}, Redis ${cluster.redis.version}, main ${cluster.main.n8n.url}, ${cluster.workers.map((w) => w.name).join(' + ')}`;
		});
		timings.push(`cluster start: ${formatDuration(Date.now() - tc)}`);
		if (!up || !cluster) return summary(runner, timings, t0);
		const session = cluster.main;
		const demoCred = await createCredentialVia(session.client, 'Worken sandbox (demo key)', { apiKey: worken.key, baseUrl: worken.sandbox.url });
		const { projectId, key } = worken.sandbox.control.createProject({ name: 'Scale project' });
		const seeded = worken.sandbox.control.seed(projectId, { bots: 1, chatsPerBot: 2, threadsPerChat: 10, messagesPerThread: 1 });
		const scaleCred = await createCredentialVia(session.client, 'Worken sandbox (scale project)', { apiKey: key, baseUrl: worken.sandbox.url });
		const ctx: QueueContext = {
			version,
			major: majorOf(version),
			session,
			worken,
			cred: demoCred,
			cluster,
			scale: { projectId, key, seeded, cred: scaleCred },
		};

		// The trigger waits a minute per poll (n8n 2.x): it runs alongside the webhook-driven checks.
		const triggerRun: Partial<TriggerRun> = {};
		const tp = Date.now();
		await Promise.all([
			runner.check('trigger on the main, executions on the workers: new thread, new message, 250-change burst, each once', (n) => checkTriggerOnce(ctx, triggerRun, n)),
			(async () => {
				for (const [name, fn] of queueExampleChecks(ctx)) await runner.check(`queue: ${name}`, fn);
				await runner.check('burst of 200 webhook executions over both workers, checked against Worken', (n) => checkBurst(ctx, n));
			})(),
		]);
		timings.push(`examples, burst and trigger (in parallel): ${formatDuration(Date.now() - tp)}`);
		const recipe: { workflowId?: string } = {};
		const steps: Array<[string, (n: (t: string) => void) => Promise<string>]> = [
			['main stalling through a burst of 200 webhook executions (SIGSTOP 0.3–0.7 s, over and over): every call answered, matching Worken', (n) => checkBurstWithStalledMain(ctx, n)],
			['SIGKILL a worker mid-run: what n8n does, nothing doubled in Worken', (n) => checkWorkerKill(ctx, n)],
			[
				'trigger across a restart of the main (into the durable scheduler): a change made while down delivered once, nothing re-delivered',
				(n) => checkTriggerRestart(ctx, triggerRun, DURABLE_SCHEDULER_ENV, () => activateRecipe(ctx, recipe), n),
			],
			[
				'durable scheduler (2.x): the trigger under it, and Remove Duplicates on eventId drops a repeated delivery',
				(n) => checkDurableScheduler(ctx, recipe, () => expectNoRedelivery(ctx, triggerRun), n),
			],
		];
		for (const [name, fn] of steps) {
			const ts = Date.now();
			await runner.check(name, fn);
			timings.push(`${name.split(':')[0]}: ${formatDuration(Date.now() - ts)}`);
		}
	} finally {
		if (cluster) await cluster.stop().catch((e: unknown) => log(`stopping the cluster failed: ${String(e)}`));
		if (worken) await worken.sandbox.close().catch(() => undefined);
	}
	return summary(runner, timings, t0);
}

function summary(runner: CheckRunner, timings: string[], t0: number): number {
	console.log('\n══════════ queue-mode summary ══════════');
	for (const r of runner.results) {
		console.log(`${r.ok ? 'PASS' : 'FAIL'}  [n8n ${r.version}] ${r.name} (${formatDuration(r.ms)})${r.ok ? ` — ${r.detail}` : `\n        ${r.detail}`}`);
		for (const n of r.notes) if (/executions\/s|SIGKILL|record|durable|repeated|burst of|Worken: \d|restart|stalled/.test(n)) console.log(`        · ${n}`);
	}
	return printTotals(runner.results, timings, t0);
}

runMain(main);
