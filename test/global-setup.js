// The engine tests load the built pack from dist/ (scripts/engine/pack.ts), so that what they run is what
// gets published. Builds it first when it is missing or older than a source, so `npx jest` works on a fresh
// clone and never tests a stale build. tsc rewrites every output, so one output's age stands for all.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const OUTPUT = path.join(root, 'dist', 'nodes', 'Worken', 'Worken.node.js');
const SOURCES = ['nodes', 'credentials', 'package.json', 'tsconfig.json', 'gulpfile.js'];

function newestMtime(file) {
	const stat = fs.statSync(file);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(0, ...fs.readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

module.exports = function buildWhenStale() {
	const built = fs.existsSync(OUTPUT) ? fs.statSync(OUTPUT).mtimeMs : 0;
	const changed = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
	if (built >= changed) return;
	process.stdout.write(`\n${built ? 'dist/ is older than the sources' : 'dist/ is missing'}: npm run build\n`);
	execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
};
