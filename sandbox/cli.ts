/**
 * `npm run sandbox [-- --port 5690] [--host 127.0.0.1] [--key sk-<hex>] [--deviate wrap-lists,create-201|all]`
 *
 * Starts the Worken sandbox with a `pro` demo project (a few bots, chats, threads, messages, integrations
 * and two weeks of usage), prints where to reach it, and runs until Ctrl-C. `--key` fixes the demo key so
 * a demo script can know it in advance; `--port 0` picks a free port. `--deviate` makes the answers depart
 * from the contract on purpose (sandbox/deviations.ts), to see what `npm run probe` reports.
 */
import type { Deviation } from './deviations';
import { DEVIATIONS, parseDeviations } from './deviations';
import { createDemoProject, DEFAULT_SANDBOX_PORT, startSandbox } from './index';
import { KEY_FORMAT } from './ids';

interface CliArgs {
	port: number;
	host: string;
	key?: string;
	deviations: Deviation[];
}

function usage(message: string): never {
	console.error(`${message}\nusage: npm run sandbox -- [--port 5690] [--host 127.0.0.1] [--key sk-<hex>] [--deviate ${Object.keys(DEVIATIONS).join(',')}|all]`);
	process.exit(2);
}

function parseArgs(argv: string[]): CliArgs {
	const args: CliArgs = { port: DEFAULT_SANDBOX_PORT, host: '127.0.0.1', deviations: [] };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = (): string => {
			const v = inline ?? argv[++i];
			if (v === undefined) usage(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--port': {
				const port = Number(value());
				if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port must be 0–65535');
				args.port = port;
				break;
			}
			case '--host':
				args.host = value();
				break;
			case '--key': {
				const key = value();
				if (!KEY_FORMAT.test(key)) usage('--key must be sk- followed by hex');
				args.key = key;
				break;
			}
			case '--deviate':
				try {
					args.deviations = [...new Set([...args.deviations, ...parseDeviations(value())])];
				} catch (error) {
					usage(`--deviate: ${(error as Error).message}`);
				}
				break;
			case '--help':
			case '-h':
				usage('Worken sandbox');
				break;
			default:
				usage(`unknown argument ${argv[i]}`);
		}
	}
	return args;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const sandbox = await startSandbox({ port: args.port, host: args.host, deviations: args.deviations });
	const { projectId, key, seeded } = createDemoProject(sandbox.control, { key: args.key });

	console.log(`Worken sandbox listening on ${sandbox.url}`);
	console.log(`  demo project: ${projectId} (plan pro)`);
	console.log(`  demo key:     ${key}`);
	console.log(`  control:      ${sandbox.url}/__sandbox (see sandbox/README.md)`);
	console.log(
		`  seeded:       ${seeded.botIds.length} bots, ${seeded.chatIds.length} chats, ` +
			`${seeded.threadIds.length} threads, ${seeded.integrationIds.length} integrations, 14 usage days`,
	);
	if (args.deviations.length > 0) {
		console.log(`  deviations:   ${args.deviations.map((name) => `${name} (${DEVIATIONS[name]})`).join(', ')}`);
	}
	console.log('Press Ctrl-C to stop.');

	const stop = (): void => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
});
