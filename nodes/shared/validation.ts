/**
 * Local checks on user input, run before any request is sent. Each failure names the field and the fix.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export interface ValidationTarget {
	getNode(): INode;
}

export function fail(ctx: ValidationTarget, itemIndex: number, message: string, description: string): never {
	throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
}

/** Worken ids are opaque, but never empty and never contain spaces or slashes. */
export function checkId(ctx: ValidationTarget, itemIndex: number, field: string, value: unknown): string {
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (id === '') {
		fail(ctx, itemIndex, `${field} is empty`, `Pick the ${field.replace(/ ID$/, '').toLowerCase()} from the list or enter its ID.`);
	}
	if (/[\s/?#]/.test(id)) {
		fail(
			ctx,
			itemIndex,
			`${field} "${id}" is not a valid ID`,
			'IDs contain no spaces, slashes, "?" or "#". Check for a pasted name or URL instead of the ID, or pick it from the list.',
		);
	}
	return id;
}

/** An object or a list given where text belongs (e.g. `{{ $json }}` instead of `{{ $json.name }}`). */
export function checkNotStructured(ctx: ValidationTarget, itemIndex: number, field: string, value: unknown): void {
	if (typeof value === 'object' && value !== null) {
		fail(
			ctx,
			itemIndex,
			`${field} must be text, not ${Array.isArray(value) ? 'a list' : 'an object'}`,
			`The expression in ${field} gives ${JSON.stringify(value).slice(0, 80)}. Point it at one field, e.g. {{ $json.name }} instead of {{ $json }}.`,
		);
	}
}

export function checkNonEmpty(ctx: ValidationTarget, itemIndex: number, field: string, value: unknown): string {
	checkNotStructured(ctx, itemIndex, field, value);
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	if (text === '') fail(ctx, itemIndex, `${field} is empty`, `Enter a value for ${field}.`);
	return text;
}

export interface NumberRange {
	min: number;
	/** None: any number from `min` up. */
	max?: number;
	integer?: boolean;
	/** Only a JSON number counts (in a JSON field a quoted number is a mistake); else text like "0.5" too. */
	strict?: boolean;
	/** What to do about it, when the field needs a better hint than "change it to a value between…". */
	hint?: string;
}

export function checkNumberRange(
	ctx: ValidationTarget,
	itemIndex: number,
	field: string,
	value: unknown,
	range: NumberRange,
): number {
	const { min, max, integer = false, strict = false } = range;
	const number =
		typeof value === 'number' ? value : !strict && typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (
		Number.isFinite(number) &&
		number >= min &&
		(max === undefined || number <= max) &&
		(!integer || Number.isInteger(number))
	) {
		return number;
	}
	const bounds = max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
	const quoted = strict && typeof value === 'string' ? ' Write the number without quotes.' : '';
	const hint = range.hint ?? `Change ${field} to a number ${bounds}.`;
	return fail(
		ctx,
		itemIndex,
		`${field} must be ${integer ? 'a whole number' : 'a number'} ${bounds}`,
		`You entered ${JSON.stringify(value)}.${quoted} ${hint}`,
	);
}

export function checkOneOf<T extends string>(
	ctx: ValidationTarget,
	itemIndex: number,
	field: string,
	value: unknown,
	allowed: readonly T[],
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	return fail(
		ctx,
		itemIndex,
		`${field} must be one of: ${allowed.join(', ')}`,
		`You entered ${JSON.stringify(value)}. Choose one of the listed values.`,
	);
}

/** A JSON field may hold an object or text that parses to one. */
export function parseJsonObject(ctx: ValidationTarget, itemIndex: number, field: string, value: unknown): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			fail(
				ctx,
				itemIndex,
				`${field} is not valid JSON`,
				`${(error as Error).message}. Enter a JSON object such as {"key": "value"}.`,
			);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		fail(ctx, itemIndex, `${field} must be a JSON object`, 'Enter a JSON object in braces, such as {"key": "value"}.');
	}
	return parsed as IDataObject;
}

/** Dates for usage reports: YYYY-MM-DD, or anything n8n gives as a date, reduced to the day. */
export function checkDay(ctx: ValidationTarget, itemIndex: number, field: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(value).trim();
	// n8n's date picker gives local times without a zone ("2026-01-31T00:00:00"): the day is the written
	// one. Converting through Date and UTC would move it a day back east of UTC. Date.parse also accepts
	// 2024-02-30, so the day is checked by a round trip.
	const written = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text)?.[1];
	if (written !== undefined) {
		const parsed = new Date(`${written}T00:00:00Z`);
		if (!Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === written) return written;
		fail(ctx, itemIndex, `${field} is not a date`, `You entered "${text}". Use a date such as 2026-01-31.`);
	}
	const date = new Date(text);
	if (Number.isNaN(date.getTime())) {
		fail(ctx, itemIndex, `${field} is not a date`, `You entered "${text}". Use a date such as 2026-01-31.`);
	}
	// Other formats ("Jan 31 2026") are read in the instance's time zone, so the day is taken there too.
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
