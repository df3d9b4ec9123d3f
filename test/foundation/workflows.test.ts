/**
 * The GitHub workflows cannot run here, so their lines that matter are checked as text: a broken edit
 * (a lost permission, a publish without provenance, CI no longer running .ci/run) fails `npm test`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const read = (name: string) => fs.readFileSync(path.join(root, '.github', 'workflows', name), 'utf8');

/** The workflow without comments and blank lines, each line trimmed. */
function lines(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.replace(/(^|\s)#.*$/, '').trimEnd())
		.filter((line) => line.trim() !== '')
		.map((line) => line.trim());
}

/** The lines of one job (from `  <job>:` to the next job at the same indentation). */
function job(text: string, name: string): string[] {
	const all = text.split('\n');
	const start = all.findIndex((line) => line === `  ${name}:`);
	if (start < 0) throw new Error(`no job ${name}`);
	const end = all.findIndex((line, i) => i > start && /^ {2}\S/.test(line));
	return lines(all.slice(start, end < 0 ? undefined : end).join('\n'));
}

/** Fails unless each line is there, in this order. */
function expectInOrder(have: string[], wanted: string[]): void {
	let at = -1;
	for (const line of wanted) {
		const next = have.findIndex((candidate, i) => i > at && candidate === line);
		if (next < 0) throw new Error(`expected "${line}" after line ${at + 1} in:\n${have.join('\n')}`);
		at = next;
	}
}

describe.each(['ci.yml', 'publish.yml'])('%s', (name) => {
	const text = read(name);

	it('is indented with spaces, evenly (YAML rejects tabs)', () => {
		text.split('\n').forEach((line, i) => {
			expect({ line: i + 1, tab: line.includes('\t') }).toEqual({ line: i + 1, tab: false });
			expect({ line: i + 1, indent: /^ */.exec(line)![0].length % 2 }).toEqual({ line: i + 1, indent: 0 });
		});
	});
});

describe('ci.yml', () => {
	const text = read('ci.yml');

	it('runs on pushes, pull requests, nightly, by hand and when publish.yml calls it', () => {
		expectInOrder(lines(text), ['on:', 'push:', "branches: ['**']", 'pull_request:', 'schedule:', "- cron: '17 2 * * *'", 'workflow_dispatch:', 'workflow_call:']);
	});

	it('runs the fast lane (npm run check:fast) on Node 20 every time', () => {
		const fast = job(text, 'fast');
		expect(fast.filter((line) => line.startsWith('if:'))).toEqual([]);
		expectInOrder(fast, [
			'runs-on: ubuntu-latest',
			'- uses: actions/checkout@v4',
			'uses: actions/setup-node@v4',
			'node-version: 20',
			'run: npm ci --no-audit --no-fund',
			'run: npm run check:fast',
		]);
	});

	it('runs .ci/run after the fast lane on main, release tags, nightly and by hand, on Node 20', () => {
		expectInOrder(job(text, 'full'), [
			'needs: fast',
			'if: >-',
			"github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/tags/') ||",
			"github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'",
			'runs-on: ubuntu-latest',
			'container: node:20-bookworm',
			'- uses: actions/checkout@v4',
			'uses: actions/setup-node@v4',
			'node-version: 20',
			'run: bash .ci/run',
		]);
	});

	it('check:fast is the start of the README\'s check command, which .ci/run runs', () => {
		const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
		expect(scripts['check:fast']).toBe('npm run lint && npm run typecheck && npm test && npm run scan');
		expect(scripts.check).toBe(
			"npm run check:fast && npm run test:e2e && npm run test:queue && npm run test:chaos && npm run test:compat -- --version 1.49.0 && npm run test:upgrade -- --only 'pack upgrade on n8n 2'",
		);
		expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8').trimEnd().split('\n').slice(-1)).toEqual(['npm run check']);
	});
});

describe('publish.yml', () => {
	const text = read('publish.yml');

	it('runs on version tags only, with id-token: write for provenance', () => {
		expectInOrder(lines(text), ['on:', 'push:', "tags: ['v*.*.*']", 'permissions:', 'contents: read', 'id-token: write', 'jobs:']);
		expect(lines(text).filter((line) => /^(branches|pull_request|workflow_dispatch)\b/.test(line))).toEqual([]);
	});

	it('refuses a tag that is not package.json\'s version', () => {
		const version = job(text, 'version').join('\n');
		expect(version).toContain(`version="$(node -p "require('./package.json').version")"`);
		expect(version).toContain('if [ "$GITHUB_REF_NAME" != "v$version" ]; then');
		expect(version).toContain('grep -q "^## \\[$version\\]" CHANGELOG.md');
	});

	it('publishes only after the tag check and the whole CI on the tagged commit', () => {
		expectInOrder(job(text, 'ci'), ['needs: version', 'uses: ./.github/workflows/ci.yml']);
		expect(job(text, 'publish')).toContain('needs: [version, ci]');
	});

	it('installs, lints, tests, scans, then publishes with provenance and public access', () => {
		expectInOrder(job(text, 'publish'), [
			'id-token: write',
			'- uses: actions/checkout@v4',
			'uses: actions/setup-node@v4',
			'registry-url: https://registry.npmjs.org',
			'run: npm ci --no-audit --no-fund',
			'run: npm run lint',
			'run: npm test',
			'run: npm run scan',
			'run: npm publish --provenance --access public',
			'NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
		]);
	});

	it('has a CHANGELOG section for the version package.json carries', () => {
		const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
		expect(fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm'));
	});
});
