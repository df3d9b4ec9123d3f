/** Plain JSON objects: telling them apart, reading and writing by path, merging. */
import type { IDataObject } from 'n8n-workflow';

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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
