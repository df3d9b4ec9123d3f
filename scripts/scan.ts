/**
 * `npm run scan` — n8n's own scanner as a gate. `npx @n8n/scan-community-package <package>` is what n8n
 * runs on a published community package before it lists it: it lints the source the npm provenance points
 * at with `SOURCE_FILE_PATTERNS`, and the published tarball's `**\/*.js` and package.json, with its own
 * rule set (`buildScanConfig`) and `allowInlineConfig: false`, so `eslint-disable` comments do not silence
 * anything. This runs the same `analyzePackage` on the same two things before we publish:
 *
 *   1. the source: a fresh copy of package.json, nodes/ and credentials/ (what the git checkout n8n
 *      lints holds: no dist/, no node_modules);
 *   2. the tarball: `npm pack` of the current build, unpacked as n8n unpacks it.
 *
 * Prints every finding per file and the count; exits 1 on any finding. Needs a current build (`npm run
 * build`; `npm test` builds too).
 *
 *   npm run scan                               both legs
 *   npm run scan -- --dir <folder> [--tarball]   one unpacked package folder, with the source patterns
 *                                                (or the tarball's); used by the test that proves the gate
 *                                                catches a violation
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { buildAndPack } from './n8n/community-package';
import { REPO_ROOT } from './n8n/paths';

/** The tarball leg's patterns in analyzePackageByName (the scanner exports only the source ones). */
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
const SOURCE_PARTS = ['package.json', 'nodes', 'credentials'];

interface AnalysisResult {
	passed: boolean;
	message?: string;
	details?: string;
}
interface Scanner {
	analyzePackage(dir: string, patterns: string[]): Promise<AnalysisResult>;
	SOURCE_FILE_PATTERNS: string[];
}

interface Finding {
	file: string;
	line: string;
	severity: string;
	message: string;
}

async function loadScanner(): Promise<Scanner> {
	const entry = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
	// The scanner makes a temp folder when loaded and removes it on exit only with graceful cleanup on.
	createRequire(entry)('tmp').setGracefulCleanup();
	// An ES module: a real import(), which TypeScript's CommonJS output would turn into require().
	const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Scanner>;
	return importEsm(pathToFileURL(entry).href);
}

/** The findings of analyzePackage's report (ESLint's "stylish" format: a file line, then its findings). */
function parseFindings(details: string, root: string): Finding[] {
	const findings: Finding[] = [];
	let file = '';
	for (const raw of details.replace(/\u001b\[[0-9;]*m/g, '').split('\n')) {
		const finding = /^\s+(\d+:\d+)\s+(error|warning)\s+(.*)$/.exec(raw);
		if (finding) findings.push({ file, line: finding[1], severity: finding[2], message: finding[3].replace(/\s{2,}/g, '  ') });
		else if (/^\S/.test(raw) && !raw.startsWith('✖')) file = path.relative(root, raw.trim()) || raw.trim();
	}
	return findings;
}

/** One leg: analyzePackage on a folder; prints the findings per file and returns their number (1 when it failed otherwise). */
async function scanFolder(scanner: Scanner, label: string, dir: string, patterns: string[]): Promise<number> {
	const t0 = Date.now();
	const result = await scanner.analyzePackage(dir, patterns);
	const seconds = ((Date.now() - t0) / 1000).toFixed(1);
	// analyzePackage passes a folder with no matching file: here that means the gate looked at the wrong place.
	if (result.passed && result.message === 'No files found to analyze') {
		console.log(`✗ ${label}: no file matches ${patterns.join(', ')} in ${dir}`);
		return 1;
	}
	if (result.passed) {
		console.log(`✓ ${label}: 0 findings (${seconds}s)`);
		return 0;
	}
	const findings = parseFindings(result.details ?? '', dir);
	if (!findings.length) {
		// Not a lint report: the analysis itself failed (e.g. a file it could not parse).
		console.log(`✗ ${label}: ${result.message ?? 'failed'} (${seconds}s)\n${result.details ?? ''}`);
		return 1;
	}
	console.log(`✗ ${label}: ${findings.length} finding(s), ${result.message ?? 'failed'} (${seconds}s)`);
	const byFile = new Map<string, Finding[]>();
	for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
	for (const [file, list] of byFile) {
		console.log(`  ${file}`);
		for (const finding of list) console.log(`    ${finding.line}  ${finding.severity}  ${finding.message}`);
	}
	return findings.length;
}

/** The newest mtime under a folder (or of a file). */
function newest(target: string): number {
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((name) => newest(path.join(target, name))));
}

/** The tarball leg scans the build: refuse a dist/ older than the sources it was built from. */
function assertBuildIsCurrent(): void {
	const dist = path.join(REPO_ROOT, 'dist');
	if (!fs.existsSync(dist)) throw new Error('dist/ is missing: run npm run build first');
	const registered = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } }).n8n.nodes;
	const built = Math.min(...registered.map((file) => fs.statSync(path.join(REPO_ROOT, file)).mtimeMs));
	const sources = Math.max(newest(path.join(REPO_ROOT, 'nodes')), newest(path.join(REPO_ROOT, 'credentials')));
	if (sources > built) throw new Error('dist/ is older than nodes/ or credentials/: run npm run build first');
}

async function scanPack(scanner: Scanner, work: string): Promise<number> {
	const source = path.join(work, 'source');
	for (const part of SOURCE_PARTS) fs.cpSync(path.join(REPO_ROOT, part), path.join(source, part), { recursive: true });
	let found = await scanFolder(scanner, 'source (package.json, nodes/, credentials/)', source, scanner.SOURCE_FILE_PATTERNS);

	assertBuildIsCurrent();
	const pack = await buildAndPack({ skipBuild: true });
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', pack.tarball, '-C', unpacked, '--strip-components=1']);
	found += await scanFolder(scanner, `tarball ${path.basename(pack.tarball)}`, unpacked, TARBALL_PATTERNS);
	return found;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const t0 = Date.now();
	const scanner = await loadScanner();
	let found: number;
	const dirAt = args.indexOf('--dir');
	if (dirAt >= 0) {
		const dir = path.resolve(args[dirAt + 1] ?? '');
		const tarball = args.includes('--tarball');
		found = await scanFolder(scanner, dir, dir, tarball ? TARBALL_PATTERNS : scanner.SOURCE_FILE_PATTERNS);
	} else {
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'worken-scan-'));
		try {
			found = await scanPack(scanner, work);
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
	}
	const seconds = ((Date.now() - t0) / 1000).toFixed(1);
	console.log(`n8n scanner: ${found} finding(s) in ${seconds}s${found ? ': fix them (eslint-disable comments are ignored)' : ''}`);
	process.exit(found ? 1 : 0);
}

main().catch((error: unknown) => {
	console.error(`✗ n8n scanner: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
