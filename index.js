// The repository's entry point, kept at the top level as n8n's node-package template does. It is not
// published: package.json has no "main" and "files" holds only dist/, because n8n never loads a
// community package through it — n8n reads the "n8n" block of package.json (dist/nodes/…,
// dist/credentials/…). Requiring the repository folder (e.g. from a tool) gets an empty module.
module.exports = {};
