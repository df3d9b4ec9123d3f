/**
 * A private Redis for n8n's queue mode: Debian's `redis-server` (installed with apt-get when missing, as
 * `.ci/run` does), on 127.0.0.1 and a free port, without persistence (`--save '' --appendonly no`: the queue
 * of a test run must not outlive it), in its own process group that is killed when the harness exits.
 */
import * as fs from 'fs';
import * as net from 'net';
import { ChildProcess, spawn } from 'child_process';
import { log } from './log';
import { killGroup, killWithHarness, run, runOrThrow } from './run';
import { sleep } from './process';

export interface RedisServer {
	port: number;
	version: string;
	stop(): Promise<void>;
}

async function redisServerBin(): Promise<string> {
	const found = await run('sh', ['-c', 'command -v redis-server'], { cwd: '/', timeoutMs: 10_000 });
	if (found.code === 0 && found.stdout.trim()) return found.stdout.trim();
	log('redis-server is missing; installing Debian\'s package (apt-get)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await runOrThrow('apt-get', ['update', '-qq'], { cwd: '/', env, timeoutMs: 5 * 60_000 });
	await runOrThrow('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { cwd: '/', env, timeoutMs: 5 * 60_000 });
	return '/usr/bin/redis-server';
}

/** One RESP command over a fresh connection (PING, INFO …); enough for readiness and a version. */
export function redisCommand(port: number, ...args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const sock = net.connect({ host: '127.0.0.1', port });
		let data = '';
		sock.setTimeout(3000, () => sock.destroy(new Error('redis timeout')));
		sock.on('connect', () => sock.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`));
		sock.on('data', (chunk) => {
			data += chunk.toString();
			// Simple string/error lines end with one CRLF; a bulk string is "$len\r\n…\r\n".
			const bulk = /^\$(\d+)\r\n/.exec(data);
			if ((bulk && data.length >= bulk[0].length + Number(bulk[1]) + 2) || (!data.startsWith('$') && data.endsWith('\r\n'))) {
				sock.end();
				resolve(data);
			}
		});
		sock.on('error', reject);
	});
}

export async function startRedis(opts: { port: number; logFile: string }): Promise<RedisServer> {
	const bin = await redisServerBin();
	const args = ['--port', String(opts.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--dir', '/tmp'];
	const child: ChildProcess = spawn(bin, args, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	const logStream = fs.createWriteStream(opts.logFile);
	child.stdout?.pipe(logStream);
	child.stderr?.pipe(logStream);
	let exited: number | null = null;
	killWithHarness(child, (code) => {
		exited = code;
	});
	const stop = async (): Promise<void> => {
		if (exited !== null) return;
		killGroup(child.pid, 'SIGTERM');
		for (let i = 0; i < 40 && exited === null; i++) await sleep(250);
		if (exited === null) killGroup(child.pid, 'SIGKILL');
	};
	for (let i = 0; i < 100 && exited === null; i++) {
		const pong = await redisCommand(opts.port, 'PING').catch(() => '');
		if (pong.startsWith('+PONG')) {
			const info = await redisCommand(opts.port, 'INFO', 'server');
			const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
			log(`Redis ${version} ready on 127.0.0.1:${opts.port} (no persistence)`);
			return { port: opts.port, version, stop };
		}
		await sleep(200);
	}
	await stop();
	throw new Error(`redis-server did not answer PING on port ${opts.port}${exited !== null ? ` (exited ${exited})` : ''}`);
}
