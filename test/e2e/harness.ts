/**
 * A tiny check runner for the real-n8n suite. Not jest: each check drives a live n8n for seconds to
 * minutes, checks must run in a fixed order against shared state (one n8n per version), and the summary
 * must end with the plain `N passed, N failed` line CI reads.
 */
import { log, formatDuration, mask } from '../../scripts/n8n/log';

export interface CheckResult {
	version: string;
	name: string;
	ok: boolean;
	ms: number;
	/** What was seen (pass) or why it failed. */
	detail: string;
	/** Extra observations worth reporting either way. */
	notes: string[];
}

export class CheckFailure extends Error {}

/** Assert with a message that says what was expected and what was seen. */
export function expect(condition: unknown, message: string): asserts condition {
	if (!condition) throw new CheckFailure(message);
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
	if (JSON.stringify(actual) !== JSON.stringify(expected)) {
		throw new CheckFailure(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}
}

export interface CheckContextBase {
	version: string;
	/** Collect observations for the report. */
	note(text: string): void;
}

export class CheckRunner {
	readonly results: CheckResult[] = [];

	constructor(private readonly version: string) {}

	/** Run one check; a thrown error fails it and the suite goes on. Returns whether it passed. */
	async check(name: string, fn: (note: (text: string) => void) => Promise<string | void>): Promise<boolean> {
		const notes: string[] = [];
		const t0 = Date.now();
		log(`▶ [n8n ${this.version}] ${name}`);
		try {
			const detail = (await fn((text) => {
				notes.push(text);
				log(`    · ${text}`);
			})) ?? '';
			const ms = Date.now() - t0;
			this.results.push({ version: this.version, name, ok: true, ms, detail, notes });
			log(`  ✔ ${name} (${formatDuration(ms)})${detail ? ` — ${detail}` : ''}`);
			return true;
		} catch (err) {
			const ms = Date.now() - t0;
			// Node's fetch says only "fetch failed"; the reason (refused, reset, closed socket…) is in `cause`.
			const cause = err instanceof Error && err.cause ? ` (${String((err.cause as Error).message ?? err.cause)})` : '';
			const detail = mask(err instanceof Error ? `${err.message}${cause}` : String(err));
			this.results.push({ version: this.version, name, ok: false, ms, detail, notes });
			log(`  ✘ ${name} (${formatDuration(ms)}) — ${detail}`);
			return false;
		}
	}

	/** Record a check that could not run because an earlier step failed. */
	skipAsFailed(name: string, reason: string): void {
		this.results.push({ version: this.version, name, ok: false, ms: 0, detail: `not run: ${reason}`, notes: [] });
		log(`  ✘ ${name} — not run: ${reason}`);
	}
}

/** The end of every real-n8n run: the timings, then `N passed, N failed` alone on a line; returns the exit code. */
/** One line per check (and its failure detail), under a title. */
export function printResults(title: string, results: CheckResult[]): void {
	console.log(`\n══════════ ${title} ══════════`);
	for (const r of results) {
		console.log(`${r.ok ? 'PASS' : 'FAIL'}  [n8n ${r.version}] ${r.name} (${formatDuration(r.ms)})${r.ok ? '' : `\n        ${r.detail}`}`);
	}
}

export function printTotals(results: CheckResult[], timings: string[], t0: number): number {
	console.log(`\n${timings.join('\n')}\ntotal: ${formatDuration(Date.now() - t0)}`);
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`\n${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

/** Run a suite's main and exit with its code; a crash still ends with the line CI reads. */
export function runMain(main: () => Promise<number>): void {
	// Ctrl-C: exit through process.exit so the 'exit' hooks stop every n8n, Postgres and Redis the run started.
	process.once('SIGINT', () => process.exit(130));
	process.once('SIGTERM', () => process.exit(143));
	main().then(
		(code) => process.exit(code),
		(err: unknown) => {
			console.error(err instanceof Error ? err.stack : err);
			console.log('\n0 passed, 1 failed');
			process.exit(1);
		},
	);
}
