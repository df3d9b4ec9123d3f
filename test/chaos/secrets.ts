/**
 * Where a real n8n could leak the Worken key: everything it logged (at debug level) and its SQLite
 * database (execution data, static data, credentials; read as raw bytes, main file and write-ahead log,
 * so no table is missed). A positive control proves the search would find things: a thread id the
 * trigger delivered must be in the database, and a debug line in the log.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface SecretScan {
	files: string[];
	bytes: number;
	/** Files containing the secret. */
	leaks: string[];
	/** Whether the control text was found (proves the files hold what we think). */
	controlFound: boolean;
}

export function scanFiles(files: string[], secret: string, control: string | RegExp): SecretScan {
	const scan: SecretScan = { files: [], bytes: 0, leaks: [], controlFound: false };
	for (const file of files) {
		if (!fs.existsSync(file)) continue;
		const data = fs.readFileSync(file);
		scan.files.push(path.basename(file));
		scan.bytes += data.length;
		// latin1 keeps every byte, so an ASCII key is found wherever it sits in the binary file.
		const text = data.toString('latin1');
		if (text.includes(secret)) scan.leaks.push(path.basename(file));
		if (typeof control === 'string' ? text.includes(control) : control.test(text)) scan.controlFound = true;
	}
	return scan;
}

export function n8nLogFiles(userFolder: string): string[] {
	return fs
		.readdirSync(userFolder)
		.filter((name) => /^n8n-\d+\.log$/.test(name))
		.map((name) => path.join(userFolder, name));
}

export function n8nDatabaseFiles(userFolder: string): string[] {
	const base = path.join(userFolder, '.n8n', 'database.sqlite');
	return [base, `${base}-wal`, `${base}-journal`];
}
