/** Reading fields of Worken objects that may be missing or of another type than documented. */
import type { IDataObject } from 'n8n-workflow';

/** A text or number field as text; '' when it is missing or of another type. */
export function stringField(object: IDataObject, name: string): string {
	const value = object[name];
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A thread's message_count as a whole number; 0 when it is missing or unreadable. */
export function countField(thread: IDataObject): number {
	const value = Number(thread.message_count);
	return Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0;
}
