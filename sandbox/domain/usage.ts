import type { ProjectState } from '../store';
import type { Billing, UsageRecord } from '../types';

/** Sandbox prices, RUB per 1,000 tokens. Only their determinism matters. */
const INPUT_PRICE_PER_1K = 0.05;
const OUTPUT_PRICE_PER_1K = 0.2;

export const CURRENCY = 'RUB';

function costOf(inputTokens: number, outputTokens: number): number {
	const cost = (inputTokens * INPUT_PRICE_PER_1K + outputTokens * OUTPUT_PRICE_PER_1K) / 1000;
	return Math.round(cost * 1e6) / 1e6;
}

/** The UTC calendar date of an ISO timestamp or Date. */
export function utcDate(at: string | Date = new Date()): string {
	return (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
}

/** Adds to the (date, bot) usage row, creating it if needed; cost is recomputed from the totals. */
export function recordUsage(
	p: ProjectState,
	botId: string,
	date: string,
	amounts: { requests: number; input_tokens: number; output_tokens: number },
): UsageRecord {
	const key = `${date}|${botId}`;
	const row = p.usage.get(key) ?? { date, bot_id: botId, requests: 0, input_tokens: 0, output_tokens: 0, cost: 0 };
	row.requests += amounts.requests;
	row.input_tokens += amounts.input_tokens;
	row.output_tokens += amounts.output_tokens;
	row.cost = costOf(row.input_tokens, row.output_tokens);
	p.usage.set(key, row);
	return row;
}

/** Usage rows by date ascending (rows of one date in the order their bots first used anything). */
export function listUsage(p: ProjectState, f: { from?: string; to?: string; bot_id?: string }): UsageRecord[] {
	return [...p.usage.values()]
		.filter(
			(r) =>
				(f.from === undefined || r.date >= f.from) &&
				(f.to === undefined || r.date <= f.to) &&
				(f.bot_id === undefined || r.bot_id === f.bot_id),
		)
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The billing period is the current UTC calendar month. */
export function billing(p: ProjectState, now = new Date()): Billing {
	const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
	const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
	return {
		plan: p.plan,
		balance: p.balance,
		currency: CURRENCY,
		period_start: start.toISOString(),
		period_end: end.toISOString(),
	};
}
