/**
 * Console errors and uncaught page errors of the editor, so a check can ask "what went wrong while this
 * panel was open". n8n logs a few errors of its own that have nothing to do with the pack; those are
 * listed here one by one with the reason, and everything else counts.
 */
import type { ConsoleMessage, Page } from 'playwright-core';

export interface PageError {
	kind: 'console' | 'pageerror';
	text: string;
	/** The script or resource the message came from (console messages only). */
	url: string;
}

interface Allowed {
	why: string;
	match: (e: PageError, origin: string) => boolean;
}

/** n8n's own errors that a browser without internet access always sees. */
export const ALLOWED_ERRORS: Allowed[] = [
	{
		why: 'n8n fetches its "dynamic banners" from api.n8n.io; the test machine has no internet',
		match: (e) => e.kind === 'console' && e.text.startsWith('Failed to fetch dynamic banners'),
	},
	{
		why: 'any resource n8n loads from outside the test instance (api.n8n.io, CDNs) cannot load without internet',
		match: (e, origin) => e.kind === 'console' && e.text.startsWith('Failed to load resource') && e.url !== '' && !e.url.startsWith(origin),
	},
];

export class PageErrors {
	private readonly seen: PageError[] = [];

	constructor(
		page: Page,
		private readonly origin: string,
	) {
		page.on('console', (msg: ConsoleMessage) => {
			if (msg.type() === 'error') this.seen.push({ kind: 'console', text: msg.text(), url: msg.location().url ?? '' });
		});
		page.on('pageerror', (err: Error) => this.seen.push({ kind: 'pageerror', text: err.message, url: '' }));
	}

	/** A position in the log; `since(mark)` returns what came after it. */
	mark(): number {
		return this.seen.length;
	}

	/** Errors after `mark` that are not on the allow-list. */
	since(mark: number): PageError[] {
		return this.seen.slice(mark).filter((e) => !ALLOWED_ERRORS.some((a) => a.match(e, this.origin)));
	}
}

export function describeErrors(errors: PageError[]): string {
	return errors.map((e) => `${e.kind}: ${e.text.slice(0, 300)}${e.url ? ` (${e.url})` : ''}`).join(' | ');
}
