/**
 * Starts and stops a real n8n server (and runs its CLI) for one throwaway user folder.
 *
 * Why these settings:
 * - `N8N_USER_FOLDER` points at a folder under `the runs folder (RUNS_DIR in scripts/n8n/paths.ts)`, so each run has its own SQLite database,
 *   encryption key and community-nodes folder (`<userFolder>/.n8n/nodes`), and the user's own ~/.n8n is
 *   never touched.
 * - Loopback only (`N8N_LISTEN_ADDRESS=127.0.0.1`), a free port, and everything that phones home switched
 *   off (diagnostics, version notifications, templates, license renewal, verified-packages lookup).
 * - `N8N_LOG_LEVEL=info`: `n8n execute --rawOutput` prints the run's JSON only at that level.
 * - A fixed `N8N_ENCRYPTION_KEY` so the CLI and the server (separate processes) read the same credentials.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ChildProcess, spawn } from 'child_process';
import { log, mask } from './log';
import { killGroup, killWithHarness, run, RunResult } from './run';
import type { NodeRuntime } from './install';

export interface N8nInstance {
	version: string;
	url: string;
	port: number;
	userFolder: string;
	/** The n8n server process (its task runner is a child in the same group); for memory figures. */
	pid?: number;
	/** Everything n8n printed since start (for diagnostics on failure). */
	output(): string;
	stop(): Promise<void>;
	/** Sends `signal` (default SIGKILL: a crash, no shutdown hooks) to n8n's process group and waits until it exited. */
	kill(signal?: NodeJS.Signals): Promise<void>;
	/** The path of the file this start's output is written to. */
	logFile: string;
}

export interface N8nEnvOptions {
	userFolder: string;
	port: number;
	/** Port of n8n's task broker (Code node runners); n8n's default 5679 would clash between several n8n processes on one host. */
	brokerPort: number;
	/** Poll/trigger timings etc. can be tuned per run. */
	extraEnv?: Record<string, string>;
	/** Listen on all of loopback as "localhost" for the demo's printed URL. */
	host?: string;
}

