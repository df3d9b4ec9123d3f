/**
 * Where n8n's CPU goes during one run: the benchmark opens the n8n process's inspector (SIGUSR1, the
 * standard Node way to attach to a running process), records a CPU profile around exactly one execution,
 * and sums the time by what it was spent on. Needs a WebSocket client: Node 22+, or Node 20 with
 * --experimental-websocket (npm run bench:n8n passes it).
 */
import { sleep } from '../../scripts/n8n/process';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	/** Microseconds, on the profiled process's own clock. */
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** Wall-clock milliseconds (Date.now()) of the part of the run to sum up: the node's own execution. */
export interface TimeWindow {
	fromMs: number;
	toMs: number;
}

class Inspector {
	private nextId = 1;
	private pending = new Map<number, (result: unknown) => void>();

	private constructor(private readonly socket: WebSocket) {
		socket.addEventListener('message', (event) => {
			const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: unknown };
			if (message.id !== undefined) this.pending.get(message.id)?.(message.error ? Promise.reject(new Error(JSON.stringify(message.error))) : message.result);
		});
	}

	static async attach(pid: number, port = 9229): Promise<Inspector> {
		process.kill(pid, 'SIGUSR1');
		let url: string | undefined;
		for (let i = 0; i < 40 && !url; i++) {
			try {
				const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>;
				url = targets[0]?.webSocketDebuggerUrl;
			} catch {
				await sleep(250);
			}
		}
		if (!url) throw new Error(`n8n's inspector did not open on port ${port}`);
		const WebSocketClass = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
		if (!WebSocketClass) throw new Error('no WebSocket in this Node: use Node 22+ or --experimental-websocket');
		const socket = new WebSocketClass(url);
		await new Promise((resolve, reject) => {
			socket.addEventListener('open', resolve);
			socket.addEventListener('error', reject);
		});
		return new Inspector(socket);
	}

	send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
		const id = this.nextId++;
		return new Promise<T>((resolve) => {
			this.pending.set(id, resolve as (result: unknown) => void);
			this.socket.send(JSON.stringify({ id, method, params }));
		});
	}

	close(): void {
		this.socket.close();
	}
}

/** What a sample's code belongs to, from its function and file. */
function category(frame: ProfileNode['callFrame']): string {
	const { url, functionName } = frame;
	if (functionName === '(idle)') return 'idle (waiting for I/O)';
	if (functionName === '(garbage collector)') return 'garbage collection';
	// Also where samples land while the process waits for a CPU on a loaded machine.
	if (functionName === '(program)') return '(program): V8 internals, or waiting for a CPU';
	if (url.includes('n8n-nodes-worken')) return 'the Worken node (this pack)';
	if (/credentials|cipher|crypto/i.test(url)) return 'n8n credentials (read, decrypt, authenticate)';
	if (/expression|tmpl|riot|esprima|recast|jssha|expression-evaluator|@n8n\/tournament|tournament/i.test(url)) return 'n8n expressions';
	if (/axios|follow-redirects|form-data|proxy-from-env/.test(url)) return 'HTTP client (axios)';
	if (url.startsWith('node:')) return 'Node core (sockets, streams, timers)';
	if (/typeorm|sqlite|better-sqlite|@n8n\/db/.test(url)) return 'database';
	if (/n8n-nodes-base/.test(url)) return 'n8n HTTP Request node';
	if (/n8n-core|n8n-workflow|\/n8n\/dist/.test(url)) return 'n8n engine (other)';
	if (url === '') return 'native (JSON, Buffer, ...)';
	return 'other';
}

/**
 * Milliseconds of CPU by category within `window`. The profile's clock is the process's own; it is mapped
 * to wall-clock time by the moment the profiler was started (`startedAtMs`), which is good to a few ms.
 */
export function summarise(profile: CpuProfile, startedAtMs: number, window?: TimeWindow): Map<string, number> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const totals = new Map<string, number>();
	let at = profile.startTime;
	profile.samples.forEach((id, i) => {
		const delta = profile.timeDeltas[i] ?? 0;
		at += delta;
		const wallMs = startedAtMs + (at - profile.startTime) / 1000;
		if (window && (wallMs < window.fromMs || wallMs > window.toMs)) return;
		const node = byId.get(id);
		if (!node) return;
		const key = category(node.callFrame);
		totals.set(key, (totals.get(key) ?? 0) + delta / 1000);
	});
	return totals;
}

/** Records n8n's CPU profile while `run` executes once; `window` picks the part of it to sum up. */
export async function profileRun<T>(
	pid: number,
	run: () => Promise<T>,
	window: (result: T) => TimeWindow | undefined,
): Promise<{ result: T; totals: Map<string, number> }> {
	const inspector = await Inspector.attach(pid);
	try {
		await inspector.send('Profiler.enable');
		await inspector.send('Profiler.setSamplingInterval', { interval: 200 });
		await inspector.send('Profiler.start');
		const startedAtMs = Date.now();
		const result = await run();
		const { profile } = await inspector.send<{ profile: CpuProfile }>('Profiler.stop');
		return { result, totals: summarise(profile, startedAtMs, window(result)) };
	} finally {
		inspector.close();
	}
}

/** One line per category, per request: what each page costs n8n. */
export function formatProfile(label: string, totals: Map<string, number>, requests: number): string {
	const lines = [`${label}: CPU in the n8n process per request (${requests} requests)`];
	const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]);
	const busy = sorted.filter(([key]) => !key.startsWith('idle')).reduce((sum, [, ms]) => sum + ms, 0);
	for (const [key, ms] of sorted) lines.push(`  ${(ms / requests).toFixed(2).padStart(7)} ms  ${key}`);
	lines.push(`  ${(busy / requests).toFixed(2).padStart(7)} ms  busy in total (everything but idle)`);
	return lines.join('\n');
}
