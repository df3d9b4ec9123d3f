/**
 * `npm run probe` against the real sandbox over HTTP, through the built pack's transport in n8n-core:
 * every row passes against the contract, every deliberate deviation is named on its row, the scratch
 * objects of --write are gone afterwards (also when a step fails), and the key never shows.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

import { ENDPOINTS } from '../../nodes/transport/endpoints';
import type { Deviation, Sandbox } from '../../sandbox';
import { ManualClock, startSandbox } from '../../sandbox';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import { probeCommand } from '../../scripts/probe/main';
import { formatText } from '../../scripts/probe/report';
import { runProbe } from '../../scripts/probe/run';
import type { ProbeReport } from '../../scripts/probe/run';

const ROOT = path.resolve(__dirname, '../..');
let sandbox: Sandbox;
// Fault delays end only when a test advances this clock (the projects are unlimited: no rate window).
const clock = new ManualClock();

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, clock });
});

afterAll(async () => {
	await sandbox.close();
});

afterEach(() => {
	sandbox.control.setDeviations([]);
	sandbox.control.clearFaults();
});

/** A project like a small real one: two bots with chats, threads, messages, an integration and usage. */
function seededProject(): { key: string; projectId: string } {
	const project = sandbox.control.createProject();
	sandbox.control.seed(project.key, { bots: 2, chatsPerBot: 1, threadsPerChat: 2, messagesPerThread: 2, integrations: 1, usageDays: 3 });
	return project;
}

async function probe(key: string, args: string[] = []): Promise<{ code: number; output: string }> {
	const printed: string[] = [];
	const code = await probeCommand(args, { WORKEN_API_KEY: key, WORKEN_BASE_URL: sandbox.url }, (text) => printed.push(text));
	const output = printed.join('\n');
	expect(output).not.toContain(key);
	return { code, output };
}

async function probeJson(key: string, args: string[] = []): Promise<{ code: number; report: ProbeReport }> {
	const { code, output } = await probe(key, [...args, '--json']);
	return { code, report: JSON.parse(output) as ProbeReport };
}

/** The text line of a row, e.g. "GET    /bots/{botId}   200  ok". */
function line(output: string, label: RegExp): string {
	const found = output.split('\n').find((text) => label.test(text));
	if (!found) throw new Error(`no row ${label} in:\n${output}`);
	return found;
}

async function scratchLeft(key: string): Promise<string[]> {
	const bots = await workenApi<Array<{ name: string }>>(sandbox.url, key, 'GET', '/bots?limit=100');
	const chats = await workenApi<Array<{ name: string }>>(sandbox.url, key, 'GET', '/chats?limit=100');
	const threads = await workenApi<Array<{ title: string | null }>>(sandbox.url, key, 'GET', '/threads?limit=100');
	return [...bots.map((b) => b.name), ...chats.map((c) => c.name), ...threads.map((t) => t.title ?? '')].filter((name) =>
		name.startsWith('probe-'),
	);
}

const READS = Object.entries(ENDPOINTS)
	.filter(([, endpoint]) => endpoint.method === 'GET')
	.map(([name]) => name);

describe('npm run probe against the sandbox as the contract says', () => {
	it('passes every read endpoint of the endpoint table, exit code 0', async () => {
		const { key } = seededProject();
		const { code, report } = await probeJson(key);
		expect(report.fatal).toBeUndefined();
		expect(report.rows.filter((row) => row.outcome !== 'ok')).toEqual([]);
		expect(new Set(report.rows.map((row) => row.endpoint))).toEqual(new Set(READS));
		expect(report.rows.find((row) => row.variant === 'cursor feed')).toMatchObject({ endpoint: 'listThreads', status: 200 });
		expect(report.notProbed.map((entry) => entry.endpoint).filter((name) => READS.includes(name))).toEqual([]);
		expect(code).toBe(0);

		const text = await probe(key);
		expect(text.code).toBe(0);
		expect(line(text.output, /GET +\/bots\/\{botId\} /)).toMatch(/200 +ok$/);
		expect(text.output).toMatch(/Summary: 14 rows: 14 ok, 0 differ, 0 skipped\./);
		expect(text.output).toContain(`key sk-****${key.slice(-4)}`);
	});

	it('with --write: creates, changes and deletes a scratch bot, chat and thread; none is left', async () => {
		const { key, projectId } = seededProject();
		const before = await workenApi<unknown[]>(sandbox.url, key, 'GET', '/bots?limit=100');
		sandbox.control.clearRequests();
		const { code, output } = await probe(key, ['--write']);
		expect(output).toMatch(/Summary: 29 rows: 29 ok, 0 differ, 0 skipped\./);
		expect(code).toBe(0);
		for (const row of [/POST +\/bots  /, /POST +\/chats  /, /POST +\/chats\/\{chatId\}\/threads  /, /DELETE \/threads\/\{threadId\}/, /DELETE \/bots\/\{botId\} \(the clone\)/]) {
			expect(line(output, row)).toMatch(/ok$/);
		}
		const writes = sandbox.control
			.requests()
			.filter((entry) => entry.projectId === projectId && entry.method !== 'GET')
			.map((entry) => `${entry.method} ${entry.status}`);
		expect(writes.filter((entry) => entry.startsWith('DELETE'))).toEqual(['DELETE 204', 'DELETE 204', 'DELETE 204', 'DELETE 204']);
		expect(await scratchLeft(key)).toEqual([]);
		expect(await workenApi<unknown[]>(sandbox.url, key, 'GET', '/bots?limit=100')).toEqual(before);
	});

	it('skips what needs an id in an empty project, and still exits 0', async () => {
		const { key } = sandbox.control.createProject();
		const { code, output } = await probe(key);
		expect(line(output, /GET +\/bots\/\{botId\} /)).toMatch(/skipped \(no bot in the project\)$/);
		expect(line(output, /GET +\/chats\/\{chatId\}\/threads\/\{threadId\}\/messages/)).toMatch(/skipped \(no thread in the project\)$/);
		expect(code).toBe(0);
	});

	it('stops at once with exit code 2 when the key is refused or malformed', async () => {
		const { key } = sandbox.control.createProject();
		sandbox.control.revokeKey(key);
		const refused = await probe(key);
		expect(refused.output).toMatch(/Worken refused the key \(401\)/);
		expect(refused.code).toBe(2);
		const malformed = await probe('not-a-key');
		expect(malformed.output).toMatch(/not a Worken key/);
		expect(malformed.code).toBe(2);
	});
});

