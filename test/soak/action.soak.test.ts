/**
 * Action soak: 1,000 items through Bot → Create, Thread → Create, Thread → Update and Message → Send as
 * Operator in n8n-core's engine, over HTTP, while the sandbox deals about 10% faults (429 with Retry-After
 * 0, 500, connection reset, slow answers). With Continue On Fail every item is either done exactly once in
 * the sandbox or an error item saying what failed (and then nothing of it is in the sandbox): no doubled
 * create or message. Without Continue On Fail the run stops at the first failure and the items after it
 * are not touched. The sandbox's faults act before the request is handled, so an item the node reports
 * as failed must have left nothing behind.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { runActionNode } from '../helpers/n8n';
import type { TestProject } from '../actions/fixtures';
import { byId, startActionEnv } from '../actions/fixtures';
import type { ActionEnv } from '../actions/fixtures';

const PER_OPERATION = 250;

let env: ActionEnv;
let sb: Sandbox;

beforeAll(async () => {
	env = await startActionEnv();
	sb = env.sandbox;
});

afterAll(async () => {
	await env.close();
});

interface Case {
	name: string;
	parameters: INodeParameters;
	/** How many objects in the sandbox carry item n's marker (1 = done once). */
	doneCount(n: number): number;
}

interface Soak {
	cases: Case[];
	/** Per item n: the thread Thread → Update renames and the thread Message → Send writes in. */
	inputs: IDataObject[];
	/** Reads the project's bots (call with the fault mix off). */
	loadBots(): Promise<void>;
}

/** Every object an item may create or change carries a marker with the item's number. */
function soak(project: TestProject, marker: string): Soak {
	const control = sb.control;
	const seeded = control.seed(project.projectId, { bots: 1, chatsPerBot: 1, threadsPerChat: 2 * PER_OPERATION });
	const [chatId] = seeded.chatIds;
	const renamed = seeded.threadIds.slice(0, PER_OPERATION);
	const written = seeded.threadIds.slice(PER_OPERATION);
	let botNames: string[] = [];
	const createdThreadTitles = (): string[] =>
		control
			.threadChanges(project.projectId)
			.filter((change) => change.created)
			.map((change) => String(control.getThread(change.threadId)?.title));
	// Each renamed thread changes only through its item: its changes after creation are the renames.
	const renames = (id: string) => control.threadChanges(project.projectId).filter((change) => change.threadId === id && !change.created).length;
	const count = (list: string[], value: string) => list.filter((entry) => entry === value).length;
	return {
		inputs: Array.from({ length: PER_OPERATION }, (_, n) => ({ n, renameId: renamed[n], writeId: written[n] })),
		async loadBots() {
			const response = await fetch(`${sb.url}/bots?limit=100&offset=0`, { headers: { Authorization: `Bearer ${project.key}` } });
			const first = (await response.json()) as Array<{ name: string }>;
			botNames = first.map((bot) => bot.name);
			for (let offset = 100; botNames.length === offset; offset += 100) {
				const next = await fetch(`${sb.url}/bots?limit=100&offset=${offset}`, { headers: { Authorization: `Bearer ${project.key}` } });
				botNames.push(...((await next.json()) as Array<{ name: string }>).map((bot) => bot.name));
			}
		},
		cases: [
			{
				name: 'Bot → Create',
				parameters: { resource: 'bot', operation: 'create', name: `={{ "${marker} bot " + $json.n }}` },
				doneCount: (n) => count(botNames, `${marker} bot ${n}`),
			},
			{
				name: 'Thread → Create',
				parameters: {
					resource: 'thread',
					operation: 'create',
					chatId: byId(chatId),
					additionalFields: { title: `={{ "${marker} thread " + $json.n }}` },
				},
				doneCount: (n) => count(createdThreadTitles(), `${marker} thread ${n}`),
			},
			{
				name: 'Thread → Update',
				parameters: {
					resource: 'thread',
					operation: 'update',
					threadId: byId('={{ $json.renameId }}'),
					updateFields: { title: `={{ "${marker} renamed " + $json.n }}` },
				},
				doneCount: (n) => (control.getThread(renamed[n])?.title === `${marker} renamed ${n}` ? renames(renamed[n]) : 0),
			},
			{
				name: 'Message → Send as Operator',
				parameters: {
					resource: 'message',
					operation: 'sendOperator',
					threadId: byId('={{ $json.writeId }}'),
					text: `={{ "${marker} message " + $json.n }}`,
				},
				doneCount: (n) => count((control.listMessages(written[n]) ?? []).map((m) => m.content), `${marker} message ${n}`),
			},
		],
	};
}

