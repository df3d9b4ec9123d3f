import { ApiError } from './errors';
import type { Plan } from './types';

/** Requests per window (the contract's "per minute" figures; the window is configurable for tests). */
export const PLAN_LIMITS: Record<Plan, number> = {
	free: 60,
	starter: 300,
	pro: 600,
	enterprise: Number.POSITIVE_INFINITY,
};

/**
 * Sliding-window limiter per project: a request is allowed when fewer than the plan's limit were allowed
 * in the last `windowMs`. Refused requests are not counted, so a client that waits `Retry-After` seconds
 * gets through.
 */
export class RateLimiter {
	private hits = new Map<string, number[]>();

	constructor(private readonly windowMs: number) {}

	/** Counts the request, or throws 429 with `Retry-After` (whole seconds, at least 1). */
	hit(projectId: string, plan: Plan, now: number): void {
		const limit = PLAN_LIMITS[plan];
		if (limit === Number.POSITIVE_INFINITY) return;
		const recent = (this.hits.get(projectId) ?? []).filter((t) => t > now - this.windowMs);
		if (recent.length >= limit) {
			this.hits.set(projectId, recent);
			const retryAfter = Math.max(1, Math.ceil((recent[recent.length - limit] + this.windowMs - now) / 1000));
			throw new ApiError(429, undefined, { 'retry-after': String(retryAfter) });
		}
		recent.push(now);
		this.hits.set(projectId, recent);
	}

	reset(): void {
		this.hits.clear();
	}
}
