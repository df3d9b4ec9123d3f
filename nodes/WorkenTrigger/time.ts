/**
 * Compares two of Worken's ISO 8601 timestamps: by instant, then (same millisecond, e.g. microsecond
 * precision) by text. '' stands for "none yet" and is earlier than everything.
 */
export function compareTime(a: string, b: string): number {
	if (a === b) return 0;
	if (a === '') return -1;
	if (b === '') return 1;
	const ta = Date.parse(a);
	const tb = Date.parse(b);
	if (Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb) return ta < tb ? -1 : 1;
	return a < b ? -1 : 1;
}

export function laterTime(a: string, b: string): string {
	return compareTime(a, b) >= 0 ? a : b;
}
