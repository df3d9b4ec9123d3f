import { notFound } from '../errors';
import type { ProjectState, Store } from '../store';
import type { Bot, BotSettings, BotStatus } from '../types';
import { deleteChat } from './chats';
import { defaultSettings, mergeSettings } from './settings';
import type { JsonObject } from '../validate';

export function findBot(p: ProjectState, id: string): Bot {
	const bot = p.bots.get(id);
	if (!bot) throw notFound('Bot');
	return bot;
}

export function createBot(
	store: Store,
	p: ProjectState,
	input: { name: string; description?: string | null; status?: BotStatus },
	settings: BotSettings = defaultSettings(),
): Bot {
	const at = p.clock.now();
	const bot: Bot = {
		id: store.newId('bot'),
		name: input.name,
		description: input.description ?? null,
		status: input.status ?? 'active',
		project_id: p.id,
		created_at: at,
		updated_at: at,
	};
	p.bots.set(bot.id, bot);
	p.settings.set(bot.id, settings);
	return bot;
}

/** Applies the fields that are present; `updated_at` moves only when a value actually changed. */
export function updateBot(
	p: ProjectState,
	bot: Bot,
	changes: { name?: string; description?: string | null; status?: BotStatus },
): Bot {
	let changed = false;
	for (const field of ['name', 'description', 'status'] as const) {
		const value = changes[field];
		if (value !== undefined && value !== bot[field]) {
			(bot as unknown as Record<string, unknown>)[field] = value;
			changed = true;
		}
	}
	if (changed) bot.updated_at = p.clock.now();
	return bot;
}

export function botSettings(p: ProjectState, botId: string): BotSettings {
	findBot(p, botId);
	// Every bot gets settings at creation, so this always exists for a live bot.
	return p.settings.get(botId) ?? defaultSettings();
}

export function updateBotSettings(p: ProjectState, bot: Bot, patch: JsonObject): BotSettings {
	const next = mergeSettings(botSettings(p, bot.id), patch);
	p.settings.set(bot.id, next);
	bot.updated_at = p.clock.now();
	return next;
}

/** New id, a copy of the settings, name "<name> (copy)"; chats are not copied. */
export function cloneBot(store: Store, p: ProjectState, bot: Bot): Bot {
	return createBot(
		store,
		p,
		{ name: `${bot.name} (copy)`, description: bot.description, status: bot.status },
		structuredClone(botSettings(p, bot.id)),
	);
}

/** Deletes the bot's chats (and so their threads and messages) and detaches its integrations. */
export function deleteBot(p: ProjectState, bot: Bot): void {
	for (const chat of [...p.chats.values()]) if (chat.bot_id === bot.id) deleteChat(p, chat);
	for (const integration of p.integrations.values()) {
		if (integration.bot_id === bot.id) {
			integration.bot_id = null;
			integration.updated_at = p.clock.now();
		}
	}
	p.bots.delete(bot.id);
	p.settings.delete(bot.id);
}
