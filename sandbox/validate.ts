import { badRequest } from './errors';

/**
 * Small validators for request bodies and query strings. Each 400 message names the offending field, as
 * the contract asks ("400 for validation errors with a message naming the field").
 */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body as an object; a missing body counts as `{}` (e.g. POST /bots/:id/clone sends none). */
export function bodyObject(body: unknown): JsonObject {
	if (body === undefined) return {};
	if (!isObject(body)) throw badRequest('Request body must be a JSON object');
	return body;
}

export function requiredString(obj: JsonObject, field: string, label = field): string {
	const value = obj[field];
	if (typeof value !== 'string' || value.trim() === '') throw badRequest(`${label} must be a non-empty string`);
	return value;
}

/** undefined when absent; otherwise a non-empty string. */
export function optionalNonEmptyString(obj: JsonObject, field: string, label = field): string | undefined {
	if (obj[field] === undefined) return undefined;
	return requiredString(obj, field, label);
}

/** undefined when absent; otherwise a string or null. */
export function optionalNullableString(obj: JsonObject, field: string, label = field): string | null | undefined {
	const value = obj[field];
	if (value === undefined || value === null) return value;
	if (typeof value !== 'string') throw badRequest(`${label} must be a string or null`);
	return value;
}

export function oneOf<T extends string>(value: unknown, allowed: readonly T[], label: string): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw badRequest(`${label} must be one of ${allowed.join(', ')}`);
	}
	return value as T;
}

export function numberIn(value: unknown, min: number, max: number, label: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw badRequest(`${label} must be a number between ${min} and ${max}`);
	}
	return value;
}

export function positiveInteger(value: unknown, label: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw badRequest(`${label} must be a positive integer`);
	}
	return value;
}

export function nonNegativeInteger(value: unknown, label: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
		throw badRequest(`${label} must be a non-negative integer`);
	}
	return value;
}

export function boolean(value: unknown, label: string): boolean {
	if (typeof value !== 'boolean') throw badRequest(`${label} must be a boolean`);
	return value;
}

export interface Page {
	limit: number;
	offset: number;
}

/** `limit` 1–100 (default 20) and `offset` ≥ 0 (default 0), both decimal integers in the query string. */
export function pagination(query: Record<string, string>): Page {
	let limit = 20;
	let offset = 0;
	if (query.limit !== undefined) {
		if (!/^\d+$/.test(query.limit) || Number(query.limit) < 1 || Number(query.limit) > 100) {
			throw badRequest('limit must be an integer between 1 and 100');
		}
		limit = Number(query.limit);
	}
	if (query.offset !== undefined) {
		if (!/^\d+$/.test(query.offset) || !Number.isSafeInteger(Number(query.offset))) {
			throw badRequest('offset must be a non-negative integer');
		}
		offset = Number(query.offset);
	}
	return { limit, offset };
}

export function page<T>(items: readonly T[], { limit, offset }: Page): T[] {
	return items.slice(offset, offset + limit);
}

/** An optional enum filter in the query string; an unknown value is a 400 rather than an empty list. */
export function enumFilter<T extends string>(
	query: Record<string, string>,
	field: string,
	allowed: readonly T[],
): T | undefined {
	if (query[field] === undefined) return undefined;
	return oneOf(query[field], allowed, field);
}

/** A calendar date `YYYY-MM-DD` that exists (2024-02-30 is rejected). */
export function dateParam(query: Record<string, string>, field: string): string | undefined {
	const value = query[field];
	if (value === undefined) return undefined;
	const valid =
		/^\d{4}-\d{2}-\d{2}$/.test(value) &&
		!Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
		new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
	if (!valid) throw badRequest(`${field} must be a date in YYYY-MM-DD format`);
	return value;
}
