/**
 * n8n in queue mode on one host, as a team runs it at scale: Postgres 17, Redis, one main (`n8n start`:
 * editor, REST/public API, webhooks, triggers and pollers) and N workers (`n8n worker`: run the executions
 * taken from the Redis queue), all sharing one database and one `N8N_ENCRYPTION_KEY`.
 *
 * How the pack reaches every process (read in n8n 2.41.1, packages/cli/src/modules/community-packages):
 * every n8n process, main or worker, loads the community packages found in its own
 * `<N8N_USER_FOLDER>/.n8n/nodes/node_modules` at start (CommunityPackagesModule.loadDir). n8n's other two
 * paths both download from the npm registry: a panel install on the main records the package in the
 * database and tells the workers over Redis pub/sub (`community-package-install`) to npm-install it
 * themselves, and `N8N_REINSTALL_MISSING_PACKAGES=true` makes a process npm-install, at start, the packages
 * the database lists but its nodes folder lacks. The harness installs its own build (not on the registry),
 * so it uses the nodes folder: each process gets its own user folder with the pack installed by the panel's
 * steps (installLikeCommunityPanel).
 *
 * Ports: each process has its own n8n port (main: HTTP; worker: worker server with `/healthz/readiness`)
 * and its own task-broker port (`N8N_RUNNERS_BROKER_PORT`, 5679 in every 2.x process by default).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ensureN8n, ensureNodeRuntime } from './install';
import { buildAndPack, installLikeCommunityPanel } from './community-package';
import { ensurePostgres, postgresDataDir, PostgresServer, startPostgres } from './postgres';
import { postgresDbEnv, PostgresTarget } from './database';
import { RedisServer, startRedis } from './redis';
import { openSession, N8nSession } from './session';
import { N8nInstance, startN8nWorker } from './process';
import { freePort } from './ports';
import { RUNS_DIR, n8nInstallDir } from './paths';
import { formatDuration, log } from './log';

/** One key for main and workers: workers decrypt the credentials the main stored. */
export const CLUSTER_ENCRYPTION_KEY = 'worken-queue-e2e-not-a-secret-0123456789';

export interface QueueClusterOptions {
	version: string;
	workers?: number;
	skipBuild?: boolean;
	/** Worker concurrency (`n8n worker --concurrency`, n8n's default 10). */
	concurrency?: number;
	echo?: boolean;
	/** More settings for every process (e.g. shorter Bull lock timings for a test). */
	extraEnv?: Record<string, string>;
}

export interface QueueWorker {
	name: string;
	instance: N8nInstance;
}

export interface QueueCluster {
	version: string;
	postgres: PostgresServer;
	redis: RedisServer;
	main: N8nSession;
	workers: QueueWorker[];
	/** The settings shared by main and workers (database, queue, key), as a team would set them. */
	sharedEnv: Record<string, string>;
	/** Start worker `name` again (same user folder and ports) after it stopped or was killed. */
	restartWorker(name: string): Promise<void>;
	/**
	 * Which worker ran each execution, from the workers' own logs ("Worker started execution <id> (job
	 * <job>)", written by n8n's JobProcessor when a worker takes a job from the queue).
	 */
	executionsByWorker(): Map<string, string[]>;
	workerOf(executionId: string | number): string | undefined;
	stop(): Promise<void>;
}

/**
 * Finished jobs Redis keeps (each a few KiB). Must outlast the main's 5-second check for a job that
 * finished before it began waiting: 1,000 jobs is over a minute at the suite's busiest rate.
 */
const KEEP_FINISHED_JOBS = 1000;

/** The environment every process of the cluster shares. */
export function queueModeEnv(pg: PostgresTarget, redisPort: number): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		...postgresDbEnv(pg),
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		N8N_ENCRYPTION_KEY: CLUSTER_ENCRYPTION_KEY,
		// Workers stop within 10 s on SIGTERM instead of waiting 30 s for running jobs.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// Keep finished jobs in Redis for a while. By default n8n 2.x removes them at once, and a webhook
		// waiting for its execution (Respond: When Last Node Finishes) then never gets an answer if a worker
		// finished the job before the main began waiting for it: Bull's job.finished() listens for the
		// "completed" event it has missed, and its 5-second check finds no job. Kept, the check finds it.
		// Measured with a stalling main: 19 of 800 calls unanswered without these, 0 of 800 with them.
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: String(KEEP_FINISHED_JOBS),
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: String(KEEP_FINISHED_JOBS),
	};
}

