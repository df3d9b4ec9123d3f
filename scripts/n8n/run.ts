/**
 * Child-process helpers. Long installs stream their output with a prefix (so a CI log shows progress) and a
 * heartbeat covers quiet stretches; every command has a hard time limit so a hung install cannot eat CI's
 * 90 minutes.
 */
import { ChildProcess, spawn, SpawnOptions } from 'child_process';
import { log, mask } from './log';

export interface RunOptions {
	cwd: string;
	env?: NodeJS.ProcessEnv;
	/** Hard limit; the process group is killed after it. */
	timeoutMs: number;
	/** Prefix for streamed lines; when unset, output is only captured. */
	streamPrefix?: string;
	/** Print "still running" every this many ms while the command is quiet. */
	heartbeatMs?: number;
	/** Extra progress text for the heartbeat line (e.g. how many packages are in place). */
	heartbeatInfo?: () => string;
	input?: string;
}

export interface RunResult {
	code: number;
	stdout: string;
	stderr: string;
}

/** Run a command; resolves with its exit code and output (never rejects on a non-zero exit). */
export function run(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const spawnOpts: SpawnOptions = {
			cwd: opts.cwd,
			env: opts.env ?? process.env,
			stdio: ['pipe', 'pipe', 'pipe'],
			detached: true, // own process group, so a timeout kills npm's children too
		};
		const child = spawn(cmd, args, spawnOpts);
		let stdout = '';
		let stderr = '';
		let lastOutput = Date.now();
		const startedAt = Date.now();
		const onData = (which: 'out' | 'err') => (chunk: Buffer) => {
			const text = chunk.toString();
			if (which === 'out') stdout += text;
			else stderr += text;
			lastOutput = Date.now();
			if (opts.streamPrefix) {
				for (const line of text.split('\n')) {
					if (line.trim()) process.stdout.write(`${opts.streamPrefix} ${mask(line)}\n`);
				}
			}
		};
		child.stdout?.on('data', onData('out'));
		child.stderr?.on('data', onData('err'));
		if (opts.input !== undefined) child.stdin?.end(opts.input);
		else child.stdin?.end();

		const heartbeat = opts.heartbeatMs
			? setInterval(() => {
					if (Date.now() - lastOutput >= opts.heartbeatMs!) {
						const info = opts.heartbeatInfo ? `, ${opts.heartbeatInfo()}` : '';
						const what = opts.streamPrefix ? opts.streamPrefix.trim() : `${cmd} ${args[0] ?? ''}`;
						log(`  … ${what} still running (${Math.round((Date.now() - startedAt) / 1000)}s${info})`);
						lastOutput = Date.now();
					}
				}, 5000)
			: undefined;
		const timer = setTimeout(() => {
			log(`  ✗ ${cmd} ${args.join(' ')} exceeded ${Math.round(opts.timeoutMs / 1000)}s; killing it`);
			killGroup(child.pid);
		}, opts.timeoutMs);

		child.on('error', (err) => {
			clearTimeout(timer);
			if (heartbeat) clearInterval(heartbeat);
			reject(err);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (heartbeat) clearInterval(heartbeat);
			resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
		});
	});
}

/** Run and throw (with the tail of the output) unless the command exits 0. */
export async function runOrThrow(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
	const res = await run(cmd, args, opts);
	if (res.code !== 0) {
		const tail = (res.stderr || res.stdout).split('\n').slice(-30).join('\n');
		throw new Error(`${cmd} ${args.join(' ')} exited ${res.code}\n${mask(tail)}`);
	}
	return res;
}

/** Kill a detached child's whole process group (by its own pid only). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			/* already gone */
		}
	}
}

/**
 * Never leave a server behind: kill a detached child's process group when the harness exits (the suites
 * turn Ctrl-C into an exit); `onExit` gets its exit code when it ends on its own.
 */
export function killWithHarness(child: ChildProcess, onExit: (code: number) => void): void {
	const killOnExit = (): void => killGroup(child.pid);
	process.once('exit', killOnExit);
	child.on('exit', (code) => {
		process.removeListener('exit', killOnExit);
		onExit(code ?? -1);
	});
}
