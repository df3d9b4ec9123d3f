/**
 * `npm run bench:n8n` — reading every thread of a project in real n8n, side by side in one run, same
 * sandbox data, same n8n: the sequential keep-alive floor (a plain loop in this process), n8n's HTTP
 * Request node with its pagination options, and the Worken node (Thread → Get Many → Return All). Times
 * are n8n's own node execution time, median of --repeat runs; memory is the n8n process's peak resident
 * size during the run. Prints one table (markdown) with the ratios. Figures, not a test: nothing is
 * asserted about speed; a run fails only if a node fails or returns the wrong number of items.
 *
 *   npm run bench:n8n                          both n8n versions, every case (about 30 minutes)
 *   npm run bench:n8n -- --version 1.123.81    one version
 *   npm run bench:n8n -- --skip-rate-limited   without the Free/Starter cases (each waits out a minute)
 *   npm run bench:n8n -- --repeat 9            median of 9 instead of 5
 *   npm run bench:n8n -- --sizes 10000 --skip-latency   only the loopback case over 10,000 threads
 *                                              (default sizes: 0, 1, 99, 100, 150, 250, 1,000, 2,500, 10,000)
 *   npm run bench:n8n -- --profile             also profile n8n's CPU over one 10,000-thread run of each node
 *   npm run bench:n8n -- --parallel 4,8,16     also measure these fixed Parallel Requests settings (1 always is)
 *   npm run bench:n8n -- --parallel-sizes 10000,50000   ...over these sizes only (default: every size)
 *   npm run bench:n8n -- --skip-fresh-memory   without the memory runs in a fresh n8n each (about 4 minutes a version)
 *   npm run bench:n8n -- --fresh-memory-repeat 5         5 fresh runs of each instead of 3
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { Sandbox } from '../../sandbox';
import { PLAN_LIMITS, startSandbox } from '../../sandbox';
import { argValue, hasFlag } from '../../scripts/args';
import { log } from '../../scripts/n8n/log';
import type { N8nSession } from '../../scripts/n8n/session';
import { openSession } from '../../scripts/n8n/session';
import { N8N_VERSIONS } from '../../scripts/n8n/versions';
import { readAllPagesPlainly } from './floor';
import type { FreshMemoryFigure } from './freshMemory';
import { measureFreshMemory } from './freshMemory';
import { formatProfile, Inspector, profileRun } from './profile';
import type { BenchWorkflow } from './runs';
import { createBenchWorkflow, credentialsFor, HTTP_NODE_LABEL, httpRequestNode, runOnce, threadProject, turnOrder, workenLabel, workenNode } from './runs';

const REPEAT = Number(argValue('--repeat') ?? 5);
const SKIP_RATE_LIMITED = hasFlag('--skip-rate-limited');
const SKIP_LATENCY = hasFlag('--skip-latency');
const PROFILE = hasFlag('--profile');
const profiles: string[] = [];
const PROFILE_DIR = path.resolve('.cache/bench-profiles');
/** Lists from empty to 101 pages: one page, the edges of a page, a few pages, ten, and a long list. */
const SIZES = (argValue('--sizes') ?? '0,1,99,100,150,250,1000,2500,10000').split(',').map(Number);
/** Fixed Parallel Requests settings to measure too (1, the sequential reader, always is), over the sizes --parallel-sizes names (default: every size). */
const FIXED_PARALLEL = [...new Set([1, ...(argValue('--parallel') ?? '1').split(',').map(Number)])];
const FIXED_PARALLEL_SIZES = argValue('--parallel-sizes')?.split(',').map(Number) ?? SIZES;
const SKIP_FRESH_MEMORY = hasFlag('--skip-fresh-memory');
const FRESH_MEMORY_REPEAT = Number(argValue('--fresh-memory-repeat') ?? 3);
const FRESH_MEMORY_SIZES = [10_000, 50_000];
const LATENCY_MS = 100;
const RATE_WINDOW_MS = 60_000;

