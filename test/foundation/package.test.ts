/**
 * What n8n's community-package rules and the community nodes panel expect of the published package.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

describe('package.json', () => {
	it('is a community node package with no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-worken');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist']);
	});

	it('keeps npm from installing the peer n8n-workflow beside the pack', () => {
		// n8n before 1.93 installs a pack with a plain `npm install`, which adds a non-optional peer at its
		// newest version; today's n8n-workflow needs isolated-vm, which does not build on Node < 24, so the
		// whole install failed (measured on n8n 1.49 and 1.85). Optional, the pack uses n8n's own copy.
		expect(pkg.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
	});

	it('has no script npm runs on install', () => {
		const scripts = Object.keys(pkg.scripts as Record<string, string>);
		for (const hook of ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'prepack', 'postpack']) {
			expect(scripts).not.toContain(hook);
		}
	});

	it('registers built files that exist', () => {
		const n8n = pkg.n8n as { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
		expect(n8n.n8nNodesApiVersion).toBe(1);
		for (const file of [...n8n.nodes, ...n8n.credentials]) {
			expect(file).toMatch(/^dist\/.*\.js$/);
			expect(fs.existsSync(path.join(root, file))).toBe(true);
		}
	});
});

describe('codex files', () => {
	const homepage = String(pkg.homepage);
	const n8n = pkg.n8n as { nodes: string[] };

	it.each(n8n.nodes.map((file) => [file]))('%s has a codex that n8n can load', (file) => {
		const source = file.replace(/^dist\//, '').replace(/\.js$/, '.json');
		const codex = JSON.parse(fs.readFileSync(path.join(root, source), 'utf8')) as {
			node: string;
			codexVersion: string;
			categories: string[];
			alias: string[];
			resources: Record<string, Array<{ url: string }>>;
		};
		// n8n's loader destructures `resources.{primaryDocumentation, credentialDocumentation}`: both must be there.
		for (const key of ['primaryDocumentation', 'credentialDocumentation']) {
			expect(codex.resources[key].length).toBeGreaterThan(0);
			for (const { url } of codex.resources[key]) expect(url.startsWith(`${homepage}#`)).toBe(true);
		}
		expect(codex.node).toMatch(/^n8n-nodes-worken\.worken(Trigger)?$/);
		expect(codex.categories).toContain('Communication');
		expect(codex.alias).toEqual(expect.arrayContaining(['chatbot', 'support bot', 'helpdesk']));
		expect(fs.existsSync(path.join(root, file.replace(/\.js$/, '.json')))).toBe(true);
	});

	it('links to README sections that exist', () => {
		const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
		const anchors = new Set(
			[...readme.matchAll(/^#+ (.+)$/gm)].map(([, title]) =>
				title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'),
			),
		);
		for (const file of n8n.nodes) {
			const source = file.replace(/^dist\//, '').replace(/\.js$/, '.json');
			for (const [, anchor] of fs.readFileSync(path.join(root, source), 'utf8').matchAll(/#([a-z0-9-]+)"/g)) {
				expect(anchors).toContain(anchor);
			}
		}
	});
});

describe('npm pack', () => {
	it('publishes only dist/, package.json, README.md and LICENSE, with the icons and codex files', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		});
		const [{ files }] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
		const paths = files.map((file) => file.path);
		const outside = paths.filter((file) => !file.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(paths).toEqual(
			expect.arrayContaining([
				'dist/nodes/Worken/worken.svg',
				'dist/nodes/Worken/worken.dark.svg',
				// n8n reads a node's codex (categories, search aliases, docs links) from `<file>.node.json`
				// beside its `<file>.node.js`; without it the nodes panel finds the nodes by name only.
				'dist/nodes/Worken/Worken.node.json',
				'dist/nodes/WorkenTrigger/WorkenTrigger.node.json',
			]),
		);
		expect(paths.some((file) => /test|sandbox/.test(file))).toBe(false);
	});
});
