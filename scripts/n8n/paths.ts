/**
 * Where things live. Every install cache sits under `<repo>/.cache/` (git-ignored) so that a second run, in
 * the same clone or the same CI run, reuses it; throwaway n8n user folders and Postgres live outside the
 * clone (see RUNS_DIR and POSTGRES_DIR); nothing the harness does touches the user's home directory.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');
/** One folder per Node major (`.cache/node24`, `.cache/node20`); the marker inside holds the exact version. */
export function nodeCacheDir(nodeVersion: string): string {
	return path.join(CACHE_DIR, `node${nodeVersion.split('.')[0]}`);
}
export const N8N_CACHE_DIR = path.join(CACHE_DIR, 'n8n');
export const PACK_CACHE_DIR = path.join(CACHE_DIR, 'pack');
/** One name per clone for the folders that live outside it (two clones on one machine never share them). */
const CLONE_ID = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12);
/**
 * Throwaway n8n user folders (the installed pack, SQLite, logs), outside the clone: under it, Node's module
 * lookup walks up from the installed pack to the clone's own node_modules and finds its n8n-workflow (2.x)
 * before n8n's copy, which would hide every difference between n8n-workflow versions from the tests.
 */
export const RUNS_DIR = path.join(os.tmpdir(), `n8n-nodes-worken-${CLONE_ID}`, 'runs');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

/**
 * Postgres' binaries and data folders. When the harness runs as root, Postgres runs as the `postgres` user,
 * who cannot reach a clone inside a private home folder (mode 700); so they live outside the clone, in a
 * folder of its own under /var/tmp (kept across reboots, like the other caches), one per clone.
 */
export const POSTGRES_DIR = path.join(
	fs.existsSync('/var/tmp') ? '/var/tmp' : os.tmpdir(),
	`n8n-nodes-worken-${CLONE_ID}`,
	'postgres',
);

export function n8nInstallDir(version: string): string {
	return path.join(N8N_CACHE_DIR, version);
}

/** The `n8n` CLI entry inside a cached install (run with the Node that install.ts installs for it, never the system Node). */
export function n8nBin(version: string): string {
	return path.join(n8nInstallDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}
