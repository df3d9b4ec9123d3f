/**
 * Debian's Chromium (the `chromium` package, which .ci/run installs) driven by playwright-core: no browser
 * download, headless, loopback only. A missing Chromium is a clear error, never a silent skip.
 */
import { execFileSync } from 'child_process';
import { chromium, Browser } from 'playwright-core';

/** The `chromium` on PATH, as `which chromium` finds it; undefined when it is not installed. */
export function findChromium(): string | undefined {
	try {
		const found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
		return found || undefined;
	} catch {
		return undefined;
	}
}

export const CHROMIUM_MISSING =
	'Chromium is not installed: the editor checks drive Debian\'s `chromium` package (apt-get install chromium; .ci/run installs it)';

export async function launchChromium(): Promise<Browser> {
	const executablePath = findChromium();
	if (!executablePath) throw new Error(CHROMIUM_MISSING);
	return chromium.launch({
		executablePath,
		headless: true,
		timeout: 120_000,
		args: [
			// Chromium refuses its sandbox when run as root (CI containers).
			...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
			// Small /dev/shm in containers makes Chromium crash on large pages.
			'--disable-dev-shm-usage',
		],
	});
}
