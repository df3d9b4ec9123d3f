/**
 * Compares one raw answer of the Worken API with its row of the shapes table, and says for each
 * difference whether the nodes cope with it (the built normaliser or transport absorbs it) or break.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Answer, FieldType, Fields } from './shapes';
import { OBJECTS } from './shapes';

export interface Difference {
	/** What differs, e.g. "wrapped list {data:[…]}" or "missing field name (title instead?)". */
	text: string;
	/** The nodes still work: the transport or the normaliser absorbs the difference. */
	nodesCope: boolean;
	/** Where to make the one-line fix. */
	fix: string;
}

/** The built normaliser's functions (dist/nodes/transport/normalise.js), the ones the nodes run. */
export interface Normaliser {
	normaliseList(body: unknown): { items: IDataObject[]; nextCursor?: string };
	normaliseObject(body: unknown): IDataObject;
}

const SHAPES = 'scripts/probe/shapes.ts';
const NORMALISE = 'nodes/transport/normalise.ts';

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function matches(value: unknown, type: FieldType): boolean {
	if (type === 'string?null') return value === null || typeof value === 'string';
	return typeName(value) === type;
}

function fieldAt(object: IDataObject, dotted: string): { found: boolean; value: unknown } {
	let current: unknown = object;
	for (const part of dotted.split('.')) {
		if (!isObject(current) || !(part in current)) return { found: false, value: undefined };
		current = current[part];
	}
	return { found: true, value: current };
}

function tryOr<T>(run: () => T): T | undefined {
	try {
		return run();
	} catch {
		return undefined;
	}
}

/** Missing fields and fields of another type, for one object; a renamed top-level field is guessed. */
export function fieldDifferences(of: keyof typeof OBJECTS, object: IDataObject): string[] {
	const fields: Fields = OBJECTS[of];
	const found: string[] = [];
	const broken: string[] = [];
	for (const [name, type] of Object.entries(fields)) {
		if (broken.some((parent) => name.startsWith(`${parent}.`))) continue;
		const { found: present, value } = fieldAt(object, name);
		if (!present) {
			const renamed = name.includes('.')
				? undefined
				: Object.keys(object).find((key) => !(key in fields) && matches(object[key], type));
			found.push(`missing field ${name}${renamed ? ` (${renamed} instead?)` : ''}`);
			broken.push(name);
		} else if (!matches(value, type)) {
			found.push(`field ${name} is ${typeName(value)}, expected ${type.replace('?null', ' or null')}`);
			broken.push(name);
		}
	}
	return found;
}

function itemDifferences(of: keyof typeof OBJECTS, items: unknown[]): Difference[] {
	const texts = new Set<string>();
	for (const item of items) {
		if (!isObject(item)) texts.add(`an item is ${typeName(item)}, not an object`);
		else for (const text of fieldDifferences(of, item)) texts.add(text);
	}
	return [...texts].map((text) => ({
		text,
		nodesCope: false,
		fix: `map the field in ${NORMALISE} if Worken is right (and correct OBJECTS.${of} in ${SHAPES}); the nodes pass objects through unchanged`,
	}));
}

/** The success status: another 2xx passes the transport, anything else fails every node. */
export function statusDifference(name: string, expected: number, actual: number): Difference | undefined {
	if (actual === expected) return undefined;
	if (actual >= 200 && actual < 300) {
		return {
			text: `status ${actual} instead of ${expected}`,
			nodesCope: true,
			fix: `set EXPECTED.${name}.status to ${actual} in ${SHAPES} (the transport accepts any 2xx)`,
		};
	}
	return undefined;
}

function arrayKeys(body: IDataObject): string[] {
	return Object.keys(body).filter((key) => Array.isArray(body[key]));
}

function listDifferences(
	name: string,
	answer: Extract<Answer, { kind: 'list' }>,
	body: unknown,
	normaliser: Normaliser,
	limit?: number,
): Difference[] {
	const { of, wrappedIn } = answer;
	let items: unknown[];
	const differences: Difference[] = [];
	if (wrappedIn !== undefined && isObject(body) && Array.isArray(body[wrappedIn])) {
		items = body[wrappedIn] as unknown[];
	} else if (Array.isArray(body)) {
		items = body;
		if (wrappedIn !== undefined) {
			const nodesCope = tryOr(() => normaliser.normaliseList(body)) !== undefined;
			differences.push({
				text: `bare list instead of {${wrappedIn}:[…]}${nodesCope ? ': the normaliser copes' : ''}`,
				nodesCope,
				fix: `set EXPECTED.${name}.answer to list('${of}') in ${SHAPES} if Worken is right`,
			});
		}
	} else if (isObject(body) && arrayKeys(body).length > 0) {
		const key = arrayKeys(body).includes('data') ? 'data' : arrayKeys(body)[0];
		items = body[key] as unknown[];
		const normalised = tryOr(() => normaliser.normaliseList(body));
		const nodesCope = normalised !== undefined && normalised.items.length === items.length;
		differences.push({
			text: `wrapped list {${key}:[…]}${nodesCope ? ': the normaliser copes' : ': the normaliser does not find the items'}`,
			nodesCope,
			fix: nodesCope
				? `set EXPECTED.${name}.answer to list('${of}', '${key}') in ${SHAPES} if Worken is right`
				: `unwrap {${key}:[…]} in normaliseList (${NORMALISE})`,
		});
	} else {
		return [
			{
				text: `not a list: ${isObject(body) ? `an object with keys ${Object.keys(body).join(', ') || '(none)'}` : typeName(body)}`,
				nodesCope: false,
				fix: `check the path of ENDPOINTS.${name} (nodes/transport/endpoints.ts) and normaliseList (${NORMALISE})`,
			},
		];
	}
	if (limit !== undefined && items.length > limit) {
		differences.push({
			text: `${items.length} items for limit=${limit}: limit ignored`,
			nodesCope: false,
			fix: 'the paginators (nodes/transport/pagination.ts) rely on limit and offset',
		});
	}
	return [...differences, ...itemDifferences(of, items)];
}

