/**
 * `npm run test:compat` — smoke runs of the pack in older n8n releases (features.ts says which and why).
 *
 *   npm run test:compat                               every version of COMPAT_VERSIONS, panel install
 *   npm run test:compat -- --version 1.85.4           one version
 *   npm run test:compat -- --version 1.49.0 --manual  installed by hand (npm install in .n8n/nodes)
 *   npm run test:compat -- --skip-build               reuse dist/ as it is
 *
 * Each version runs on the Node it declares (versions.ts: nodeRuntimeFor). Ends with `N passed, N failed`
 * alone on a line and exits non-zero when anything failed.
 */
import { argValue, hasFlag } from '../../scripts/args';
import { log, formatDuration } from '../../scripts/n8n/log';
import { ensureN8n, ensureNodeRuntime } from '../../scripts/n8n/install';
import { nodeRuntimeFor } from '../../scripts/n8n/versions';
import { printResults, printTotals, runMain } from '../e2e/harness';
import type { CheckResult } from '../e2e/harness';
import { COMPAT_VERSIONS } from './features';
import { runCompatSmoke } from './suite';

async function main(): Promise<number> {
	const t0 = Date.now();
	const versions = argValue('--version') ? [argValue('--version')!] : [...COMPAT_VERSIONS];
	const install = hasFlag('--manual') ? 'manual' : 'panel';
	let skipBuild = hasFlag('--skip-build');
	const results: CheckResult[] = [];
	const timings: string[] = [];

	for (const v of versions) {
		const t = Date.now();
		try {
			const rt = await ensureNodeRuntime(nodeRuntimeFor(v));
			const inst = await ensureN8n(v, rt);
			timings.push(`install n8n ${v} (Node ${rt.version}): ${inst.installed ? formatDuration(inst.ms) : 'cached'}`);
		} catch (err) {
			results.push({ version: v, name: 'n8n installs', ok: false, ms: Date.now() - t, detail: String(err), notes: [] });
			continue;
		}
		const s = Date.now();
		log(`═══ n8n ${v} (${install} install) ═══`);
		results.push(...(await runCompatSmoke(v, install, skipBuild)));
		skipBuild = true; // built and packed once per process
		timings.push(`smoke on n8n ${v}: ${formatDuration(Date.now() - s)}`);
	}

	printResults('compat smoke summary', results);
	return printTotals(results, timings, t0);
}

runMain(main);
