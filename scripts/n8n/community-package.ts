/**
 * Builds the pack and installs it into an n8n user folder exactly the way n8n's community nodes panel does
 * (n8n `CommunityPackagesService.downloadPackage`, packages/cli/src/modules/community-packages/
 * community-packages.service.ts, read in 1.123.x and 2.41.x):
 *
 *   1. `npm pack <name>@<version>` in `<userFolder>/.n8n/nodes` (we pack our own build instead: installing
 *      from a custom registry needs a paid n8n licence, and the pack is not published yet);
 *   2. `tar -xzf <tarball> -C <nodes>/node_modules/<name> --strip-components=1`;
 *   3. drop `devDependencies`, `peerDependencies` and `optionalDependencies` from its package.json;
 *   4. `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *       --ignore-scripts=true --package-lock=false --registry=https://registry.npmjs.org` in that folder;
 *   5. record `<name>: <version>` in `<nodes>/package.json` (created as
 *      `{"name":"installed-nodes","private":true,"dependencies":{}}` when missing).
 *
 * At start n8n's community-packages module adds `<nodes>/node_modules` to its load dirs and loads every
 * `n8n-nodes-*` package there, which is how the pack's nodes appear.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACK_CACHE_DIR, REPO_ROOT } from './paths';
import { log, formatDuration } from './log';
import { runOrThrow } from './run';
import type { NodeRuntime } from './install';
import { compareVersions } from './versions';

/** Mirrors n8n's NPM_COMMON_ARGS + NPM_INSTALL_ARGS + the default registry. */
export const N8N_PANEL_NPM_INSTALL_ARGS = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
	'--registry=https://registry.npmjs.org',
];

export interface PackedPackage {
	name: string;
	version: string;
	tarball: string;
}

/** `npm run build` then `npm pack` into `.cache/pack/`. Runs once per harness process. */
let packed: Promise<PackedPackage> | undefined;
export function buildAndPack(opts: { skipBuild?: boolean } = {}): Promise<PackedPackage> {
	packed ??= (async () => {
		const t0 = Date.now();
		if (!opts.skipBuild) {
			log('Building the pack (npm run build)');
			await runOrThrow('npm', ['run', 'build'], { cwd: REPO_ROOT, timeoutMs: 300_000, streamPrefix: '  [build]' });
		}
		for (const entry of pkgJson().n8n.nodes.concat(pkgJson().n8n.credentials)) {
			if (!fs.existsSync(path.join(REPO_ROOT, entry))) throw new Error(`build did not produce ${entry}`);
		}
		fs.mkdirSync(PACK_CACHE_DIR, { recursive: true });
		const res = await runOrThrow('npm', ['pack', '--json', '--pack-destination', PACK_CACHE_DIR], {
			cwd: REPO_ROOT,
			timeoutMs: 120_000,
		});
		const info = (JSON.parse(res.stdout) as Array<{ name: string; version: string; filename: string; files: unknown[] }>)[0];
		const tarball = path.join(PACK_CACHE_DIR, info.filename);
		log(`Packed ${info.name}@${info.version} (${info.files.length} files) in ${formatDuration(Date.now() - t0)}`);
		return { name: info.name, version: info.version, tarball };
	})();
	return packed;
}

interface PackJson {
	name: string;
	n8n: { nodes: string[]; credentials: string[] };
}
function pkgJson(): PackJson {
	return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackJson;
}

/** The community nodes folder of an n8n user folder (n8n: InstanceSettings.nodesDownloadDir). */
export function nodesDir(userFolder: string): string {
	return path.join(userFolder, '.n8n', 'nodes');
}

