/**
 * The scanner gate (`npm run scan`, scripts/scan.ts) cannot pass silently: given a copy of this package with
 * a real violation, hidden behind eslint-disable comments as n8n's scanner must not accept, it fails and
 * names the file and the rule. (`npm run scan` on the real package is the gate itself, in `npm run check`.)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
let work: string;

beforeAll(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'worken-scan-test-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs the gate on one folder the way `npm run scan -- --dir` does. */
function scan(dir: string, ...flags: string[]): { code: number | null; output: string } {
	const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/scan.ts', '--dir', dir, ...flags], {
		cwd: root,
		encoding: 'utf8',
		timeout: 180_000,
	});
	return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A copy of the package's files with `extra` appended to one of them. */
function copyWith(parts: string[], file: string, extra: string): string {
	const dir = fs.mkdtempSync(path.join(work, 'package-'));
	for (const part of parts) fs.cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
	fs.appendFileSync(path.join(dir, file), extra);
	return dir;
}

describe('npm run scan', () => {
	it('fails on a node source using setTimeout and process.env, eslint-disable comments or not', () => {
		const dir = copyWith(
			['package.json', 'nodes', 'credentials'],
			'nodes/Worken/Worken.node.ts',
			[
				'',
				'/* eslint-disable */',
				'// eslint-disable-next-line @n8n/community-nodes/no-restricted-globals',
				'export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));',
				'export const debug = process.env.WORKEN_DEBUG; // eslint-disable-line',
				'',
			].join('\n'),
		);
		const { code, output } = scan(dir);
		expect(output).toContain('nodes/Worken/Worken.node.ts');
		expect(output).toMatch(/restricted global 'setTimeout'.*no-restricted-globals/);
		expect(output).toMatch(/restricted global 'process'.*no-restricted-globals/);
		expect(output).toMatch(/n8n scanner: [1-9]\d* finding\(s\)/);
		expect(code).toBe(1);
	}, 200_000);

	it('fails on the built code of the tarball using setTimeout', () => {
		const dir = copyWith(
			['package.json', 'dist/nodes/Worken/Worken.node.js'],
			'dist/nodes/Worken/Worken.node.js',
			'\nexports.pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms)); // eslint-disable-line\n',
		);
		const { code, output } = scan(dir, '--tarball');
		expect(output).toContain('dist/nodes/Worken/Worken.node.js');
		expect(output).toMatch(/restricted global 'setTimeout'/);
		expect(code).toBe(1);
	}, 200_000);
});
