/**
 * n8n gives a poll a time budget (`getPollBudgetMs`, 5 minutes by default) and abandons a poll that
 * overruns it; a poll that always overran would never advance. So the trigger stops starting new work
 * once half of the budget is spent (the other half is left for the requests already started, retries
 * and rate-limit waits included), stores how far it got, and continues in the next poll.
 */
import type { IPollFunctions } from 'n8n-workflow';

const DEFAULT_BUDGET_MS = 5 * 60_000;
const SHARE_FOR_NEW_WORK = 0.5;

export interface PollBudget {
	/** Whether new work may no longer be started. The caller always does one step first. */
	spent(): boolean;
}

export function startBudget(ctx: IPollFunctions): PollBudget {
	// Older n8n versions have no poll budget.
	const getBudget = (ctx as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>).getPollBudgetMs;
	const total = typeof getBudget === 'function' ? Number(getBudget.call(ctx)) : DEFAULT_BUDGET_MS;
	const budget = Number.isFinite(total) && total >= 0 ? total : DEFAULT_BUDGET_MS;
	const deadline = Date.now() + budget * SHARE_FOR_NEW_WORK;
	return { spent: () => Date.now() >= deadline };
}
