/**
 * The From List dropdowns. Worken lists have no search parameter, so each call reads one page of 100
 * and filters it by name or id; n8n asks for the next page (pagination token = next offset) on scroll.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { EndpointName } from '../transport/endpoints';
import { extractLocatorValue } from './locators';
import { fetchOffsetPage } from '../transport/pagination';

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
	pathParams?: Record<string, string>,
): Promise<INodeListSearchResult> {
	const offset = paginationToken ? Number(paginationToken) || 0 : 0;
	const { items, nextOffset } = await fetchOffsetPage(ctx, endpoint, offset, { qs, pathParams });
	const results = items.map(toItem).filter((entry) => matches(filter, entry.name, entry.value));
	return { results, paginationToken: nextOffset === undefined ? undefined : String(nextOffset) };
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

export async function searchThreads(
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

export async function searchIntegrations(
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
