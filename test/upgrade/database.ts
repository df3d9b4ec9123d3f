/**
 * The database an upgrade check keeps across n8n versions: SQLite (n8n's default, `database.sqlite` in the
 * user folder, nothing to start) or a private Postgres 17 (scripts/n8n/postgres.ts) in a folder beside the
 * user folder's run, which each n8n version is pointed at with the same settings.
 */
import * as path from 'path';
import { ensureNodeRuntime } from '../../scripts/n8n/install';
import { ensurePostgres, postgresDataDir, startPostgres } from '../../scripts/n8n/postgres';
import { postgresDbEnv } from '../../scripts/n8n/database';
import { freePort } from '../../scripts/n8n/ports';
import { n8nInstallDir, RUNS_DIR } from '../../scripts/n8n/paths';
import { N8N_V1 } from '../../scripts/n8n/versions';

export interface UpgradeDatabase {
	/** Settings for every n8n process using it (none for SQLite: n8n's default). */
	env: Record<string, string>;
	stop(): Promise<void>;
}

export async function startUpgradeDatabase(kind: 'sqlite' | 'postgres', runName: string): Promise<UpgradeDatabase> {
	if (kind === 'sqlite') return { env: {}, stop: async () => undefined };
	const pgInstall = await ensurePostgres(await ensureNodeRuntime());
	const server = await startPostgres({
		binDir: pgInstall.binDir,
		dataDir: postgresDataDir(runName),
		logFile: path.join(RUNS_DIR, `${runName}-postgres.log`),
		port: await freePort(),
		pgFrom: n8nInstallDir(N8N_V1),
	});
	return { env: postgresDbEnv(server), stop: () => server.stop() };
}
