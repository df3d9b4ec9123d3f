/**
 * Checks one setting value before anything is sent. Node fields are read leniently (an expression may
 * give "0.5" or "true" as text); the Advanced Settings JSON strictly, because JSON has real types and a
 * quoted number there is a mistake worth pointing out.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fail } from '../../../shared/validation';
import type { SettingDefinition } from './settingsSchema';

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeRange(definition: SettingDefinition): string {
	const { min, max } = definition;
	if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
	return `of at least ${min ?? 0}`;
}

export function checkSettingValue(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	definition: SettingDefinition,
	value: unknown,
	strict: boolean,
): string | number | boolean {
	switch (definition.kind) {
		case 'text': {
			if (typeof value !== 'string' && (strict || typeof value === 'object')) {
				fail(ctx, itemIndex, `${label} must be text`, `You entered ${JSON.stringify(value)}. Write the text in double quotes.`);
			}
			const text = String(value);
			if (definition.nonEmpty && text.trim() === '') {
				fail(ctx, itemIndex, `${label} is empty`, `Enter a value for ${label}, or remove the field.`);
			}
			return text;
		}
		case 'boolean': {
			if (typeof value === 'boolean') return value;
			if (!strict && (value === 'true' || value === 'false')) return value === 'true';
			return fail(ctx, itemIndex, `${label} must be true or false`, `You entered ${JSON.stringify(value)}.`);
		}
		case 'number':
		case 'wholeNumber': {
			const wholeNumber = definition.kind === 'wholeNumber';
			const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
			const valid =
				(!strict || typeof value === 'number') &&
				Number.isFinite(number) &&
				number >= (definition.min ?? 0) &&
				(definition.max === undefined || number <= definition.max) &&
				(!wholeNumber || Number.isInteger(number));
			if (!valid) {
				fail(
					ctx,
					itemIndex,
					`${label} must be ${wholeNumber ? 'a whole number' : 'a number'} ${describeRange(definition)}`,
					`You entered ${JSON.stringify(value)}.${strict && typeof value === 'string' ? ' Write the number without quotes.' : ''}`,
				);
			}
			return number;
		}
	}
}

/** The value at `path` inside `root`, or undefined when any step is missing. */
export function getPath(root: IDataObject, path: readonly string[]): unknown {
	let current: unknown = root;
	for (const key of path) {
		if (!isPlainObject(current)) return undefined;
		current = current[key];
	}
	return current;
}

/** Sets `value` at `path`, creating the objects on the way. */
export function setPath(root: IDataObject, path: readonly string[], value: unknown): void {
	let current = root;
	for (const key of path.slice(0, -1)) {
		if (!isPlainObject(current[key])) current[key] = {};
		current = current[key] as IDataObject;
	}
	current[path[path.length - 1]] = value as IDataObject[string];
}

/** `override` deep-merged onto `base` (objects merge key by key, anything else is replaced); a new object. */
export function deepMerge(base: IDataObject, override: IDataObject): IDataObject {
	const result: IDataObject = { ...base };
	for (const [key, value] of Object.entries(override)) {
		const existing = result[key];
		result[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
	}
	return result;
}

/** Whether the object holds at least one value that is not an (empty) object. */
export function hasAnyValue(value: unknown): boolean {
	if (!isPlainObject(value)) return value !== undefined;
	return Object.values(value).some(hasAnyValue);
}
