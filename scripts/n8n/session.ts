/**
 * One n8n instance ready for work: installed (cached), the pack installed as the community panel does, the
 * server started on loopback, the owner set up and a public-API key created. Shared by the e2e suite and the
 * demo so both exercise the same path a user takes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ensureN8n, ensureNodeRuntime, NodeRuntime } from './install';
import { buildAndPack, installPack, PackedPackage, PackInstallMode } from './community-package';
import { startN8n, N8nInstance, N8nEnvOptions } from './process';
import { N8nClient, DEFAULT_OWNER, Owner } from './api';
import { freePort, portInUse } from './ports';
import { RUNS_DIR } from './paths';
import { log } from './log';
import { nodeRuntimeFor } from './versions';

export interface SessionOptions {
	version: string;
	/** Fixed port (demo: 5678); a free one otherwise. */
	port?: number;
	/** Folder name under the runs folder (RUNS_DIR in scripts/n8n/paths.ts) (default: e2e-<version>-<time>). Wiped first unless keepUserFolder. */
	runName?: string;
	keepUserFolder?: boolean;
	/** Skip `npm run build` (dist/ already fresh). */
	skipBuild?: boolean;
	/** Install this tarball instead of the current build (e.g. an earlier build of the pack). */
	pack?: PackedPackage;
	owner?: Owner;
	extraEnv?: Record<string, string>;
	echo?: boolean;
	/** URL host printed by n8n (the demo uses "localhost"). */
	host?: string;
	/** How the pack is installed (default: as this n8n version's community panel does). */
	install?: PackInstallMode;
}

export interface N8nSession {
	version: string;
	rt: NodeRuntime;
	bin: string;
	env: N8nEnvOptions;
	n8n: N8nInstance;
	client: N8nClient;
	owner: Owner;
	/** Restart the same instance (same user folder and port); logs in again. `extraEnv` adds or changes settings from then on. */
	restart(extraEnv?: Record<string, string>): Promise<void>;
	stop(): Promise<void>;
}

export async function openSession(opts: SessionOptions): Promise<N8nSession> {
	const rt = await ensureNodeRuntime(nodeRuntimeFor(opts.version));
	const install = await ensureN8n(opts.version, rt);
	const pack = opts.pack ?? (await buildAndPack({ skipBuild: opts.skipBuild }));

	const userFolder = path.join(RUNS_DIR, opts.runName ?? `e2e-${opts.version}-${Date.now()}`);
	if (!opts.keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	await installPack(opts.install ?? 'panel', opts.version, rt, userFolder, pack);

	const port = opts.port ?? (await freePort());
	if (opts.port && (await portInUse(opts.port))) throw new Error(`port ${opts.port} is already in use`);
	const env: N8nEnvOptions = {
		userFolder,
		port,
		brokerPort: await freePort(),
		extraEnv: opts.extraEnv,
		host: opts.host,
	};
	const owner = opts.owner ?? DEFAULT_OWNER;
	const start = (): Promise<N8nInstance> => startN8n(rt, install.bin, opts.version, { ...env, echo: opts.echo });

	let n8n = await start();
	const client = new N8nClient(n8n.url);
	try {
		await client.ensureOwner(owner);
		// A kept user folder already holds the key of an earlier session, and n8n refuses a second key with the same label.
		await client.createApiKey(`worken-e2e-${Date.now()}`);
	} catch (err) {
		await n8n.stop();
		throw err;
	}
	const session: N8nSession = {
		version: opts.version,
		rt,
		bin: install.bin,
		env,
		n8n,
		client,
		owner,
		async restart(extraEnv?: Record<string, string>) {
			log(`Restarting n8n ${opts.version}`);
			await n8n.stop();
			if (extraEnv) env.extraEnv = { ...(env.extraEnv ?? {}), ...extraEnv };
			n8n = await start();
			session.n8n = n8n;
			await client.login(owner);
		},
		async stop() {
			await n8n.stop();
			log(`n8n ${opts.version} stopped`);
		},
	};
	return session;
}
