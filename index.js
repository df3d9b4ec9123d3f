// Entry point named by package.json "main". n8n does not load nodes from here: it reads the "n8n" block
// of package.json (dist/nodes/..., dist/credentials/...). This file only keeps `require('n8n-nodes-worken')`
// from failing for tools that resolve the package's main module.
module.exports = {};
