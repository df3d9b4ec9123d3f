/**
 * The From List dropdowns. Worken lists have no search parameter, so each call reads pages of 100 and
 * filters them by name or id; n8n asks for the next page (pagination token = next offset) on scroll.
 *
 * Without a search text one page is read per call. With one, pages are read until something matches (at
 * most SEARCH_PAGES pages per call): n8n's dropdown shows "No results" for an empty answer and then never
 * asks for the next page, so a match beyond the first 100 objects would otherwise never be found.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { openWorkenContext } from '../transport/context';
import type { EndpointName } from '../transport/endpoints';
import { fetchOffsetPage } from '../transport/pagination';
import { DEFAULT_RETRY_POLICY } from '../transport/retry';
import { extractLocatorValue } from './locators';

/** Pages one search call may read while nothing matches (1,000 objects). */
const SEARCH_PAGES = 10;

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

async function searchPage(
	ctx: ILoadOptionsFunctions,
	endpoint: EndpointName,
	filter: string | undefined,
	paginationToken: string | undefined,
	toItem: (item: IDataObject) => INodeListSearchItems,
	qs: IDataObject = {},
): Promise<INodeListSearchResult> {
	// A dropdown has no Retry Options of its own: it retries as a node with the defaults does.
	const worken = await openWorkenContext(ctx, 0, DEFAULT_RETRY_POLICY);
	let offset: number | undefined = paginationToken ? Number(paginationToken) || 0 : 0;
	const results: INodeListSearchItems[] = [];
	for (let page = 0; offset !== undefined && page < (filter ? SEARCH_PAGES : 1); page++) {
		const { items, nextOffset } = await fetchOffsetPage(worken, endpoint, offset, { qs });
		results.push(...items.map(toItem).filter((entry) => matches(filter, entry.name, entry.value)));
		offset = nextOffset;
		if (results.length > 0) break;
	}
	return { results, paginationToken: offset === undefined ? undefined : String(offset) };
}

/** The current value of another locator on the node, to narrow a list (e.g. threads of the chosen chat). */
function currentId(ctx: ILoadOptionsFunctions, path: string): string | undefined {
	try {
		const value = extractLocatorValue(ctx.getCurrentNodeParameter(path, { extractValue: true }));
		return value && !value.startsWith('=') && !/[\s/?#]/.test(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

export async function searchBots(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, 'listBots', filter, paginationToken, (bot) => ({
		name: `${String(bot.name)}${bot.status && bot.status !== 'active' ? ` (${String(bot.status)})` : ''}`,
		value: String(bot.id),
	}));
}

export async function searchChats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const botId = currentId(this, 'botId') ?? currentId(this, 'filters.botId');
	return await searchPage(
		this,
		'listChats',
		filter,
		paginationToken,
		(chat) => ({ name: String(chat.name), value: String(chat.id) }),
		botId ? { bot_id: botId } : {},
	);
}

async function searchThreads(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const chatId = currentId(this, 'chatId') ?? currentId(this, 'filters.chatId');
	const toItem = (thread: IDataObject): INodeListSearchItems => ({
		name: `${thread.title ? String(thread.title) : 'Untitled thread'} · ${String(thread.id)}${thread.mode === 'manual' ? ' (manual)' : ''}`,
		value: String(thread.id),
	});
	return await searchPage(this, 'listThreads', filter, paginationToken, toItem, chatId ? { chat_id: chatId } : {});
}

async function searchIntegrations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, 'listIntegrations', filter, paginationToken, (integration) => ({
		name: `${String(integration.name)} (${String(integration.type)})`,
		value: String(integration.id),
	}));
}

export const listSearch = { searchBots, searchChats, searchThreads, searchIntegrations };
