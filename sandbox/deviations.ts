/**
 * Deliberate departures from the contract, switched on for `npm run probe`'s own tests and for trying the
 * probe by hand: the sandbox then answers the way a live API that differs from the contract might. Off by
 * default; they change only the answers of the public API (status and JSON body), never the state.
 */
import { badRequest } from './errors';

export const DEVIATIONS = {
	/** Offset lists come as `{"data": [...]}` instead of a bare array. */
	'wrap-lists': 'lists wrapped in {"data": [...]}',
	/** The thread feed's `next_cursor` is called `nextCursor`. */
	'camel-cursor': 'the feed cursor named nextCursor instead of next_cursor',
	/** Creates answer 201 instead of 200. */
	'create-201': 'creates answer 201 instead of 200',
	/** Bots carry their name as `title`. */
	'bot-title': 'bots have title instead of name',
} as const;

export type Deviation = keyof typeof DEVIATIONS;

const CREATES = /^\/(bots|chats|integrations)$|^\/chats\/[^/]+\/threads$|^\/threads\/[^/]+\/messages$|^\/bots\/[^/]+\/clone$/;
/** Answers that are bots (or lists of bots); not the settings. */
const BOT_ANSWERS = /^\/bots(\/[^/]+(\/(status|clone))?)?$/;

function isDeviation(name: unknown): name is Deviation {
	return typeof name === 'string' && Object.prototype.hasOwnProperty.call(DEVIATIONS, name);
}

/** Checks a list of deviation names (control API, CLI); `all` switches every one on. */
export function parseDeviations(input: unknown): Deviation[] {
	const names = typeof input === 'string' ? input.split(',').map((name) => name.trim()).filter(Boolean) : input;
	if (!Array.isArray(names)) throw badRequest('deviations must be a list of names');
	if (names.includes('all')) return Object.keys(DEVIATIONS) as Deviation[];
	for (const name of names) {
		if (!isDeviation(name)) {
			throw badRequest(`unknown deviation ${String(name)}; use ${Object.keys(DEVIATIONS).join(', ')} or all`);
		}
	}
	return [...new Set(names as Deviation[])];
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function renameBotName(bot: unknown): unknown {
	if (!isObject(bot) || !('name' in bot)) return bot;
	const { name, ...rest } = bot;
	return { ...rest, title: name };
}

export class DeviationSwitch {
	private active = new Set<Deviation>();

	set(deviations: Deviation[]): void {
		this.active = new Set(deviations);
	}

	list(): Deviation[] {
		return [...this.active];
	}

	/** The status and body a public-API request is answered with, given the handler's result. */
	apply(method: string, path: string, body: unknown): { status: number; body: unknown } {
		let status = 200;
		if (this.active.size === 0) return { status, body };
		if (this.active.has('bot-title') && BOT_ANSWERS.test(path)) {
			body = Array.isArray(body) ? body.map(renameBotName) : renameBotName(body);
		}
		if (this.active.has('camel-cursor') && isObject(body) && 'next_cursor' in body) {
			const { next_cursor: nextCursor, ...rest } = body;
			body = { ...rest, nextCursor };
		}
		if (this.active.has('wrap-lists') && Array.isArray(body)) body = { data: body };
		if (this.active.has('create-201') && method === 'POST' && CREATES.test(path)) status = 201;
		return { status, body };
	}
}