function isErrorItem(item: INodeExecutionData): boolean {
	return typeof item.json.error === 'string';
}

test('1,000 items under ~10% faults with Continue On Fail: each done exactly once or an error item, never doubled', async () => {
	const t0 = Date.now();
	const project = env.createProject();
	const { cases: all, inputs, loadBots } = soak(project, 'soak');
	sb.control.setFaultMix({ rate: 0.1, kinds: ['429', '500', 'reset', 'slow'], retryAfter: 0, slowMs: 50, seed: 5 });
	const outputs: INodeExecutionData[][] = [];
	for (const c of all) {
		const { items, error } = await runActionNode({
			credentials: project.credentials,
			parameters: c.parameters,
			items: inputs,
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		outputs.push(items);
	}
	const dealt = sb.control.chaosDealt();
	sb.control.setFaultMix(undefined);
	await loadBots();

	const lines: string[] = [];
	const problems: string[] = [];
	const examples = new Set<string>();
	let done = 0;
	let errors = 0;
	all.forEach((c, i) => {
		const items = outputs[i];
		expect(items).toHaveLength(PER_OPERATION);
		let ok = 0;
		let failed = 0;
		items.forEach((item, n) => {
			expect(item.pairedItem).toEqual({ item: n });
			const count = c.doneCount(n);
			if (isErrorItem(item)) {
				failed++;
				examples.add(`${String(item.json.error)} — ${String(item.json.description ?? '')}`.slice(0, 200));
				if (count !== 0) problems.push(`${c.name} item ${n}: error item but done ${count}×`);
				// The error says what went wrong with this item's request: Worken's 500 or the broken connection.
				if (!/\(500\)|ECONNRESET/.test(`${String(item.json.error)} ${String(item.json.description)}`)) {
					problems.push(`${c.name} item ${n}: unclear error ${JSON.stringify(item.json)}`);
				}
			} else {
				ok++;
				if (count !== 1) problems.push(`${c.name} item ${n}: done ${count}×`);
			}
		});
		done += ok;
		errors += failed;
		lines.push(`  ${c.name.padEnd(28)} ${ok} done once, ${failed} error items`);
	});
	const faults = Object.values(dealt).reduce((n, k) => n + k, 0);
	console.log(
		[
			`Action soak (Continue On Fail): ${PER_OPERATION * all.length} items, ${done} done exactly once, ${errors} error items, ${problems.length} doubled or half-done, ${faults} faults dealt ${JSON.stringify(dealt)}, ${Math.round((Date.now() - t0) / 1000)} s`,
			...lines,
			'  error items say:',
			...[...examples].map((text) => `    ${text}`),
		].join('\n'),
	);
	expect(problems).toEqual([]);
	expect(done + errors).toBe(1_000);
	expect(errors).toBeGreaterThan(0);
	expect(dealt['429']).toBeGreaterThan(0);
}, 180_000);

test('the same without Continue On Fail: the run stops at the first failure, nothing after it is written', async () => {
	const project = env.createProject();
	const { cases: all, inputs, loadBots } = soak(project, 'stop');
	sb.control.setFaultMix({ rate: 0.1, kinds: ['500', 'reset'], seed: 9 });
	const errors: Array<string | undefined> = [];
	for (const c of all) {
		const { items, error } = await runActionNode({ credentials: project.credentials, parameters: c.parameters, items: inputs });
		expect(items).toEqual([]);
		errors.push(error?.message);
	}
	sb.control.setFaultMix(undefined);
	await loadBots();
	const stops: string[] = [];
	all.forEach((c, i) => {
		expect(errors[i]).toMatch(/^(Worken had an internal error \(500\)|Could not reach Worken at http:\/\/127\.0\.0\.1:\d+)$/);
		const counts = Array.from({ length: PER_OPERATION }, (_, n) => c.doneCount(n));
		const firstFailed = counts.indexOf(0);
		expect(firstFailed).toBeGreaterThanOrEqual(0);
		// Items before the failure done once; the failed item and everything after it: nothing.
		expect(counts.slice(0, firstFailed).every((n) => n === 1)).toBe(true);
		expect(counts.slice(firstFailed).every((n) => n === 0)).toBe(true);
		stops.push(`${c.name}: stopped at item ${firstFailed} of ${PER_OPERATION} (${errors[i]})`);
	});
	console.log(`Action soak without Continue On Fail:\n  ${stops.join('\n  ')}`);
}, 180_000);
