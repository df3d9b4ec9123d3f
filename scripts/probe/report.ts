/** The probe's output: one line per row, what to change for each difference, a summary; key masked. */
import type { ProbeReport } from './run';
import type { Row } from './rows';

/** Anything that looks like a Worken key, and the key itself, never reaches the output. */
export function maskKeys(text: string, apiKey: string): string {
	const key = apiKey.trim();
	const masked = key.length > 0 ? text.split(key).join(maskedKey(key)) : text;
	return masked.replace(/sk-[0-9a-f]{8,}/gi, (found) => maskedKey(found));
}

/** `sk-****` and the last four characters, enough to tell two keys apart. */
export function maskedKey(key: string): string {
	return key.length > 12 ? `sk-****${key.slice(-4)}` : 'sk-****';
}

export function rowText(row: Row): string {
	if (row.outcome === 'skipped') return `skipped (${row.reason})`;
	if (row.outcome === 'ok') return 'ok';
	return row.differences.map((difference) => difference.text).join('; ');
}

function label(row: Row): string {
	return `${row.method.padEnd(6)} ${row.path}${row.variant ? ` (${row.variant})` : ''}`;
}

/** One entry per distinct difference and fix, naming every row it was seen on. */
function groupedFixes(rows: Row[]): string[] {
	const groups = new Map<string, { rows: string[]; text: string; verdict: string; fix: string }>();
	for (const row of rows) {
		for (const difference of row.differences) {
			const key = `${difference.text}\n${difference.fix}`;
			const group = groups.get(key) ?? {
				rows: [],
				text: difference.text,
				verdict: difference.nodesCope ? 'the nodes cope' : 'the nodes will break',
				fix: difference.fix,
			};
			group.rows.push(label(row).replace(/\s+/, ' '));
			groups.set(key, group);
		}
	}
	return [...groups.values()].map(({ rows: seen, text, verdict, fix }) => `  - ${text} (${seen.join(', ')})\n    ${verdict}; fix: ${fix}`);
}

export function formatText(report: ProbeReport, apiKey: string): string {
	const lines: string[] = [];
	lines.push(`Worken API probe: ${report.baseUrl}, key ${maskedKey(apiKey)}${report.write ? ', with the --write round trip' : ''}`);
	if (report.fatal) lines.push(`  ${report.fatal}`);
	if (report.rows.length > 0) {
		const width = Math.max(...report.rows.map((row) => label(row).length), 20);
		lines.push('');
		for (const row of report.rows) {
			lines.push(`  ${label(row).padEnd(width)}  ${String(row.status ?? '-').padEnd(3)}  ${rowText(row)}`);
		}
		const fixes = groupedFixes(report.rows);
		if (fixes.length > 0) lines.push('', 'What differs and where to fix it:', ...fixes);
		if (report.notProbed.length > 0) {
			const byReason = new Map<string, string[]>();
			for (const { endpoint, reason } of report.notProbed) byReason.set(reason, [...(byReason.get(reason) ?? []), endpoint]);
			lines.push('', 'Not called:', ...[...byReason].map(([reason, endpoints]) => `  ${endpoints.join(', ')}: ${reason}`));
		}
	}
	const { ok, differs, skipped } = report.summary;
	lines.push(
		'',
		report.fatal
			? `Summary: not finished (${report.fatal}); ${ok} ok, ${differs} differ, ${skipped} skipped.`
			: `Summary: ${report.rows.length} rows: ${ok} ok, ${differs} differ, ${skipped} skipped.${differs > 0 ? ' Exit code 1.' : ''}`,
	);
	return maskKeys(lines.join('\n'), apiKey);
}

export function formatJson(report: ProbeReport, apiKey: string): string {
	return maskKeys(JSON.stringify({ ...report, key: maskedKey(apiKey) }, null, 2), apiKey);
}

/** 0: every row as the contract says; 1: a row differs; 2: the probe could not start or was stopped. */
export function exitCode(report: ProbeReport): number {
	if (report.fatal) return 2;
	return report.summary.differs > 0 ? 1 : 0;
}
