/**
 * `npm run pin:parameters` — after adding parameters, option values or node versions, record them in
 * test/foundation/parameters.pinned.json so the pin test protects them too. Refuses (exit 1, nothing
 * written) when the build no longer has something pinned: that change breaks saved workflows and needs a
 * new node version instead (CONTRIBUTING.md, "Versioning rules").
 */
import * as fs from 'fs';
import * as path from 'path';
import { BREAKS, PINS_FILE, breakingChanges, collectPins, loadBuiltPack, readPins, writePins } from './parameter-pins';
import { REPO_ROOT } from './n8n/paths';

function main(): void {
	const current = collectPins(loadBuiltPack());
	const relative = path.relative(REPO_ROOT, PINS_FILE);
	if (fs.existsSync(PINS_FILE)) {
		const pinned = readPins();
		const problems = breakingChanges(pinned, current);
		if (problems.length) {
			console.error(`Not written: ${problems.length} pinned parameter(s) changed or gone; ${BREAKS}.`);
			for (const problem of problems) console.error(`  - ${problem}`);
			process.exit(1);
		}
		const added = Object.keys(current.parameters).filter((key) => !pinned.parameters[key]);
		for (const key of added) console.log(`  + ${key}`);
		console.log(`${relative}: ${added.length} new parameter(s), ${Object.keys(current.parameters).length} pinned`);
	} else {
		console.log(`${relative}: created with ${Object.keys(current.parameters).length} parameters`);
	}
	// Nothing pinned is missing from `current` (checked above), so writing it only adds.
	writePins(current);
}

main();
