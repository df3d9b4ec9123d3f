/** The settings that point an n8n process at a Postgres database (queue mode, and the upgrade checks). */
export interface PostgresTarget {
	port: number;
	database: string;
	user: string;
}

export function postgresDbEnv(pg: PostgresTarget): Record<string, string> {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
	};
}
