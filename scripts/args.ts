/** Command-line flags of the suites and benchmarks: `--name value` and bare `--name`. */

/** The word after `name` on the command line, if `name` is there. */
export function argValue(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Whether `name` is on the command line. */
export function hasFlag(name: string): boolean {
	return process.argv.includes(name);
}