interface Row {
	version: string;
	scenario: string;
	implementation: string;
	items: number;
	ms: number;
	peakMiB?: number;
	growthMiB?: number;
	requests?: number;
	rateLimited?: number;
	/** For rate-limited cases: the waiting the plan makes unavoidable. */
	unavoidableMs?: number;
}

const rows: Row[] = [];
const freshMemory: Array<FreshMemoryFigure & { version: string }> = [];

/** n8n's inspector, open for the session when --profile asks for CPU profiles. */
let inspector: Inspector | undefined;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** What a sequential reader sends: pages of 100 until a short (possibly empty) one. */
const requestsFor = (items: number): number => Math.floor(items / 100) + 1;
const loopbackScenario = (threads: number): string => `loopback, ${threads.toLocaleString('en-US')} threads`;

/** One way of reading the list, measured in rounds with the others. */
interface Contender {
	implementation: string;
	run(): Promise<Measured>;
}

interface Measured {
	ms: number;
	items: number;
	requests: number;
	rateLimited: number;
	peakMiB?: number;
	growthMiB?: number;
}

/** The plain keep-alive loop in this process (no n8n, so no n8n memory figures). */
function floorContender(sandbox: Sandbox, key: string): Contender {
	return {
		implementation: 'sequential keep-alive floor (plain loop)',
		run: async () => ({ ...(await readAllPagesPlainly(sandbox.url, key)), rateLimited: 0 }),
	};
}

/** A workflow run through n8n's webhook; requests counted in the sandbox's log of the project. */
function nodeContender(session: N8nSession, sandbox: Sandbox, projectId: string, implementation: string, wf: BenchWorkflow): Contender {
	return {
		implementation,
		run: async () => {
			sandbox.control.clearRequests();
			const run = await runOnce(session, wf);
			const sent = sandbox.control.requests().filter((entry) => entry.projectId === projectId);
			return { ...run, requests: sent.length, rateLimited: sent.filter((entry) => entry.status === 429).length };
		},
	};
}

/**
 * Runs each contender `repeat` times, taking turns (see turnOrder): the machine's speed and n8n's resident
 * size drift over a session (its heap grows), so measuring one contender's runs first would hand the
 * others different conditions. Rows come out in the order given.
 */
async function measureRounds(version: string, scenario: string, contenders: Contender[], items: number, repeat = REPEAT): Promise<void> {
	const runs: Measured[][] = contenders.map(() => []);
	for (let round = 0; round < repeat; round++) {
		for (const i of turnOrder(contenders.length, round)) {
			const { implementation } = contenders[i];
			const run = await contenders[i].run();
			// n8n's HTTP Request node puts out one empty item for an empty list.
			if (run.items !== items && !(items === 0 && run.items === 1 && implementation === HTTP_NODE_LABEL)) throw new Error(`${implementation} returned ${run.items} items, expected ${items}`);
			runs[i].push(run);
			const memory = run.peakMiB !== undefined ? `, peak ${run.peakMiB.toFixed(0)} MiB` : '';
			log(`  ${scenario} · ${implementation}: ${Math.round(run.ms)} ms${memory}, ${run.requests} requests`);
		}
	}
	contenders.forEach(({ implementation }, i) => {
		const of = (pick: (run: Measured) => number | undefined): number | undefined => {
			const values = runs[i].map(pick).filter((value): value is number => value !== undefined);
			return values.length > 0 ? median(values) : undefined;
		};
		rows.push({
			version,
			scenario,
			implementation,
			items,
			ms: of((run) => run.ms)!,
			peakMiB: of((run) => run.peakMiB),
			growthMiB: of((run) => run.growthMiB),
			requests: of((run) => run.requests),
			rateLimited: of((run) => run.rateLimited),
		});
	});
}

