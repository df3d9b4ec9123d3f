/**
 * Console output for the harness. Every API key that could reach a log goes through `mask()` first, so a CI
 * log never carries a usable key.
 */

const started = Date.now();

function stamp(): string {
	const s = Math.round((Date.now() - started) / 1000);
	return `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
}

export function log(message: string): void {
	process.stdout.write(`${stamp()} ${mask(message)}\n`);
}

/** Replace anything that looks like a Worken or n8n key with a masked form (first chars only). */
export function mask(text: string): string {
	return text
		.replace(/\bsk-[A-Za-z0-9]{4,}/g, (key) => `${key.slice(0, 5)}…`)
		.replace(/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_.-]+/g, 'eyJ…(jwt)');
}

export function formatDuration(ms: number): string {
	const s = Math.round(ms / 1000);
	return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