function feedDifferences(
	name: string,
	answer: Extract<Answer, { kind: 'feed' }>,
	body: unknown,
	normaliser: Normaliser,
): Difference[] {
	if (!isObject(body)) {
		return [
			{
				text: `feed answered ${typeName(body) === 'array' ? 'a bare list' : typeName(body)}, expected {${answer.items}:[…], ${answer.cursor}}`,
				nodesCope: false,
				fix: `read the feed's shape in normaliseList (${NORMALISE}); the trigger needs a cursor`,
			},
		];
	}
	const differences: Difference[] = [];
	let items: unknown[] = [];
	if (Array.isArray(body[answer.items])) {
		items = body[answer.items] as unknown[];
	} else {
		const other = arrayKeys(body)[0];
		differences.push({
			text: other ? `feed items under ${other} instead of ${answer.items}` : `no ${answer.items} list in the feed answer`,
			nodesCope: false,
			fix: `read the feed's items in normaliseList (${NORMALISE}) and correct EXPECTED.${name}.withCursor in ${SHAPES}`,
		});
		if (other) items = body[other] as unknown[];
	}
	const cursor = body[answer.cursor];
	if (typeof cursor !== 'string') {
		const other = Object.keys(body).find((key) => key !== answer.cursor && /cursor|next/i.test(key));
		const normalised = tryOr(() => normaliser.normaliseList(body));
		const nodesCope = other !== undefined && normalised?.nextCursor === body[other];
		differences.push({
			text: other
				? `cursor named ${other} instead of ${answer.cursor}${nodesCope ? '' : ': the normaliser misses it, the trigger would never move on'}`
				: cursor === undefined
					? `no ${answer.cursor} in the feed answer`
					: `field ${answer.cursor} is ${typeName(cursor)}, expected string`,
			nodesCope,
			fix: `read ${other ?? answer.cursor} in normaliseList (${NORMALISE}) and set cursor: '${other ?? answer.cursor}' in EXPECTED.${name}.withCursor (${SHAPES})`,
		});
	}
	return [...differences, ...itemDifferences(answer.of, items)];
}

function objectDifferences(name: string, of: keyof typeof OBJECTS, body: unknown, normaliser: Normaliser): Difference[] {
	const normalised = tryOr(() => normaliser.normaliseObject(body));
	if (normalised === undefined || !isObject(body)) {
		return [
			{
				text: Array.isArray(body) ? 'a list instead of one object' : `not an object: ${typeName(body)}`,
				nodesCope: false,
				fix: `check ENDPOINTS.${name} (nodes/transport/endpoints.ts) and normaliseObject (${NORMALISE})`,
			},
		];
	}
	const fields = fieldDifferences(of, normalised);
	const wrapper = Object.keys(body).find((key) => isObject(body[key]) && fieldDifferences(of, body[key] as IDataObject).length < fields.length);
	if (fields.length > 0 && wrapper !== undefined && !(wrapper in OBJECTS[of])) {
		return [
			{
				text: `wrapped object {${wrapper}:{…}}: the normaliser does not unwrap it`,
				nodesCope: false,
				fix: `unwrap {${wrapper}:{…}} in normaliseObject (${NORMALISE})`,
			},
		];
	}
	return itemDifferences(of, [normalised]);
}

/** Differences of a 2xx body from the expected answer. */
export function bodyDifferences(name: string, answer: Answer, body: unknown, normaliser: Normaliser, limit?: number): Difference[] {
	switch (answer.kind) {
		case 'list':
			return listDifferences(name, answer, body, normaliser, limit);
		case 'feed':
			return feedDifferences(name, answer, body, normaliser);
		case 'object':
			return objectDifferences(name, answer.of, body, normaliser);
		default:
			// A 204 has no body to check (another status is reported as such); streams are not probed.
			return [];
	}
}
