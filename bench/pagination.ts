/**
 * Figures for Return All and Limit through the built Worken node in n8n-core, against the in-process
 * sandbox (build first: npm run build).
 *   node --expose-gc -r ts-node/register/transpile-only bench/pagination.ts [items=20000] [all|limit]
 * Prints, for Return All over N bots (or Limit N/2): requests made, largest page, wall time, items per
 * second, and the heap growth per returned item after a forced GC. One case per process, so one case's
 * garbage never counts in another's figure; the per-item figure stays flat as N grows when pages are
 * appended, not copied.
 */
import { startSandbox } from '../sandbox';
import { runActionNode } from '../scripts/engine';

function heapUsed(): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (gc) gc();
	return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
	const total = Number(process.argv[2] ?? 20_000);
	const sandbox = await startSandbox({ port: 0 });
	try {
		const { projectId, key } = sandbox.control.createProject();
		sandbox.control.seed(projectId, { bots: total });
		const credentials = { apiKey: key, baseUrl: sandbox.url };
		const half = Math.floor(total / 2);
		const cases: Array<[string, Record<string, unknown>, number]> =
			process.argv[3] === 'limit'
				? [[`Limit ${half} of ${total}`, { returnAll: false, limit: half }, half]]
				: [[`Return All over ${total}`, { returnAll: true }, total]];
		// Warm up the engine once, so the first case does not pay for loading n8n-core.
		await runActionNode({ credentials, parameters: { resource: 'bot', operation: 'getAll', limit: 1 } });
		for (const [label, list, expected] of cases) {
			sandbox.control.clearRequests();
			const before = heapUsed();
			const started = process.hrtime.bigint();
			const result = await runActionNode({
				credentials,
				parameters: { resource: 'bot', operation: 'getAll', ...list },
			});
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			const count = result.items.length;
			const requests = sandbox.control.requests().filter((entry) => entry.projectId === projectId);
			// Heap growth over the run with the output still alive: the output items plus n8n's run data.
			const held = heapUsed() - before;
			const maxPage = Math.max(...requests.map((entry) => Number(entry.query.limit)));
			console.log(
				`${label}: ${count} items (expected ${expected}), ${requests.length} requests, largest page ${maxPage}, ` +
					`${ms.toFixed(0)} ms, ${Math.round((count / ms) * 1000)} items/s, ` +
					`heap grew ${(held / 1024 / 1024).toFixed(1)} MiB = ${Math.round(held / Math.max(1, count))} B/item`,
			);
			if (count !== expected) process.exitCode = 1;
		}
	} finally {
		await sandbox.close();
	}
}

void main();
