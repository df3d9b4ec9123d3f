/**
 * Every item the trigger emits carries `eventId`, a stable id of the change it reports, derived only from
 * the change itself (never from the poll, the time of the poll or the trigger's stored state):
 *
 * - New Thread: `newThread:<thread id>` (a thread is created once);
 * - Thread Updated: `threadUpdated:<thread id>:<updated_at>` (each change gives the thread a new updated_at);
 * - New Message: `newMessage:<message id>` (a message is created once).
 *
 * So the same change gets the same id whichever poll emits it. n8n's schedulers deliver at least once (a
 * poll whose state was not saved runs again), and a workflow drops such repeats with the Remove Duplicates
 * node ("Remove Items Processed in Previous Executions", value `{{ $json.eventId }}`).
 */
import type { IDataObject } from 'n8n-workflow';

import { stringField } from './fields';

export type ThreadEvent = 'newThread' | 'threadUpdated';

function threadEventId(event: ThreadEvent, thread: IDataObject): string {
	const id = stringField(thread, 'id');
	return event === 'newThread' ? `newThread:${id}` : `threadUpdated:${id}:${stringField(thread, 'updated_at')}`;
}

/** A message without an id (never seen in Worken) falls back to its thread and creation time. */
function messageEventId(message: IDataObject, thread: IDataObject): string {
	const id = stringField(message, 'id');
	if (id !== '') return `newMessage:${id}`;
	return `newMessage:${stringField(thread, 'id')}:${stringField(message, 'created_at')}`;
}

/** The item of a thread event: `event`, the thread's fields, then `eventId` (ours, whatever the thread holds). */
export function threadItem(event: ThreadEvent, thread: IDataObject): IDataObject {
	return { event, ...thread, eventId: threadEventId(event, thread) };
}

/** The item of a new message: `event`, the message's fields, its thread, then `eventId`. */
export function messageItem(message: IDataObject, thread: IDataObject): IDataObject {
	return { event: 'newMessage', ...message, thread: { ...thread }, eventId: messageEventId(message, thread) };
}
