import { randomBytes } from 'node:crypto';

/** Object id prefixes; ids are otherwise opaque to clients. */
export type IdPrefix = 'prj' | 'bot' | 'chat' | 'thr' | 'msg' | 'int';

export function newId(prefix: IdPrefix): string {
	return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** A project key: `sk-` + 32 lowercase hex characters. */
export function newKey(): string {
	return `sk-${randomBytes(16).toString('hex')}`;
}

/** The contract's key format: `sk-` followed by hex. Anything else is rejected with 401 before any lookup. */
export const KEY_FORMAT = /^sk-[0-9a-fA-F]+$/;