export function n8nEnv(rt: NodeRuntime, opts: N8nEnvOptions): NodeJS.ProcessEnv {
	const host = opts.host ?? '127.0.0.1';
	return {
		...rt.env,
		N8N_USER_FOLDER: opts.userFolder,
		N8N_PORT: String(opts.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: host,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://${host}:${opts.port}/`,
		WEBHOOK_URL: `http://${host}:${opts.port}/`, // n8n 1.x
		N8N_WEBHOOK_URL: `http://${host}:${opts.port}/`, // n8n 2.x name of the same setting
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: 'worken-e2e-not-a-secret-0123456789',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_RUNNERS_BROKER_PORT: String(opts.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		// Reload on change is for development; a stable process list is easier to stop cleanly.
		N8N_DEV_RELOAD: 'false',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		...(opts.extraEnv ?? {}),
	};
}

const READY_TIMEOUT_MS = 180_000;

type StartOptions = N8nEnvOptions & { label?: string; echo?: boolean };

/** Start `n8n start` and wait until `/healthz` answers 200 (bounded). */
export async function startN8n(rt: NodeRuntime, bin: string, version: string, opts: StartOptions): Promise<N8nInstance> {
	return await startN8nProcess(rt, bin, version, opts, 'start', isReady);
}

/**
 * Start `n8n worker` (queue mode) and wait until its worker server says it is ready. `opts.port` is the
 * worker server's port (`QUEUE_HEALTH_CHECK_PORT`; n8n's default 5678 would clash with the main), which
 * serves `/healthz/readiness` = database migrated, Redis connected and the worker taking jobs.
 */
export async function startN8nWorker(rt: NodeRuntime, bin: string, version: string, opts: StartOptions): Promise<N8nInstance> {
	const workerEnv = {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(opts.port),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
	const withServer = { ...opts, extraEnv: { ...(opts.extraEnv ?? {}), ...workerEnv } };
	return await startN8nProcess(rt, bin, version, withServer, 'worker', isWorkerReady);
}

async function startN8nProcess(
	rt: NodeRuntime,
	bin: string,
	version: string,
	opts: StartOptions,
	command: 'start' | 'worker',
	ready: (url: string) => Promise<boolean>,
): Promise<N8nInstance> {
	fs.mkdirSync(opts.userFolder, { recursive: true });
	const env = n8nEnv(rt, opts);
	const logFile = path.join(opts.userFolder, `n8n-${command === 'start' ? '' : `${command}-`}${Date.now()}.log`);
	const logStream = fs.createWriteStream(logFile);
	const label = opts.label ?? (command === 'start' ? `n8n ${version}` : `n8n ${version} ${command}`);
	const child: ChildProcess = spawn(rt.node, [bin, command], {
		cwd: opts.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group: stop() reaches the task runner too
	});
	let output = '';
	let exited: number | null = null;
	const onData = (chunk: Buffer): void => {
		const text = chunk.toString();
		output += text;
		if (output.length > 2_000_000) output = output.slice(-1_000_000);
		logStream.write(text);
		if (opts.echo) process.stdout.write(text.replace(/^/gm, `  [${label}] `));
	};
	child.stdout?.on('data', onData);
	child.stderr?.on('data', onData);
	// Never leave an n8n behind if the harness dies or is interrupted (e2e.ts turns SIGINT into exit).
	killWithHarness(child, (code) => {
		exited = code;
	});

	const url = `http://127.0.0.1:${opts.port}`;
	const t0 = Date.now();
	log(`Starting ${label} on ${url} (user folder ${opts.userFolder})`);
	let isUp = false;
	for (let i = 0; i < 360 && Date.now() - t0 < READY_TIMEOUT_MS; i++) {
		if (exited !== null) break;
		if (await ready(url)) {
			isUp = true;
			break;
		}
		await sleep(500);
	}
	if (!isUp) {
		killGroup(child.pid);
		logStream.end();
		throw new Error(
			`${label} did not become ready in ${Math.round((Date.now() - t0) / 1000)}s` +
				(exited !== null ? ` (exited with ${exited})` : '') +
				`\n--- last output ---\n${mask(output.split('\n').slice(-40).join('\n'))}`,
		);
	}
	log(`${label} ready in ${Math.round((Date.now() - t0) / 1000)}s`);

	const stop = async (): Promise<void> => {
		if (exited !== null) return;
		// SIGTERM lets n8n finish shutdown hooks (it saves static data of active pollers on deactivation).
		killGroup(child.pid, 'SIGTERM');
		for (let i = 0; i < 60 && exited === null; i++) await sleep(500);
		if (exited === null) {
			log(`${label} did not stop within 30s; killing it`);
			killGroup(child.pid, 'SIGKILL');
			for (let i = 0; i < 20 && exited === null; i++) await sleep(250);
		}
		logStream.end();
	};
	const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
		if (exited !== null) return;
		killGroup(child.pid, signal);
		for (let i = 0; i < 120 && exited === null; i++) await sleep(250);
		logStream.end();
	};
	return { version, url, port: opts.port, userFolder: opts.userFolder, pid: child.pid, output: () => output, stop, kill, logFile };
}

/** Run an n8n CLI command (import:workflow, execute, …) against the same user folder. */
export async function n8nCli(
	rt: NodeRuntime,
	bin: string,
	opts: N8nEnvOptions,
	args: string[],
	timeoutMs = 180_000,
): Promise<RunResult> {
	return run(rt.node, [bin, ...args], { cwd: opts.userFolder, env: n8nEnv(rt, opts), timeoutMs });
}

/**
 * Ready = the database is migrated (`/healthz/readiness` 200; plain `/healthz` answers earlier) and the REST
 * routes are mounted (`/rest/settings` returns JSON rather than "n8n is starting up. Please wait"). n8n
 * 1.49 has no readiness route (404); there the REST check alone decides.
 */
async function isReady(url: string): Promise<boolean> {
	try {
		const r1 = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
		if (!r1.ok && r1.status !== 404) return false;
		const r2 = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5000) });
		if (!r2.ok) return false;
		const body = (await r2.json().catch(() => null)) as { data?: unknown } | null;
		return !!body && typeof body === 'object' && 'data' in body;
	} catch {
		return false; // not listening yet
	}
}

/** A worker is ready when its worker server's readiness probe answers 200. */
async function isWorkerReady(url: string): Promise<boolean> {
	try {
		return (await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) })).ok;
	} catch {
		return false;
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}
