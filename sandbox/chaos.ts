/**
 * Faults for soak and chaos runs, beside the exact, queued faults of faults.ts:
 * - a **fault mix**: each matching request fails with probability `rate`, with a kind drawn from `kinds`
 *   (429 with a Retry-After of `retryAfter` seconds, default 0 so a soak runs fast; 500; a connection
 *   reset; a slow answer; or, on the thread feed, a page that repeats a thread it already sent);
 * - **redirects**: the next matching requests are answered 3xx with a Location (e.g. another local port),
 *   to see what a client sends there.
 * Seeded, so a failing run can be repeated.
 */
import type { FeedPage } from './domain/feed';
import type { FaultSpec, Thread } from './types';

export const MIX_FAULT_KINDS = ['429', '500', 'reset', 'slow', 'repeat'] as const;
export type MixFaultKind = (typeof MIX_FAULT_KINDS)[number];

export interface FaultMixSpec {
	/** Probability (0–1) that a matching request gets a fault. */
	rate: number;
	kinds?: MixFaultKind[];
	method?: string;
	pathPrefix?: string;
	/** Retry-After of the 429s, in seconds (default 0). */
	retryAfter?: number;
	/** A slow answer waits up to this long (default 200 ms). */
	slowMs?: number;
	seed?: number;
}

export interface RedirectSpec {
	count: number;
	location: string;
	/** 301, 302, 303, 307 or 308 (default 307, which keeps the method and body). */
	status?: number;
	method?: string;
	pathPrefix?: string;
}

/** A fault as the request pipeline applies it. */
export interface ChaosFault extends FaultSpec {
	repeatFeedItem?: boolean;
	redirect?: { status: number; location: string };
}

const REMEMBERED_FEED_ITEMS = 50;

/** mulberry32: small, fast and good enough for picking faults. */
function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function matches(spec: { method?: string; pathPrefix?: string }, method: string, path: string): boolean {
	if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
	return spec.pathPrefix === undefined || path.startsWith(spec.pathPrefix);
}

export class Chaos {
	private mix?: { spec: FaultMixSpec; random: () => number };
	private redirects: Array<{ spec: RedirectSpec; remaining: number }> = [];
	/** Per project: copies of the threads the feed sent last, as they were sent. */
	private sent = new Map<string, Thread[]>();
	private counts: Record<string, number> = {};

	setMix(spec: FaultMixSpec | undefined): void {
		this.mix = spec ? { spec: { ...spec }, random: seededRandom(spec.seed ?? 1) } : undefined;
	}

	addRedirect(spec: RedirectSpec): void {
		this.redirects.push({ spec: { ...spec }, remaining: spec.count });
	}

	/** How many faults of each kind the mix and the redirects dealt. */
	dealt(): Record<string, number> {
		return { ...this.counts };
	}

	/** The fault for this request: a queued redirect first, then maybe one from the mix. */
	take(method: string, path: string, isFeed: boolean): ChaosFault | undefined {
		const index = this.redirects.findIndex(({ spec }) => matches(spec, method, path));
		if (index >= 0) {
			const pending = this.redirects[index];
			if (--pending.remaining <= 0) this.redirects.splice(index, 1);
			this.count('redirect');
			return { count: 1, redirect: { status: pending.spec.status ?? 307, location: pending.spec.location } };
		}
		if (!this.mix || !matches(this.mix.spec, method, path)) return undefined;
		const { spec, random } = this.mix;
		if (random() >= spec.rate) return undefined;
		const kinds = (spec.kinds ?? [...MIX_FAULT_KINDS]).filter((kind) => kind !== 'repeat' || isFeed);
		if (kinds.length === 0) return undefined;
		const kind = kinds[Math.floor(random() * kinds.length)];
		this.count(kind);
		switch (kind) {
			case '429':
				return { count: 1, status: 429, retryAfter: spec.retryAfter ?? 0 };
			case '500':
				return { count: 1, status: 500 };
			case 'reset':
				return { count: 1, reset: true };
			case 'slow':
				return { count: 1, delayMs: 1 + Math.floor(random() * (spec.slowMs ?? 200)) };
			case 'repeat':
				return { count: 1, repeatFeedItem: true };
		}
	}

	/**
	 * Called with every feed page about to be sent: remembers what it sends, and with `repeat` puts one
	 * thread it sent before (as it was then) in front of the page, as an at-least-once feed may.
	 */
	afterFeed(projectId: string, page: FeedPage, repeat: boolean): FeedPage {
		const earlier = this.sent.get(projectId) ?? [];
		const out = { ...page, data: [...page.data] };
		if (repeat && earlier.length > 0) {
			out.data.unshift(earlier[Math.floor((this.mix?.random() ?? Math.random()) * earlier.length)]);
		}
		const remembered = earlier.concat(page.data.map((thread) => ({ ...thread })));
		this.sent.set(projectId, remembered.slice(-REMEMBERED_FEED_ITEMS));
		return out;
	}

	reset(): void {
		this.mix = undefined;
		this.redirects = [];
		this.sent.clear();
		this.counts = {};
	}

	private count(kind: string): void {
		this.counts[kind] = (this.counts[kind] ?? 0) + 1;
	}
}
