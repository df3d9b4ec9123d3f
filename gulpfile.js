// Copies what n8n reads next to the compiled files into dist/: the node and credential icons, and the
// codex files (`<Node>.node.json`: categories, search aliases, documentation links) that n8n loads from
// beside each `<Node>.node.js`.
const { src, dest, parallel } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

function buildCodex() {
	return src(['nodes/**/*.node.json'], { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
exports['build:codex'] = buildCodex;
exports['build:assets'] = parallel(buildIcons, buildCodex);
