/**
 * `npm run test:upgrade` — the Worken Trigger keeps its place in the feed across upgrades, in real n8n with
 * the sandbox Worken:
 *
 *   - n8n 1.x → 2.x on the same database, SQLite and Postgres 17 (n8n-upgrade.check.ts);
 *   - n8n 2.x's publishing: edit and republish, deactivate and reactivate, import:workflow with the same id
 *     and as a new workflow (publishing.check.ts);
 *   - the pack itself: an earlier build's saved workflows and active trigger on the new build (pack-upgrade.check.ts).
 *
 *   npm run test:upgrade                      everything
 *   npm run test:upgrade -- --only publish    only checks whose name contains "publish"
 *   npm run test:upgrade -- --skip-build      reuse dist/ as it is
 *
 * One n8n runs at a time (the checks wait for minute polls, not for CPU). Measured on the 2-core machine
 * with other work running: publishing 7 min, each n8n upgrade 6–7 min, each pack upgrade 4–5 min; about
 * 30 min in all, plus 3 min to build the earlier pack the first time (npm ci of that commit). Ends with
 * `N passed, N failed` alone on a line and exits non-zero when anything failed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { argValue, hasFlag } from '../../scripts/args';
import { N8N_V1, N8N_V2, N8N_VERSIONS } from '../../scripts/n8n/versions';
import { formatDuration, log } from '../../scripts/n8n/log';
import { RUNS_DIR } from '../../scripts/n8n/paths';
import { ensureN8n, ensureNodeRuntime } from '../../scripts/n8n/install';
import { ensurePostgres } from '../../scripts/n8n/postgres';
import { buildAndPack } from '../../scripts/n8n/community-package';
import { ensureEarlierPack } from '../../scripts/n8n/earlier-pack';
import { startSandbox, Sandbox } from '../../sandbox';
import { CheckRunner, printTotals, runMain } from '../e2e/harness';
import { checkN8nUpgrade } from './n8n-upgrade.check';
import { checkPublishing } from './publishing.check';
import { checkPackUpgrade } from './pack-upgrade.check';

type Check = [string, (note: (t: string) => void) => Promise<string>];

function checks(sandbox: Sandbox): Check[] {
	return [
		[`n8n ${N8N_V2} publishing: republish, deactivate/reactivate, import:workflow (same id, new id)`, (n) => checkPublishing(sandbox, n)],
		[`n8n ${N8N_V1} → ${N8N_V2} on SQLite: the trigger stays active and emits every change once`, (n) => checkN8nUpgrade(sandbox, 'sqlite', n)],
		[`n8n ${N8N_V1} → ${N8N_V2} on Postgres 17: the trigger stays active and emits every change once`, (n) => checkN8nUpgrade(sandbox, 'postgres', n)],
		[`pack upgrade on n8n ${N8N_V2}: an earlier build's workflows and active trigger on the new build`, (n) => checkPackUpgrade(sandbox, N8N_V2, n)],
		[`pack upgrade on n8n ${N8N_V1}: an earlier build's workflows and active trigger on the new build`, (n) => checkPackUpgrade(sandbox, N8N_V1, n)],
	];
}

async function main(): Promise<number> {
	const t0 = Date.now();
	const only = argValue('--only');
	const runner = new CheckRunner('upgrade');
	const timings: string[] = [];
	// Another run of single checks (--only) may be using its folders right now.
	if (!only && fs.existsSync(RUNS_DIR)) {
		for (const d of fs.readdirSync(RUNS_DIR)) if (d.startsWith('upgrade-')) fs.rmSync(path.join(RUNS_DIR, d), { recursive: true, force: true });
	}
	const rt = await ensureNodeRuntime();
	for (const v of N8N_VERSIONS) {
		const inst = await ensureN8n(v, rt);
		timings.push(`install n8n ${v}: ${inst.installed ? formatDuration(inst.ms) : 'cached'}`);
	}
	const pg = await ensurePostgres(rt);
	timings.push(`install Postgres binaries: ${pg.installed ? formatDuration(pg.ms) : 'cached'}`);
	const tb = Date.now();
	await buildAndPack({ skipBuild: hasFlag('--skip-build') });
	await ensureEarlierPack();
	timings.push(`build this pack and the earlier one: ${formatDuration(Date.now() - tb)}`);

	const sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	try {
		for (const [name, fn] of checks(sandbox)) {
			if (only && !name.includes(only)) continue;
			const ts = Date.now();
			await runner.check(name, fn);
			timings.push(`${name.split(':')[0]}: ${formatDuration(Date.now() - ts)}`);
		}
	} finally {
		await sandbox.close().catch(() => undefined);
	}
	console.log('\n══════════ upgrade summary ══════════');
	for (const r of runner.results) {
		console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${formatDuration(r.ms)})${r.ok ? ` — ${r.detail}` : `\n        ${r.detail}`}`);
		for (const n of r.notes) console.log(`        · ${n}`);
	}
	log('upgrade suite done');
	return printTotals(runner.results, timings, t0);
}

runMain(main);
