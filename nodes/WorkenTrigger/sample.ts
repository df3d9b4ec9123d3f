/**
 * "Fetch Test Event" in the editor: one example item per chosen event, from the newest matching threads,
 * so the user can map fields. Reads only; the stored cursor and state are not looked at or changed.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WorkenContext } from '../transport/context';
import { normaliseList } from '../transport/normalise';
import { workenRequest } from '../transport/transport';
import { messageItem, threadItem } from './eventId';
import { countField, stringField } from './fields';
import type { TriggerSettings } from './settings';
import { compareTime } from './time';

/** The newest threads looked at for an example: enough to find one with messages in most projects. */
const SAMPLE_THREADS = 10;

function latestBy(threads: IDataObject[], field: string): IDataObject | undefined {
	let best: IDataObject | undefined;
	for (const thread of threads) {
		if (!best || compareTime(stringField(thread, field), stringField(best, field)) > 0) best = thread;
	}
	return best;
}

async function latestMessage(worken: WorkenContext, thread: IDataObject): Promise<IDataObject | undefined> {
	const body = await workenRequest(worken, 'listMessages', {
		pathParams: { chatId: stringField(thread, 'chat_id'), threadId: stringField(thread, 'id') },
		qs: { limit: 1, offset: countField(thread) - 1 },
	});
	return normaliseList(body).items[0];
}

function noSample(worken: WorkenContext, what: 'threads' | 'messages', filtered: boolean): never {
	const scope = filtered ? ' matching the filters' : '';
	throw new NodeOperationError(worken.n8n.getNode(), `No ${what} found${scope} to use as a test event`, {
		description:
			what === 'threads'
				? `Worken has no thread${scope} yet. Create one, or send a message to your bot, and try again.`
				: `None of the newest threads${scope} has a message yet. Send a message to your bot and try again.`,
	});
}

export async function sampleEvents(worken: WorkenContext, settings: TriggerSettings): Promise<INodeExecutionData[][]> {
	const filtered = Object.keys(settings.filters).length > 0;
	const body = await workenRequest(worken, 'listThreads', {
		qs: { ...settings.filters, limit: SAMPLE_THREADS, offset: 0 },
	});
	const threads = normaliseList(body).items;
	if (threads.length === 0) noSample(worken, 'threads', filtered);

	const items: IDataObject[] = [];
	// The list is newest first: its first thread is the newest one.
	if (settings.events.has('newThread')) items.push(threadItem('newThread', threads[0]));
	if (settings.events.has('threadUpdated')) {
		items.push(threadItem('threadUpdated', latestBy(threads, 'updated_at') ?? threads[0]));
	}
	if (settings.events.has('newMessage')) {
		const withMessages = threads.filter((thread) => countField(thread) > 0);
		const thread = latestBy(withMessages, 'last_message_at');
		const message = thread ? await latestMessage(worken, thread) : undefined;
		if (thread && message) items.push(messageItem(message, thread));
		else if (items.length === 0) noSample(worken, 'messages', filtered);
	}
	return [items.map((json) => ({ json }))];
}