describe('npm run probe against the sandbox with deliberate deviations', () => {
	const cases: Array<{ deviation: Deviation; args: string[]; row: RegExp; says: string }> = [
		{ deviation: 'wrap-lists', args: [], row: /GET +\/bots  /, says: 'wrapped list {data:[…]}: the normaliser copes' },
		{
			deviation: 'camel-cursor',
			args: [],
			row: /GET +\/threads \(cursor feed\)/,
			says: 'cursor named nextCursor instead of next_cursor: the normaliser misses it',
		},
		{ deviation: 'create-201', args: ['--write'], row: /POST +\/bots  /, says: 'status 201 instead of 200' },
		{ deviation: 'bot-title', args: [], row: /GET +\/bots\/\{botId\} /, says: 'missing field name (title instead?)' },
	];

	it.each(cases)('$deviation is named on its row and the exit code is 1', async ({ deviation, args, row, says }) => {
		const { key } = seededProject();
		// Switched over the control API, as a user would with a running sandbox.
		const res = await fetch(`${sandbox.url}/__sandbox/deviations`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ deviations: [deviation] }),
		});
		expect(res.status).toBe(200);
		const { code, output } = await probe(key, args);
		expect(line(output, row)).toContain(says);
		expect(output).toMatch(/What differs and where to fix it:/);
		expect(code).toBe(1);
		if (args.includes('--write')) {
			sandbox.control.setDeviations([]);
			expect(await scratchLeft(key)).toEqual([]);
		}
	});

	it('as the npm script in its own process: exit code 1 and the key never printed', async () => {
		const { key } = seededProject();
		sandbox.control.setDeviations(['wrap-lists']);
		const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'scripts/probe/main.ts'], {
			cwd: ROOT,
			env: { ...process.env, WORKEN_API_KEY: key, WORKEN_BASE_URL: sandbox.url },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(line(output, /GET +\/chats  /)).toContain('wrapped list {data:[…]}');
		expect(output).not.toContain(key);
		expect(code).toBe(1);
	}, 180_000);
});

describe('npm run probe --write when a step fails', () => {
	it('removes the scratch objects in its finally when the deletes fail', async () => {
		const { key, projectId } = seededProject();
		// Both bot deletes (clone, then bot) fail on every attempt: one try and the probe's two retries each.
		sandbox.control.injectFaults({ count: 6, status: 500, method: 'DELETE', pathPrefix: '/bots/' });
		sandbox.control.clearRequests();
		const { code, output } = await probe(key, ['--write']);
		expect(line(output, /DELETE \/bots\/\{botId\} \(the clone\)/)).toMatch(/500 +status 500 instead of 204/);
		expect(line(output, /DELETE \/bots\/\{botId\}  /)).toMatch(/500 +status 500 instead of 204/);
		expect(code).toBe(1);
		const botDeletes = sandbox.control
			.requests()
			.filter((entry) => entry.projectId === projectId && entry.method === 'DELETE' && entry.path.startsWith('/bots/'))
			.map((entry) => entry.status);
		expect(botDeletes).toEqual([500, 500, 500, 500, 500, 500, 204, 204]);
		expect(await scratchLeft(key)).toEqual([]);
	});

	it('stopped mid-way (Ctrl-C), it calls nothing more but still removes what it created', async () => {
		const { key, projectId } = seededProject();
		// The chat's create is held until the stop has arrived.
		sandbox.control.injectFaults({ count: 1, delayMs: 1500, method: 'POST', pathPrefix: '/chats' });
		sandbox.control.clearRequests();
		const stop = new AbortController();
		const running = runProbe({ apiKey: key, baseUrl: sandbox.url, write: true, signal: stop.signal });
		await clock.whenPending();
		stop.abort();
		clock.advance(1500);
		const report = await running;
		expect(report.fatal).toMatch(/stopped \(Ctrl-C\)/);
		expect(report.rows.map((row) => row.endpoint).slice(-1)).toEqual(['createChat']);
		expect(formatText(report, key)).toMatch(/Summary: not finished \(stopped \(Ctrl-C\) before every row was called\); 6 ok/);
		const after = sandbox.control.requests().filter((entry) => entry.projectId === projectId);
		expect(after.filter((entry) => entry.method === 'DELETE').map((entry) => `${entry.path.split('/')[1]} ${entry.status}`)).toEqual([
			'chats 204',
			'bots 204',
			'bots 204',
		]);
		expect(await scratchLeft(key)).toEqual([]);
	});
});
