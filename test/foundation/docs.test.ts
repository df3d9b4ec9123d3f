/**
 * The docs are checked like code: every relative link, image and anchor of every Markdown file of the
 * repository resolves, no file names a path of somebody's machine, the documentation links n8n shows in
 * the editor land on existing README sections, every example is described, and the Russian guide keeps
 * step with the English one.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { WorkenApi } from '../../credentials/WorkenApi.credentials';
import { examplesNamedIn, missingInRussian, operationsOf } from './guideParity';
import { anchorsOf, linksOf } from './markdown';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Tracked and new (not ignored) Markdown files, outside dependencies and caches. */
const markdownFiles = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], { cwd: root, encoding: 'utf8' })
	.split('\n')
	.filter((file) => file !== '' && !/(^|\/)(node_modules|\.cache)\//.test(file) && fs.existsSync(path.join(root, file)));

const README = 'README.md';
const RUSSIAN = 'docs/ru/README.md';
const REPOSITORY_URL = 'https://github.com/worken/n8n-nodes-worken';
const exampleFiles = fs.readdirSync(path.join(root, 'examples')).filter((file) => file.endsWith('.json')).sort();

/** Problems of one relative link of `file`: a missing file, or an anchor that file does not have. */
function linkProblem(file: string, target: string): string | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
	const [pathPart, anchor] = target.split('#', 2);
	const resolved = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(pathPart)));
	if (resolved.startsWith('..')) return `${target} points outside the repository`;
	if (!fs.existsSync(path.join(root, resolved))) return `${target}: no file ${resolved}`;
	if (anchor === undefined || anchor === '') return undefined;
	if (!resolved.endsWith('.md')) return `${target}: an anchor into a file that is not Markdown`;
	if (!anchorsOf(read(resolved)).has(decodeURIComponent(anchor))) return `${target}: ${resolved} has no section #${anchor}`;
	return undefined;
}

describe('Markdown files', () => {
	it('are found (the guides, the contract, the operators\' documents)', () => {
		expect(markdownFiles).toEqual(
			expect.arrayContaining([README, RUSSIAN, 'CONTRIBUTING.md', 'CHANGELOG.md', 'docs/worken-api.md', 'docs/running-at-scale.md', 'docs/reliability.md']),
		);
	});

	it.each(markdownFiles)('%s: every relative link, image and anchor resolves', (file) => {
		const problems = linksOf(read(file))
			.map((link) => {
				const problem = linkProblem(file, link.target);
				return problem && `line ${link.line}: ${problem}`;
			})
			.filter(Boolean);
		expect(problems).toEqual([]);
	});

	it.each(markdownFiles)('%s: names no path of a particular machine', (file) => {
		const problems = read(file)
			.split('\n')
			.map((line, index) => ({ line, index }))
			.filter(({ line }) => /(^|[\s`'"(=[])(\/work|\/root|\/home|\/tmp|\/Users|\/mnt|\/var\/folders)\/|(^|[\s`'"(])[A-Za-z]:\\/.test(line))
			.map(({ line, index }) => `line ${index + 1}: ${line.trim()}`);
		expect(problems).toEqual([]);
	});

	it.each(markdownFiles)('%s: every .json file it names exists', (file) => {
		// Client configuration files of other programs, named where the guide tells how to fill them in.
		const elsewhere = new Set(['mcp.json', 'claude_desktop_config.json']);
		const repositoryFiles = new Set(execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.json'], { cwd: root, encoding: 'utf8' }).split('\n').map((name) => path.posix.basename(name)));
		const named = [...read(file).matchAll(/([\w.-]+\.json)\b/g)].map((match) => match[1]);
		const missing = named.filter((name) => !elsewhere.has(name) && !name.startsWith('*') && !repositoryFiles.has(name) && !/^\.?\w*\.node\.json$/.test(name));
		expect(missing).toEqual([]);
	});
});

describe('documentation links shown in n8n', () => {
	const codexFiles = ['nodes/Worken/Worken.node.json', 'nodes/WorkenTrigger/WorkenTrigger.node.json'];
	const urls = [
		...codexFiles.flatMap((file) => {
			const resources = (JSON.parse(read(file)) as { resources: Record<string, Array<{ url: string }>> }).resources;
			return Object.values(resources).flat().map((resource) => ({ from: file, url: resource.url }));
		}),
		{ from: 'credentials/WorkenApi.credentials.ts', url: new WorkenApi().documentationUrl },
	];

	it.each(urls)('$from: $url is a section of the README', ({ url }) => {
		expect(url.startsWith(`${REPOSITORY_URL}#`)).toBe(true);
		expect(anchorsOf(read(README))).toContain(url.slice(REPOSITORY_URL.length + 1));
	});

	it('point at the node, the trigger and the credential sections', () => {
		expect(urls.map(({ url }) => url.split('#')[1]).sort()).toEqual(
			['set-up-the-credential', 'set-up-the-credential', 'set-up-the-credential', 'the-worken-node', 'the-worken-trigger'].sort(),
		);
	});
});

describe('examples', () => {
	it.each([README, RUSSIAN])('%s describes every file of examples/', (guide) => {
		expect(examplesNamedIn(read(guide))).toEqual(exampleFiles);
	});
});

describe('the Russian guide', () => {
	const english = read(README);

	it('has a counterpart for every section, operation row, trigger event and example of the English guide', () => {
		expect(missingInRussian(english, read(RUSSIAN))).toEqual([]);
	});

	it('covers the operations table of the English guide, which lists every operation', () => {
		expect(operationsOf(english)).toHaveLength(30);
	});

	describe('the check fails when a counterpart is missing', () => {
		const russian = read(RUSSIAN);
		const without = (pattern: RegExp) => {
			const changed = russian.replace(pattern, '');
			expect(changed).not.toBe(russian);
			return missingInRussian(english, changed);
		};

		it('a section', () => {
			expect(without(/^## Примеры\n/m)).toEqual(['section "Examples": the Russian guide has no "Примеры"']);
		});

		it('an operation row', () => {
			expect(without(/^\| Thread \| Set Mode \|.*\n/m)).toEqual(['operation row "Thread → Set Mode"']);
		});

		it('a trigger event row', () => {
			expect(without(/^\| New Message \|.*\n/m)).toEqual(['trigger event row "New Message"']);
		});

		it('an example', () => {
			expect(without(/^.*examples\/nightly-usage-report\.json.*\n/gm)).toEqual(['example examples/nightly-usage-report.json']);
		});

		it('a section of the English guide missing from the map', () => {
			expect(missingInRussian(`${english}\n## Something new\n`, russian)).toEqual([
				'section "Something new": no entry in SECTION_MAP (test/foundation/guideParity.ts)',
			]);
		});
	});
});