async function benchVersion(version: string, skipBuild: boolean): Promise<void> {
	log(`═══ n8n ${version} · load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} ═══`);
	const session = await openSession({ version, runName: `bench-${version}`, skipBuild });
	const sandbox = await startSandbox({ port: 0, rateLimitWindowMs: RATE_WINDOW_MS });
	// Attached only to profile: a full GC forced through it before each run (tried, to even out GC pauses)
	// flushed n8n's compiled code and made every following run about twice as slow.
	if (PROFILE) inspector = await Inspector.attach(session.n8n.pid!);
	const open: BenchWorkflow[] = [];
	const workflow = async (name: string, node: Parameters<typeof createBenchWorkflow>[2]) => {
		const wf = await createBenchWorkflow(session, name, node);
		open.push(wf);
		return wf;
	};
	try {
		// Loopback, no rate limit: 1,000 / 10,000 / 50,000 threads.
		let warm = false;
		for (const threads of SIZES) {
			const scenario = loopbackScenario(threads);
			const { projectId, key } = threadProject(sandbox, threads);
			const creds = await credentialsFor(session, `${threads}`, key, sandbox.url);
			const http = await workflow(`HTTP ${threads}`, httpRequestNode(creds.header, sandbox.url));
			const auto = await workflow(`Worken ${threads}`, workenNode(creds.worken, 0));
			if (!warm) {
				warm = true;
				// Load both nodes' code once, so the first measured run does not pay for it.
				await runOnce(session, http);
				await runOnce(session, auto);
			}
			const contenders = [
				floorContender(sandbox, key),
				nodeContender(session, sandbox, projectId, HTTP_NODE_LABEL, http),
				nodeContender(session, sandbox, projectId, workenLabel('Auto'), auto),
			];
			let one: BenchWorkflow | undefined;
			if (FIXED_PARALLEL_SIZES.includes(threads)) {
				for (const parallel of FIXED_PARALLEL) {
					const fixed = await workflow(`Worken ${parallel} ${threads}`, workenNode(creds.worken, parallel));
					if (parallel === 1) one = fixed;
					contenders.push(nodeContender(session, sandbox, projectId, workenLabel(parallel), fixed));
				}
			}
			await measureRounds(version, scenario, contenders, threads);
			if (PROFILE && threads === 10_000) {
				const profiled: Array<[string, BenchWorkflow]> = [['HTTP Request node', http], [workenLabel('Auto'), auto]];
				if (one) profiled.splice(1, 0, [workenLabel(1), one]);
				for (const [label, wf] of profiled) {
					sandbox.control.clearRequests();
					// Only the node's own execution: not the webhook, nor saving and reading back the execution.
					const { totals, profile, windowMs } = await profileRun(
						inspector!,
						() => runOnce(session, wf),
						wf === http ? 'n8n-nodes-base' : 'n8n-nodes-worken',
					);
					const sent = sandbox.control.requests().filter((entry) => entry.projectId === projectId).length;
					// The whole profile, for Chrome DevTools (Performance → Load profile) or a closer look.
					const file = path.join(PROFILE_DIR, `${version}-${label.replace(/[^A-Za-z0-9]+/g, '-')}.cpuprofile`);
					fs.mkdirSync(PROFILE_DIR, { recursive: true });
					fs.writeFileSync(file, JSON.stringify(profile));
					log(`  profile written to ${path.relative(process.cwd(), file)}`);
					profiles.push(formatProfile(`n8n ${version}, ${label}, 10,000 threads`, totals, sent, windowMs));
				}
			}
		}

		// 100 ms of latency per request (a delay on every request), no rate limit, 10,000 threads.
		if (!SKIP_LATENCY) {
			const threads = 10_000;
			const scenario = `${LATENCY_MS} ms latency, 10,000 threads`;
			const { projectId, key } = threadProject(sandbox, threads);
			const creds = await credentialsFor(session, `latency`, key, sandbox.url);
			const http = await workflow('HTTP latency', httpRequestNode(creds.header, sandbox.url));
			const auto = await workflow('Worken latency', workenNode(creds.worken, 0));
			const one = await workflow('Worken 1 latency', workenNode(creds.worken, 1));
			sandbox.control.injectFaults({ count: Number.MAX_SAFE_INTEGER, delayMs: LATENCY_MS });
			try {
				await measureRounds(version, scenario, [
					floorContender(sandbox, key),
					nodeContender(session, sandbox, projectId, HTTP_NODE_LABEL, http),
					nodeContender(session, sandbox, projectId, workenLabel('Auto'), auto),
					nodeContender(session, sandbox, projectId, workenLabel(1), one),
				], threads);
			} finally {
				sandbox.control.clearFaults();
			}
		}

		// Rate-limited plans: more pages than the plan allows per minute, each run on a fresh project (a
		// fresh budget). Only the Worken node: the HTTP Request node's pagination stops at the first 429.
		if (!SKIP_RATE_LIMITED) {
			for (const [plan, threads] of [
				['free', 10_000],
				['starter', 40_000],
			] as const) {
				const perWindow = PLAN_LIMITS[plan];
				const scenario = `${plan} plan (${perWindow}/min), ${threads.toLocaleString('en-US')} threads = ${requestsFor(threads)} pages`;
				const figures: number[] = [];
				for (let i = 0; i < 1; i++) {
					const { projectId, key } = threadProject(sandbox, threads, plan);
					const creds = await credentialsFor(session, `${plan}-${i}`, key, sandbox.url);
					const auto = await workflow(`Worken ${plan} ${i}`, workenNode(creds.worken, 0));
					await measureRounds(version, scenario, [nodeContender(session, sandbox, projectId, workenLabel('Auto'), auto)], threads, 1);
					figures.push(rows[rows.length - 1].ms);
				}
				// Request k (from 0) cannot be sent before floor(k / perWindow) windows have passed.
				rows[rows.length - 1].unavoidableMs = Math.floor((requestsFor(threads) - 1) / perWindow) * RATE_WINDOW_MS;
			}
		}
	} finally {
		inspector?.close();
		inspector = undefined;
		for (const wf of open) await wf.close();
		await sandbox.close();
		await session.stop();
	}
	if (!SKIP_FRESH_MEMORY) {
		const memorySandbox = await startSandbox({ port: 0 });
		try {
			for (const figure of await measureFreshMemory(version, memorySandbox, FRESH_MEMORY_SIZES, FRESH_MEMORY_REPEAT)) {
				freshMemory.push({ ...figure, version });
			}
		} finally {
			await memorySandbox.close();
		}
	}
	log(`n8n ${version} done · load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

function fmt(ms: number): string {
	return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms).toLocaleString('en-US')} ms`;
}

function printTable(): void {
	const lines = [
		'| n8n | case | implementation | time | × floor | × HTTP node | requests (429) | n8n peak RSS | RSS growth |',
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const row of rows) {
		const same = rows.filter((r) => r.version === row.version && r.scenario === row.scenario);
		const floor = same.find((r) => r.implementation.startsWith('sequential'));
		const http = same.find((r) => r.implementation.startsWith('HTTP'));
		const vsFloor = floor && row !== floor ? `${(row.ms / floor.ms).toFixed(2)}×` : row.unavoidableMs ? `${(row.ms / row.unavoidableMs).toFixed(3)}× of ${fmt(row.unavoidableMs)} unavoidable` : '';
		const vsHttp = http && row !== http && row !== floor ? `${(row.ms / http.ms).toFixed(2)}×` : '';
		lines.push(
			`| ${row.version} | ${row.scenario} | ${row.implementation} | ${fmt(row.ms)} | ${vsFloor} | ${vsHttp} | ${row.requests ?? ''}${row.rateLimited ? ` (${row.rateLimited})` : ''} | ${row.peakMiB ? `${row.peakMiB.toFixed(0)} MiB` : ''} | ${row.growthMiB !== undefined ? `+${row.growthMiB.toFixed(0)} MiB` : ''} |`,
		);
	}
	console.log(`\n${lines.join('\n')}\n`);
	console.log(`${requestsTable()}\n`);
	if (freshMemory.length > 0) console.log(`${freshMemoryTable()}\n`);
	if (profiles.length > 0) console.log(`${profiles.join('\n\n')}\n`);
}

/**
 * Requests and time per list size on loopback: the sequential reader (Parallel Requests: 1), Auto and
 * the HTTP Request node, with the most requests Auto may send: one more than the sequential reader for
 * lists of up to 10 pages, 1.1× its requests for longer ones.
 */
function requestsTable(): string {
	const lines = [
		'Requests and time per Return All on loopback (median):',
		'',
		'| n8n | threads | needed | Parallel Requests: 1 | Auto | HTTP Request node | Auto may send | Auto time | 1 time | HTTP time | Auto × 1 | Auto × HTTP |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const version of [...new Set(rows.map((row) => row.version))]) {
		for (const threads of SIZES) {
			const of = (implementation: string): Row | undefined =>
				rows.find((row) => row.version === version && row.scenario === loopbackScenario(threads) && row.implementation === implementation);
			const one = of(workenLabel(1));
			const auto = of(workenLabel('Auto'));
			const http = of(HTTP_NODE_LABEL);
			if (!auto) continue;
			const needed = requestsFor(threads);
			const allowed = needed <= 10 ? needed + 1 : Math.floor(needed * 1.1);
			const ratio = (a?: Row, b?: Row): string => (a && b ? `${(a.ms / b.ms).toFixed(2)}×` : '');
			lines.push(
				`| ${version} | ${threads.toLocaleString('en-US')} | ${needed} | ${one?.requests ?? ''} | ${auto.requests}${(auto.requests ?? 0) > allowed ? ' (over)' : ''} | ${http?.requests ?? ''} | ${allowed} | ${fmt(auto.ms)} | ${one ? fmt(one.ms) : ''} | ${http ? fmt(http.ms) : ''} | ${ratio(auto, one)} | ${ratio(auto, http)} |`,
			);
		}
	}
	return lines.join('\n');
}

/** Peak RSS of a fresh n8n per run: median, the range over the runs, and the ratio to the HTTP node's median. */
function freshMemoryTable(): string {
	const lines = [
		`Memory, a fresh n8n for each run (median of ${FRESH_MEMORY_REPEAT}; see bench/n8n/freshMemory.ts):`,
		'',
		'| n8n | threads | implementation | n8n peak RSS | range | × HTTP node | RSS growth over the run | time |',
		'|---|---|---|---|---|---|---|---|',
	];
	for (const figure of freshMemory) {
		const peaks = figure.runs.map((run) => run.peakMiB);
		const http = freshMemory.find((f) => f.version === figure.version && f.items === figure.items && f.implementation.startsWith('HTTP'));
		const vsHttp = http && http !== figure ? `${(median(peaks) / median(http.runs.map((run) => run.peakMiB))).toFixed(2)}×` : '';
		lines.push(
			`| ${figure.version} | ${figure.items.toLocaleString('en-US')} | ${figure.implementation} | ${median(peaks).toFixed(0)} MiB | ${Math.min(...peaks).toFixed(0)}–${Math.max(...peaks).toFixed(0)} MiB | ${vsHttp} | +${median(figure.runs.map((run) => run.growthMiB)).toFixed(0)} MiB | ${fmt(median(figure.runs.map((run) => run.ms)))} |`,
		);
	}
	return lines.join('\n');
}

// Ctrl-C: exit through process.exit so the 'exit' hooks stop the n8n this run started.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

async function main(): Promise<void> {
	const versions = argValue('--version') ? [argValue('--version')!] : [...N8N_VERSIONS];
	let skipBuild = hasFlag('--skip-build');
	const started = Date.now();
	for (const version of versions) {
		await benchVersion(version, skipBuild);
		skipBuild = true;
		printTable();
	}
	console.log(`median of ${REPEAT} runs (rate-limited cases: 1 run); load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${os.cpus().length} CPUs; total ${Math.round((Date.now() - started) / 1000)} s`);
}

main().then(
	() => process.exit(0),
	(err: unknown) => {
		console.error(err instanceof Error ? err.stack : err);
		printTable();
		process.exit(1);
	},
);