/** Steps 1–5 above, with the tarball from buildAndPack(). Returns the installed package folder. */
export async function installLikeCommunityPanel(rt: NodeRuntime, userFolder: string, pack: PackedPackage): Promise<string> {
	const downloadFolder = nodesDir(userFolder);
	const packageJsonPath = path.join(downloadFolder, 'package.json');
	fs.mkdirSync(downloadFolder, { recursive: true });
	if (!fs.existsSync(packageJsonPath)) {
		fs.writeFileSync(packageJsonPath, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	const packageDirectory = path.join(downloadFolder, 'node_modules', pack.name);
	fs.rmSync(packageDirectory, { recursive: true, force: true });
	fs.mkdirSync(packageDirectory, { recursive: true });

	// Step 1 happens in buildAndPack(); n8n finds the tarball in the download folder, so put it there.
	const tarballName = path.basename(pack.tarball);
	fs.copyFileSync(pack.tarball, path.join(downloadFolder, tarballName));
	try {
		await runOrThrow('tar', ['-xzf', tarballName, '-C', packageDirectory, '--strip-components=1'], {
			cwd: downloadFolder,
			timeoutMs: 60_000,
		});
		const pj = path.join(packageDirectory, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...rest } = JSON.parse(
			fs.readFileSync(pj, 'utf8'),
		) as Record<string, unknown>;
		void devDependencies;
		void peerDependencies;
		void optionalDependencies;
		fs.writeFileSync(pj, JSON.stringify(rest, null, 2), 'utf8');
		const [npmCmd, npmPrefix] = rt.npm;
		await runOrThrow(npmCmd, [...npmPrefix, 'install', ...N8N_PANEL_NPM_INSTALL_ARGS], {
			cwd: packageDirectory,
			env: rt.env,
			timeoutMs: 180_000,
		});
		const nodesPkg = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as { dependencies: Record<string, string> };
		nodesPkg.dependencies[pack.name] = String(rest.version);
		fs.writeFileSync(packageJsonPath, JSON.stringify(nodesPkg, null, 2), 'utf8');
	} finally {
		fs.rmSync(path.join(downloadFolder, tarballName), { force: true });
	}
	log(`Installed ${pack.name}@${pack.version} into ${path.relative(userFolder, packageDirectory)} (community panel steps)`);
	return packageDirectory;
}

/**
 * The community panel of n8n before 1.93 (CommunityPackagesService.executeNpmCommand, read in 1.49.0 and
 * 1.82.3): in `<userFolder>/.n8n/nodes` (after `npm init -y` when the folder is new) it runs
 * `npm install <name>@<version>` (1.82 adds `--registry=https://registry.npmjs.org`) with only NODE_PATH,
 * PATH and APPDATA in the environment. npm then also installs the pack's peer dependency, `n8n-workflow`
 * at its newest version, next to it in `nodes/node_modules`, so the pack runs against that copy instead of
 * n8n's own. We install our tarball instead of the registry name; npm treats its peers the same way.
 */
export async function installLikeOldCommunityPanel(rt: NodeRuntime, userFolder: string, pack: PackedPackage): Promise<string> {
	const downloadFolder = nodesDir(userFolder);
	// n8n passes nothing else; this machine's TLS CA setting is kept so npm can reach the registry here.
	const env = { PATH: rt.env.PATH, ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}) };
	const [npmCmd, npmPrefix] = rt.npm;
	if (!fs.existsSync(downloadFolder)) {
		fs.mkdirSync(downloadFolder, { recursive: true });
		await runOrThrow(npmCmd, [...npmPrefix, 'init', '-y'], { cwd: downloadFolder, env, timeoutMs: 60_000 });
	}
	await runOrThrow(npmCmd, [...npmPrefix, 'install', pack.tarball, '--registry=https://registry.npmjs.org'], {
		cwd: downloadFolder,
		env,
		timeoutMs: 180_000,
	});
	log(`Installed ${pack.name}@${pack.version} into .n8n/nodes with npm install (community panel before n8n 1.93)`);
	return path.join(downloadFolder, 'node_modules', pack.name);
}

/**
 * The manual install n8n's docs describe for self-hosters: `npm install <package>` in `~/.n8n/nodes` with
 * the user's own npm and environment. npm 7+ adds the peer `n8n-workflow` (newest) beside it as well.
 */
export async function installManually(rt: NodeRuntime, userFolder: string, pack: PackedPackage): Promise<string> {
	const folder = nodesDir(userFolder);
	fs.mkdirSync(folder, { recursive: true });
	const [npmCmd, npmPrefix] = rt.npm;
	await runOrThrow(npmCmd, [...npmPrefix, 'install', '--no-audit', '--no-fund', pack.tarball], { cwd: folder, env: rt.env, timeoutMs: 180_000 });
	log(`Installed ${pack.name}@${pack.version} into .n8n/nodes by hand (npm install)`);
	return path.join(folder, 'node_modules', pack.name);
}

/** How the pack gets into n8n: the way that n8n version's community panel does it, or by hand. */
export type PackInstallMode = 'panel' | 'manual';

/** Install the pack into an n8n user folder for n8n `version` the given way. */
export async function installPack(mode: PackInstallMode, version: string, rt: NodeRuntime, userFolder: string, pack: PackedPackage): Promise<string> {
	if (mode === 'manual') return installManually(rt, userFolder, pack);
	if (compareVersions(version, '1.93.0') < 0) return installLikeOldCommunityPanel(rt, userFolder, pack);
	return installLikeCommunityPanel(rt, userFolder, pack);
}
