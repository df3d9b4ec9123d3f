import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../shared/objects';

/**
 * The one place that knows the shapes of Worken responses (contract: docs/worken-api.md).
 * Offset lists are documented as bare arrays; the thread feed is `{data, next_cursor}`. Lists are also
 * accepted wrapped in `{data}`, so that a list endpoint that wraps its items needs no change elsewhere.
 */

export interface NormalisedList {
	items: IDataObject[];
	/** Only the cursor feed has one. */
	nextCursor?: string;
}

/** JSON bodies may reach us as text (e.g. when the server omits the content type). */
export function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') return undefined;
		try {
			return JSON.parse(text) as unknown;
		} catch {
			return text;
		}
	}
	if (typeof Buffer !== 'undefined' && Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return body;
}

export class UnexpectedResponseError extends Error {}

export function normaliseList(body: unknown): NormalisedList {
	const parsed = parseBody(body);
	if (Array.isArray(parsed)) return { items: parsed.filter(isPlainObject) };
	if (isPlainObject(parsed) && Array.isArray(parsed.data)) {
		const nextCursor = parsed.next_cursor;
		return {
			items: (parsed.data as unknown[]).filter(isPlainObject),
			nextCursor: typeof nextCursor === 'string' ? nextCursor : undefined,
		};
	}
	throw new UnexpectedResponseError('Worken answered with something that is not a list');
}

/** A single object; DELETE answers 204 with no body. */
export function normaliseObject(body: unknown): IDataObject {
	const parsed = parseBody(body);
	if (parsed === undefined || parsed === null) return {};
	if (isPlainObject(parsed)) return parsed;
	throw new UnexpectedResponseError('Worken answered with something that is not an object');
}

/** Worken error bodies are `{error, message?}`; the message is the part a user can act on. */
export function normaliseError(body: unknown): { error?: string; message?: string } {
	const parsed = parseBody(body);
	if (!isPlainObject(parsed)) return {};
	return {
		error: typeof parsed.error === 'string' ? parsed.error : undefined,
		message: typeof parsed.message === 'string' ? parsed.message : undefined,
	};
}
