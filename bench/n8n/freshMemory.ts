/**
 * Peak memory of n8n for the same items, each run in an n8n started for it alone. In one long session
 * n8n's resident size carries every earlier run (its heap grows, and the garbage collector gives pages
 * back late and at random), so the same run measured twice there differs by up to ±100 MiB at 50,000
 * threads. Here every run starts from the same state: a fresh n8n with an empty database, the node's code
 * loaded once by a warm-up run over 1,000 threads, then the one measured run.
 */
import type { Sandbox } from '../../sandbox';
import type { N8nSession } from '../../scripts/n8n/session';
import { openSession } from '../../scripts/n8n/session';
import { log } from '../../scripts/n8n/log';
import type { WorkflowNode } from '../../scripts/n8n/workflows';
import type { Credentials, RunFigures } from './runs';
import { createBenchWorkflow, credentialsFor, HTTP_NODE_LABEL, httpRequestNode, runOnce, threadProject, turnOrder, workenLabel, workenNode } from './runs';

export interface FreshMemoryFigure {
	implementation: string;
	items: number;
	runs: RunFigures[];
}

interface Implementation {
	label: string;
	node: (creds: Credentials, baseUrl: string) => WorkflowNode;
}

const IMPLEMENTATIONS: Implementation[] = [
	{ label: HTTP_NODE_LABEL, node: (creds, baseUrl) => httpRequestNode(creds.header, baseUrl) },
	{ label: workenLabel('Auto'), node: (creds) => workenNode(creds.worken, 0) },
];

async function oneFreshRun(version: string, sandbox: Sandbox, implementation: Implementation, warmKey: string, key: string, items: number): Promise<RunFigures> {
	const session: N8nSession = await openSession({ version, runName: `bench-memory-${version}`, skipBuild: true });
	try {
		const warmCreds = await credentialsFor(session, 'warm-up', warmKey, sandbox.url);
		const warm = await createBenchWorkflow(session, 'warm-up', implementation.node(warmCreds, sandbox.url));
		const creds = await credentialsFor(session, 'measured', key, sandbox.url);
		const measured = await createBenchWorkflow(session, 'measured', implementation.node(creds, sandbox.url));
		await runOnce(session, warm);
		const run = await runOnce(session, measured);
		if (run.items !== items) throw new Error(`${implementation.label} returned ${run.items} items, expected ${items}`);
		await warm.close();
		await measured.close();
		return run;
	} finally {
		await session.stop();
	}
}

/** `repeat` fresh runs of each implementation per size, taking turns (see turnOrder). */
export async function measureFreshMemory(version: string, sandbox: Sandbox, sizes: number[], repeat: number): Promise<FreshMemoryFigure[]> {
	const warmKey = threadProject(sandbox, 1_000).key;
	const figures: FreshMemoryFigure[] = [];
	for (const items of sizes) {
		const { key } = threadProject(sandbox, items);
		const runs = IMPLEMENTATIONS.map(() => [] as RunFigures[]);
		for (let round = 0; round < repeat; round++) {
			for (const i of turnOrder(IMPLEMENTATIONS.length, round)) {
				const run = await oneFreshRun(version, sandbox, IMPLEMENTATIONS[i], warmKey, key, items);
				runs[i].push(run);
				log(`  fresh n8n, ${items.toLocaleString('en-US')} threads · ${IMPLEMENTATIONS[i].label}: peak ${run.peakMiB.toFixed(0)} MiB (+${run.growthMiB.toFixed(0)} MiB over the run), ${Math.round(run.ms)} ms`);
			}
		}
		IMPLEMENTATIONS.forEach((implementation, i) => figures.push({ implementation: implementation.label, items, runs: runs[i] }));
	}
	return figures;
}
