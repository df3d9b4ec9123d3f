/**
 * Every read (GET) endpoint of the endpoint table, once. Endpoints that need an id take it from the list
 * read just before; when the project has none, the row says so instead of failing.
 */
import type { IDataObject } from 'n8n-workflow';

import type { EndpointName, ENDPOINTS, PathParams } from '../../nodes/transport/endpoints';
import type { CallResult, ProbeClient } from './client';
import type { Row } from './rows';
import { rowFor, skippedRow } from './rows';
import { EXPECTED } from './shapes';

/** The endpoints the nodes read with GET: each one gets a row. */
export type ReadEndpoint = {
	[K in EndpointName]: (typeof ENDPOINTS)[K]['method'] extends 'GET' ? K : never;
}[EndpointName];

/** Small pages: enough to check the shape of several items. */
export const PROBE_PAGE = 5;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The items of a list answer: what the normaliser finds, else any array in the body. */
function itemsOf(client: ProbeClient, call: CallResult): IDataObject[] {
	if (call.body === undefined) return [];
	try {
		return client.normaliser.normaliseList(call.body).items;
	} catch {
		const body = call.body;
		const array = isObject(body) ? Object.values(body).find(Array.isArray) : undefined;
		return Array.isArray(array) ? array.filter(isObject) : [];
	}
}

function idOf(item: IDataObject | undefined, field = 'id'): string | undefined {
	const value = item?.[field];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function probeReads(client: ProbeClient, rows: Row[]): Promise<void> {
	const list = async (name: ReadEndpoint, pathParams?: PathParams, qs: IDataObject = {}): Promise<IDataObject[]> => {
		const call = await client.call(name, { pathParams, qs: { limit: PROBE_PAGE, offset: 0, ...qs } });
		rows.push(rowFor(client, name, call, { limit: PROBE_PAGE }));
		return itemsOf(client, call);
	};
	const one = async (name: ReadEndpoint, pathParams: Record<string, string | undefined>, missing: string): Promise<void> => {
		const absent = Object.values(pathParams).some((value) => value === undefined);
		if (absent) {
			rows.push(skippedRow(client, name, missing));
			return;
		}
		rows.push(rowFor(client, name, await client.call(name, { pathParams: pathParams as PathParams })));
	};

	const bots = await list('listBots');
	const botId = idOf(bots[0]);
	await one('getBot', { botId }, 'no bot in the project');
	await one('getBotSettings', { botId }, 'no bot in the project');

	const chats = await list('listChats');
	const chatId = idOf(chats[0]);
	await one('getChat', { chatId }, 'no chat in the project');
	let chatThreads: IDataObject[] = [];
	if (chatId) chatThreads = await list('listChatThreads', { chatId });
	else rows.push(skippedRow(client, 'listChatThreads', 'no chat in the project'));

	const threads = await list('listThreads');
	const feed = EXPECTED.listThreads.withCursor;
	if (feed) {
		const call = await client.call('listThreads', { qs: { cursor: '', limit: PROBE_PAGE } });
		rows.push(rowFor(client, 'listThreads', call, { answer: feed, variant: 'cursor feed' }));
	}
	// A thread with the chat it belongs to: from the first chat, else any thread of the project.
	const thread = chatThreads[0] ?? threads[0];
	const threadId = idOf(thread);
	const threadChatId = chatThreads[0] ? chatId : idOf(thread, 'chat_id');
	await one('getThread', { threadId }, 'no thread in the project');
	if (threadId && threadChatId) await list('listMessages', { chatId: threadChatId, threadId });
	else rows.push(skippedRow(client, 'listMessages', 'no thread in the project'));

	const integrations = await list('listIntegrations');
	await one('getIntegration', { integrationId: idOf(integrations[0]) }, 'no integration in the project');

	await one('getBilling', {}, '');
	await list('listUsage');
}
