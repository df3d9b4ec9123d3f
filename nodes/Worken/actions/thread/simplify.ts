import type { IDataObject } from 'n8n-workflow';

/**
 * What "Simplify" keeps of a thread: what a workflow usually routes on. It drops `project_id` (always
 * the credential's project) and the `created_at`/`updated_at` bookkeeping timestamps.
 */
export const SIMPLIFIED_THREAD_FIELDS = [
	'id',
	'title',
	'mode',
	'chat_id',
	'bot_id',
	'message_count',
	'last_message_at',
] as const;

export const SIMPLIFY_DESCRIPTION =
	'Whether to return only the main fields of each thread: ID, title, mode, chat ID, bot ID, message count and last message time';

export function simplifyThread(thread: IDataObject): IDataObject {
	const simplified: IDataObject = {};
	for (const field of SIMPLIFIED_THREAD_FIELDS) {
		if (field in thread) simplified[field] = thread[field];
	}
	return simplified;
}
