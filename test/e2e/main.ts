/**
 * `npm run test:e2e` — the real-n8n end-to-end suite for both pinned n8n versions, one after the other.
 *
 *   npm run test:e2e                       both versions
 *   npm run test:e2e -- --version 1.123.81 one version
 *   npm run test:e2e -- --only trigger     only checks whose name contains "trigger" (debugging)
 *   npm run test:e2e -- --skip-build       reuse dist/ as it is
 *
 * Ends with `N passed, N failed` alone on a line and exits non-zero when anything failed.
 */
import { argValue, hasFlag } from '../../scripts/args';
import { N8N_VERSIONS } from '../../scripts/n8n/versions';
import { log, formatDuration } from '../../scripts/n8n/log';
import { ensureN8n, ensureNodeRuntime } from '../../scripts/n8n/install';
import { RUNS_DIR } from '../../scripts/n8n/paths';
import * as fs from 'fs';
import * as path from 'path';
import { runSuite } from './suite';
import { printResults, printTotals, runMain } from './harness';
import type { CheckResult } from './harness';

async function main(): Promise<number> {
	const t0 = Date.now();
	const versions = argValue('--version') ? [argValue('--version')!] : [...N8N_VERSIONS];
	const only = argValue('--only');
	let skipBuild = hasFlag('--skip-build');
	const results: CheckResult[] = [];
	const timings: string[] = [];

	// Keep only this run's n8n user folders (their logs are what one reads after a failure). Only those of the
	// versions this run tests: a run of the other version may be using its folder right now.
	if (fs.existsSync(RUNS_DIR)) {
		for (const d of fs.readdirSync(RUNS_DIR)) {
			if (versions.some((v) => d.startsWith(`e2e-${v}-`))) fs.rmSync(path.join(RUNS_DIR, d), { recursive: true, force: true });
		}
	}

	// Install (or find in the cache) everything first, so the timings below separate install from tests.
	const rt = await ensureNodeRuntime();
	for (const v of versions) {
		const t = Date.now();
		const inst = await ensureN8n(v, rt).catch((err: unknown) => {
			results.push({ version: v, name: 'n8n installs', ok: false, ms: Date.now() - t, detail: String(err), notes: [] });
			return undefined;
		});
		if (inst) timings.push(`install n8n ${v}: ${inst.installed ? formatDuration(inst.ms) : 'cached'}`);
	}

	for (const v of versions) {
		if (results.some((r) => r.version === v && r.name === 'n8n installs')) continue;
		const t = Date.now();
		log(`═══ n8n ${v} ═══`);
		results.push(...(await runSuite({ version: v, skipBuild, only })));
		skipBuild = true; // built and packed once per process
		timings.push(`e2e on n8n ${v}: ${formatDuration(Date.now() - t)}`);
	}

	printResults('real-n8n e2e summary', results);
	return printTotals(results, timings, t0);
}

runMain(main);
