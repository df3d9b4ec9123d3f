/**
 * Which page of an offset list to ask for next. Parallel Requests on Auto follows four rules:
 *
 * 1. The first page is read alone: most lists fit in it.
 * 2. Every page before the furthest page that came back full is in the list (a full page means every page
 *    before it is full too), and so is the page after it: these may be asked for at any time.
 * 3. Any other page may lie past the end of the list. At most `pagesAhead(known)` of those are asked for
 *    (counting those that came back empty): whatever lands past the end is then at most one request for a
 *    list of up to ten pages and a tenth of the requests of a longer one, however the answers are timed.
 * 4. The first of them is asked for far ahead, at LOOK_AHEAD × the pages known full: when it comes back
 *    full, every page before it is known to be there and can be read at once, so what is known grows by
 *    half with every round trip instead of by a tenth.
 *
 * A fixed setting reads the first page alone, then pages in order with as many in flight as it names: who
 * picks a number accepts up to that many minus one requests past the end. How many are in flight at once,
 * and the pause after a 429, are the limiter's (concurrency.ts).
 */

/** One more page past the known ones per this many known full: the share past the end, 1/10. */
export const PAGES_PER_EXTRA_PAGE = 10;

/**
 * How far ahead the first page that may lie past the end is asked for, as a multiple of the pages known
 * full. Twice as far reads long lists a round trip or two sooner, but a list ending before that page then
 * reads its last pages one at a time: up to 3 round trips more for lists of 11 to 19 pages, against at most
 * 1 at 1.5.
 */
export const LOOK_AHEAD = 1.5;

/**
 * Auto's pages that may lie past the end, when `known` pages came back full. The list may end at the first
 * page not known full, so (known + 1) pages is the shortest it can be: one extra request is allowed for up
 * to ten pages and a tenth of them beyond that.
 */
export function pagesAhead(known: number): number {
	return Math.max(1, Math.floor((known + 1) / PAGES_PER_EXTRA_PAGE));
}

export class PagePlan {
	/** Pages 0 … known − 1 came back full. */
	private known = 0;
	/** The first page that came back short (or empty): the list ends there. */
	private shortAt = Infinity;
	private readonly requested = new Set<number>();
	/** The lowest page not asked for yet. */
	private lowest = 0;
	/** Pages asked for past page `known`: they may lie past the end (rule 3). */
	private readonly beyondKnown = new Set<number>();

	/**
	 * `lookAhead`: Auto's rules 2-4 (false: a fixed setting, pages in order). `pageCount`: how many pages
	 * the caller wants at most (Infinity for Return All).
	 */
	constructor(
		private readonly lookAhead: boolean,
		private readonly pageCount: number,
	) {}

	/** The index of the first short page, or Infinity while none has come back. */
	get end(): number {
		return this.shortAt;
	}

	/**
	 * The next page below `below` to ask for (now counted as asked for), or undefined when none may start
	 * now. `below` lets a caller that met a failed page still read the pages before it.
	 */
	next(below = Infinity): number | undefined {
		const page = this.choose(Math.min(this.shortAt, this.pageCount, below));
		if (page === undefined) return undefined;
		this.requested.add(page);
		if (page > this.known) this.beyondKnown.add(page);
		while (this.requested.has(this.lowest)) this.lowest++;
		return page;
	}

	/** Page `page` came back: `full` when it held every item asked for. */
	answered(page: number, full: boolean): void {
		if (!full) {
			this.shortAt = Math.min(this.shortAt, page);
			return;
		}
		this.known = Math.max(this.known, page + 1);
		for (const ahead of this.beyondKnown) if (ahead <= this.known) this.beyondKnown.delete(ahead);
	}

	private choose(limit: number): number | undefined {
		if (this.known === 0) return this.requested.size === 0 && limit > 0 ? 0 : undefined;
		if (!this.lookAhead) return this.lowest < limit ? this.lowest : undefined;
		const room = this.beyondKnown.size < pagesAhead(this.known);
		const far = Math.floor(this.known * LOOK_AHEAD);
		if (room && far > this.known && far < limit && !this.requested.has(far)) return far;
		if (this.lowest >= limit) return undefined;
		return this.lowest <= this.known || room ? this.lowest : undefined;
	}
}
