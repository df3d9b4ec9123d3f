/**
 * The pack as an earlier commit built it, for the pack-upgrade check: the commit's files are exported
 * with `git archive` into a temporary folder (like a checkout of that commit, without adding a worktree
 * to the repository other clones share), then `npm ci`, `npm run build` and `npm pack` there, exactly as
 * the release workflow builds a tagged version. The tarball is cached per commit in `.cache/pack-earlier/`.
 *
 * A shallow clone fetches that one commit from `origin` first.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CACHE_DIR, REPO_ROOT } from './paths';
import { formatDuration, log } from './log';
import { run, runOrThrow } from './run';
import type { PackedPackage } from './community-package';
import type { WorkflowFile } from './workflows';

/**
 * The first commit whose trigger stamps every item with `eventId` (no version of the pack is tagged yet).
 * Its trigger keeps the same state in the static data as today's, which is what a user upgrading keeps.
 */
export const EARLIER_PACK_COMMIT = 'e83aa9e8d881716ecb9f7ed1062642d5548b231e';

const MARKER = 'packed.json';

export async function ensureEarlierPack(commit = EARLIER_PACK_COMMIT): Promise<PackedPackage> {
	const dir = path.join(CACHE_DIR, 'pack-earlier', commit);
	const marker = path.join(dir, MARKER);
	if (fs.existsSync(marker)) {
		const cached = JSON.parse(fs.readFileSync(marker, 'utf8')) as PackedPackage;
		if (fs.existsSync(cached.tarball)) {
			log(`Earlier pack (${commit.slice(0, 7)}): using cached ${path.basename(cached.tarball)}`);
			return cached;
		}
	}
	const has = async (): Promise<boolean> => (await run('git', ['cat-file', '-e', `${commit}^{commit}`], { cwd: REPO_ROOT, timeoutMs: 30_000 })).code === 0;
	// A shallow clone (CI's default checkout) lacks it: fetch that one commit.
	if (!(await has())) await run('git', ['fetch', '--no-tags', '--depth=1', 'origin', commit], { cwd: REPO_ROOT, timeoutMs: 120_000 });
	if (!(await has())) throw new Error(`commit ${commit} is not in this clone and could not be fetched from origin (fetch the full history)`);

	const t0 = Date.now();
	const src = fs.mkdtempSync(path.join(os.tmpdir(), `worken-pack-${commit.slice(0, 7)}-`));
	try {
		log(`Building the pack of commit ${commit.slice(0, 7)} in ${src} (git archive, npm ci, build, pack)`);
		const archive = path.join(src, 'source.tar');
		await runOrThrow('git', ['archive', '--format=tar', '-o', archive, commit], { cwd: REPO_ROOT, timeoutMs: 60_000 });
		await runOrThrow('tar', ['-xf', archive, '-C', src], { cwd: src, timeoutMs: 60_000 });
		fs.rmSync(archive);
		const quiet = { cwd: src, timeoutMs: 10 * 60_000, heartbeatMs: 15_000 };
		await runOrThrow('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { ...quiet, streamPrefix: '  [npm ci earlier pack]' });
		await runOrThrow('npm', ['run', 'build'], { ...quiet, streamPrefix: '  [build earlier pack]' });
		fs.mkdirSync(dir, { recursive: true });
		const res = await runOrThrow('npm', ['pack', '--json', '--pack-destination', dir], { cwd: src, timeoutMs: 120_000 });
		const info = (JSON.parse(res.stdout) as Array<{ name: string; version: string; filename: string }>)[0];
		const packed: PackedPackage = { name: info.name, version: info.version, tarball: path.join(dir, info.filename) };
		fs.writeFileSync(marker, JSON.stringify(packed));
		log(`Earlier pack ${info.name}@${info.version} (${commit.slice(0, 7)}) packed in ${formatDuration(Date.now() - t0)}`);
		return packed;
	} finally {
		fs.rmSync(src, { recursive: true, force: true });
	}
}

/** An example workflow as the earlier commit had it (what a user saved with that build). */
export function earlierExample(file: string, commit = EARLIER_PACK_COMMIT): WorkflowFile {
	const text = execFileSync('git', ['show', `${commit}:examples/${file}`], { cwd: REPO_ROOT, encoding: 'utf8' });
	return JSON.parse(text) as WorkflowFile;
}
