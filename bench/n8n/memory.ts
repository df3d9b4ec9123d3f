/**
 * Peak memory of the n8n server process over one run: Linux keeps the process's high-water mark of
 * resident memory (VmHWM in /proc/<pid>/status), and writing 5 to /proc/<pid>/clear_refs resets it to the
 * current resident size, so each run's peak is its own.
 */
import * as fs from 'node:fs';

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!match) throw new Error(`no ${field} for process ${pid}`);
	return Number(match[1]);
}

export interface MemoryWatch {
	/** Resident MiB when the watch started. */
	before: number;
	/** The peak resident MiB since the watch started. */
	peak(): number;
}

export function watchPeakMemory(pid: number): MemoryWatch {
	fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
	const before = statusKb(pid, 'VmRSS') / 1024;
	return { before, peak: () => statusKb(pid, 'VmHWM') / 1024 };
}
