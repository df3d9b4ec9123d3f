/**
 * `ts-node --transpile-only scripts/n8n/install-cli.ts [version…]`: warm the caches (the Node each needs and the pinned
 * n8n versions) without running anything else, e.g. as a separate CI step.
 */
import { ensureN8n, ensureNodeRuntime } from './install';
import { N8N_VERSIONS, nodeRuntimeFor } from './versions';
import { log, formatDuration } from './log';

async function main(): Promise<void> {
	const versions = process.argv.slice(2).length ? process.argv.slice(2) : [...N8N_VERSIONS];
	for (const v of versions) {
		const t0 = Date.now();
		const rt = await ensureNodeRuntime(nodeRuntimeFor(v));
		const res = await ensureN8n(v, rt);
		log(`n8n ${v}: ${res.installed ? 'installed' : 'cache hit'} (${formatDuration(Date.now() - t0)})`);
	}
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
