/**
 * `npm run probe [-- --write] [--json]` with WORKEN_API_KEY (and WORKEN_BASE_URL, default
 * https://api.worken.ru): checks the live Worken API against the contract, through the nodes' own
 * transport and normaliser. Exit code 0 when every row is as expected, 1 when a row differs, 2 when the
 * probe could not start. See "The probe: checking the live API" in CONTRIBUTING.md.
 */
import { exitCode, formatJson, formatText, maskKeys } from './report';
import { runProbe } from './run';

export const DEFAULT_BASE_URL = 'https://api.worken.ru';

const USAGE = 'usage: WORKEN_API_KEY=sk-… [WORKEN_BASE_URL=https://api.worken.ru] npm run probe -- [--write] [--json]';

/** The whole command, with its output handed to `print`; returns the exit code. */
export async function probeCommand(argv: string[], env: NodeJS.ProcessEnv, print: (text: string) => void): Promise<number> {
	const flags = new Set(argv);
	for (const flag of flags) {
		if (flag !== '--write' && flag !== '--json') {
			print(`unknown argument ${flag}\n${USAGE}`);
			return 2;
		}
	}
	const apiKey = (env.WORKEN_API_KEY ?? '').trim();
	if (apiKey === '') {
		print(`WORKEN_API_KEY is not set.\n${USAGE}`);
		return 2;
	}
	const baseUrl = (env.WORKEN_BASE_URL ?? '').trim() || DEFAULT_BASE_URL;
	// Ctrl-C stops calling, but the --write scratch objects are still removed before the probe exits.
	const stop = new AbortController();
	const onSigint = (): void => stop.abort();
	process.once('SIGINT', onSigint);
	try {
		const report = await runProbe({ apiKey, baseUrl, write: flags.has('--write'), signal: stop.signal });
		print(flags.has('--json') ? formatJson(report, apiKey) : formatText(report, apiKey));
		return exitCode(report);
	} catch (error) {
		print(maskKeys(`The probe failed: ${error instanceof Error ? error.message : String(error)}`, apiKey));
		return 2;
	} finally {
		process.off('SIGINT', onSigint);
	}
}

if (require.main === module) {
	void probeCommand(process.argv.slice(2), process.env, (text) => console.log(text)).then((code) => {
		process.exitCode = code;
	});
}
