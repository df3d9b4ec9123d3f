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

describe('npm pack', () => {
	it('publishes only dist/, package.json, README.md and LICENSE, with the icons', () => {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: root,
			encoding: 'utf8',
		});
		const [{ files }] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
		const paths = files.map((file) => file.path);
		const outside = paths.filter((file) => !file.startsWith('dist/'));
		expect(outside.sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
		expect(paths).toEqual(expect.arrayContaining(['dist/nodes/Worken/worken.svg', 'dist/nodes/Worken/worken.dark.svg']));
		expect(paths.some((file) => /test|sandbox/.test(file))).toBe(false);
	});
});
