/**
 * Where n8n's CPU goes during one run: the benchmark opens the n8n process's inspector (SIGUSR1, the
 * standard Node way to attach to a running process), records a CPU profile around exactly one execution,
 * and sums the time by what it was spent on. Needs a WebSocket client: Node 22+, or Node 20 with
 * --experimental-websocket (npm run bench:n8n passes it).
 */
import { sleep } from '../../scripts/n8n/process';

/** Samples with nothing to run: n8n's thread waits, here for Worken's answers. */
const IDLE = 'idle (waiting for Worken)';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

export interface CpuProfile {
	nodes: ProfileNode[];
	/** Microseconds, on the profiled process's own clock. */
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** A connection to n8n's inspector, open for a whole benchmark session. */
export class Inspector {
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

/** Where a frame's code comes from; undefined for Node core and native code (they count for their caller). */
function owner(frame: ProfileNode['callFrame']): string | undefined {
	const { url } = frame;
	if (url === '' || url.startsWith('node:')) return undefined;
	if (url.includes('n8n-nodes-worken')) return 'the Worken node (this pack)';
	if (/n8n-nodes-base/.test(url)) return 'the HTTP Request node';
	if (/expression|tmpl|riot|esprima|recast|tournament|isolated-vm/i.test(url)) return 'n8n expressions';
	if (/axios|follow-redirects|form-data|proxy-from-env/.test(url)) return "n8n's request path: axios";
	if (/request-helper|credentials-helper|credentials|http-proxy|backend-network|axios-utils|cipher/.test(url)) {
		return "n8n's request path: its helper (credential, auth, request options, agents)";
	}
	if (/typeorm|sqlite|@n8n\/db/.test(url)) return 'database';
	if (/n8n-core|n8n-workflow|\/n8n\/dist/.test(url)) return 'n8n engine (other)';
	return 'other';
}

/**
 * What a sample's time was spent for: the nearest frame on its stack that is not Node core or native code
 * (JSON.parse under axios counts for axios); with none, Node core itself (socket and HTTP parsing callbacks,
 * which during the node's run are its requests' own).
 */
function category(stack: ProfileNode[]): string {
	const leaf = stack[0].callFrame;
	if (leaf.functionName === '(idle)') return IDLE;
	if (leaf.functionName === '(garbage collector)') return 'garbage collection';
	if (leaf.functionName === '(program)') return '(program): V8 internals, or waiting for a CPU';
	for (const node of stack) {
		const found = owner(node.callFrame);
		if (found) return found;
	}
	// Socket connects, writes and reads reach V8 through Node core with no n8n frame above them.
	return stack.some((node) => node.callFrame.url.startsWith('node:'))
		? "n8n's request path: Node core (sockets, HTTP parsing)"
		: 'native, outside any n8n or Node frame';
}

/**
 * Milliseconds of CPU by category over the node's own execution: from the first to the last sample with a
 * frame of `marker` (a file path part of the node under test) on its stack. Picking the window from the
 * samples themselves needs no clock mapping between the processes.
 */
export function summarise(profile: CpuProfile, marker: string): { totals: Map<string, number>; windowMs: number } {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id: number): ProfileNode[] => {
		const stack: ProfileNode[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
		return stack;
	};
	const stacks = profile.samples.map(stackOf);
	const marked = stacks.map((stack) => stack.some((node) => node.callFrame.url.includes(marker)));
	const first = marked.indexOf(true);
	const last = marked.lastIndexOf(true);
	const totals = new Map<string, number>();
	let windowMs = 0;
	for (let i = first; first >= 0 && i <= last; i++) {
		// A sample's time is the delta to the next one.
		const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		windowMs += ms;
		const key = category(stacks[i]);
		totals.set(key, (totals.get(key) ?? 0) + ms);
	}
	return { totals, windowMs };
}

/** Records n8n's CPU profile while `run` executes once; `marker` picks the node's part of it (see summarise). */
export async function profileRun<T>(
	inspector: Inspector,
	run: () => Promise<T>,
	marker: string,
): Promise<{ result: T; profile: CpuProfile; totals: Map<string, number>; windowMs: number }> {
	await inspector.send('Profiler.enable');
	await inspector.send('Profiler.setSamplingInterval', { interval: 200 });
	await inspector.send('Profiler.start');
	const result = await run();
	const { profile } = await inspector.send<{ profile: CpuProfile }>('Profiler.stop');
	await inspector.send('Profiler.disable');
	return { result, profile, ...summarise(profile, marker) };
}

/** One line per category, per request: what each page costs n8n, and n8n's request path in total. */
export function formatProfile(label: string, totals: Map<string, number>, requests: number, windowMs: number): string {
	const lines = [`${label}: CPU of the n8n process per request (${requests} requests, ${windowMs.toFixed(0)} ms profiled)`];
	const sorted = [...totals.entries()].sort((a, b) => b[1] - a[1]);
	const per = (ms: number): string => `${(ms / requests).toFixed(2).padStart(7)} ms`;
	for (const [key, ms] of sorted) lines.push(`  ${per(ms)}  ${key}`);
	const path = sorted.filter(([key]) => key.startsWith("n8n's request path")).reduce((sum, [, ms]) => sum + ms, 0);
	const busy = sorted.filter(([key]) => key !== IDLE).reduce((sum, [, ms]) => sum + ms, 0);
	lines.push(`  ${per(path)}  = n8n's request path in total (helper + axios + Node core)`);
	lines.push(`  ${per(busy)}  = busy in total (everything but idle)`);
	// n8n runs a node on one thread: a list read that keeps it busy all the way is as fast as n8n's own
	// per-request work lets any node be.
	const all = busy + (totals.get(IDLE) ?? 0);
	if (all > 0) lines.push(`  n8n's thread busy ${((busy / all) * 100).toFixed(0)}% of the profiled window`);
	return lines.join('\n');
}
