/**
 * Figures for the Worken Trigger against the in-process sandbox (build first: npm run build).
 *   npx ts-node --transpile-only bench/trigger-backlog.ts [threads=10000] [maxItems=100]
 * Prints: the activation walk (requests, time), draining a backlog of every thread changed once (polls,
 * requests, time), an idle poll, and the size of the stored state.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import { pollTrigger } from '../scripts/engine';

async function main(): Promise<void> {
	const threads = Number(process.argv[2] ?? 10_000);
	const maxItems = Number(process.argv[3] ?? 100);
	const sb = await startSandbox({ port: 0 });
	try {
		const { projectId, key } = sb.control.createProject();
		const chats = Math.ceil(threads / 100);
		const { threadIds } = sb.control.seed(projectId, { bots: 1, chatsPerBot: chats, threadsPerChat: 100 });
		const credentials = { apiKey: key, baseUrl: sb.url };
		const parameters = { events: ['newThread', 'threadUpdated'], options: { maxItems } };
		let staticData: IDataObject = {};
		const poll = async () => {
			const result = await pollTrigger({ credentials, parameters, staticData });
			staticData = result.staticData;
			return result.items;
		};
		const requests = () => sb.control.requests().filter((entry) => entry.projectId === projectId).length;

		let started = Date.now();
		await poll();
		console.log(`activation walk over ${threadIds.length} threads: ${requests()} requests, ${Date.now() - started} ms`);

		for (const threadId of threadIds) sb.control.addMessage(threadId, { role: 'user', content: 'bench' });
		sb.control.clearRequests();
		started = Date.now();
		let polls = 0;
		let emitted = 0;
		const seen = new Set<unknown>();
		for (let items = await poll(); items !== null; items = await poll()) {
			polls++;
			emitted += items.length;
			for (const item of items) seen.add(item.json.id);
		}
		const drainMs = Date.now() - started;
		console.log(
			`backlog of ${threadIds.length} changed threads at ${maxItems} per poll: ${polls} polls + 1 idle, ` +
				`${emitted} items (${seen.size} distinct), ${requests()} requests, ${drainMs} ms ` +
				`(${(drainMs / Math.max(1, polls)).toFixed(1)} ms per poll)`,
		);

		sb.control.clearRequests();
		started = Date.now();
		await poll();
		console.log(`idle poll: ${requests()} request, ${Date.now() - started} ms`);
		const stored = JSON.stringify(staticData['node:Worken Trigger']);
		console.log(`stored state: ${(stored.length / 1024).toFixed(1)} kB`);
	} finally {
		await sb.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