export async function startQueueCluster(opts: QueueClusterOptions): Promise<QueueCluster> {
	const t0 = Date.now();
	const rt = await ensureNodeRuntime();
	const install = await ensureN8n(opts.version, rt);
	const pgInstall = await ensurePostgres(rt);
	// Build and pack while Postgres and Redis start.
	const packing = buildAndPack({ skipBuild: opts.skipBuild });
	packing.catch(() => undefined);

	const runDir = path.join(RUNS_DIR, `queue-${opts.version}-${Date.now()}`);
	fs.mkdirSync(runDir, { recursive: true, mode: 0o755 });
	const stack: Array<() => Promise<void>> = [];
	const stopAll = async (): Promise<void> => {
		while (stack.length > 0) await stack.pop()!().catch((e: unknown) => log(`stopping failed: ${String(e)}`));
	};
	try {
		const [postgres, redis] = await Promise.all([
			(async () =>
				startPostgres({
					binDir: pgInstall.binDir,
					dataDir: postgresDataDir(path.basename(runDir)),
					logFile: path.join(runDir, 'postgres.log'),
					port: await freePort(),
					pgFrom: n8nInstallDir(opts.version),
				}))(),
			(async () => startRedis({ port: await freePort(), logFile: path.join(runDir, 'redis.log') }))(),
		]);
		stack.push(() => postgres.stop(), () => redis.stop());
		const pack = await packing;
		const sharedEnv = { ...queueModeEnv(postgres, redis.port), ...(opts.extraEnv ?? {}) };

		const concurrency = String(opts.concurrency ?? 10);
		const workerOpts = new Map<string, Parameters<typeof startN8nWorker>[3]>();
		const startWorker = async (name: string): Promise<QueueWorker> => {
			const o = workerOpts.get(name)!;
			return { name, instance: await startN8nWorker(rt, install.bin, opts.version, o) };
		};
		const names = Array.from({ length: opts.workers ?? 2 }, (_, i) => `worker-${i + 1}`);
		// The workers' user folders get the pack while the main starts.
		const prepareWorkers = (async () => {
			for (const name of names) {
				const userFolder = path.join(runDir, name);
				fs.mkdirSync(userFolder, { recursive: true });
				await installLikeCommunityPanel(rt, userFolder, pack);
				workerOpts.set(name, {
					userFolder,
					port: await freePort(),
					brokerPort: await freePort(),
					extraEnv: { ...sharedEnv, N8N_CONCURRENCY_PRODUCTION_LIMIT: concurrency },
					label: `n8n ${opts.version} ${name}`,
					echo: opts.echo,
				});
			}
		})();
		prepareWorkers.catch(() => undefined);

		// The main first: it migrates the database the workers then check.
		const main = await openSession({
			version: opts.version,
			runName: path.join(path.basename(runDir), 'main'),
			skipBuild: true,
			extraEnv: sharedEnv,
			echo: opts.echo,
		});
		stack.push(() => main.stop());
		await prepareWorkers;
		const workers = await Promise.all(names.map(startWorker));
		// Logs of earlier incarnations of a worker (before a kill and restart) still count.
		const pastOutput = new Map<string, string>();
		stack.push(async () => {
			await Promise.all(workers.map((w) => w.instance.stop()));
		});

		const executionsByWorker = (): Map<string, string[]> => {
			const byWorker = new Map<string, string[]>();
			for (const w of workers) {
				const text = (pastOutput.get(w.name) ?? '') + w.instance.output();
				byWorker.set(w.name, [...text.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]));
			}
			return byWorker;
		};
		log(`Queue cluster up in ${formatDuration(Date.now() - t0)}: Postgres ${postgres.version}, Redis ${redis.version}, main + ${workers.length} workers (n8n ${opts.version})`);
		return {
			version: opts.version,
			postgres,
			redis,
			main,
			workers,
			sharedEnv,
			async restartWorker(name) {
				const i = workers.findIndex((w) => w.name === name);
				await workers[i].instance.stop();
				pastOutput.set(name, (pastOutput.get(name) ?? '') + workers[i].instance.output());
				workers[i] = await startWorker(name);
			},
			executionsByWorker,
			workerOf(executionId) {
				for (const [name, ids] of executionsByWorker()) if (ids.includes(String(executionId))) return name;
				return undefined;
			},
			stop: stopAll,
		};
	} catch (err) {
		await stopAll();
		throw err;
	}
}
