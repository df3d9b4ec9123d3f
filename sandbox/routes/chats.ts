import { findBot } from '../domain/bots';
import { createChat, deleteChat, findChat, updateChat } from '../domain/chats';
import { bodyObject, optionalNonEmptyString, page, pagination, requiredString } from '../validate';
import { ApiRouter, NO_CONTENT, UPDATE } from './context';

export function chatRoutes(r: ApiRouter): void {
	r.add('GET', '/chats', ({ project, query }) => {
		const p = pagination(query);
		const chats = [...project.chats.values()].filter((c) => query.bot_id === undefined || c.bot_id === query.bot_id);
		return page(chats, p);
	});

	// A bot_id that is not a bot of this project is "404 Bot not found" (same as addressing it directly).
	r.add('POST', '/chats', ({ store, project, body }) => {
		const b = bodyObject(body);
		const name = requiredString(b, 'name');
		const botId = requiredString(b, 'bot_id');
		findBot(project, botId);
		return createChat(store, project, { name, bot_id: botId });
	});

	r.add('GET', '/chats/:chat_id', ({ project, params }) => findChat(project, params.chat_id));

	r.add(UPDATE, '/chats/:chat_id', ({ store, project, params, body }) => {
		const chat = findChat(project, params.chat_id);
		const b = bodyObject(body);
		const name = optionalNonEmptyString(b, 'name');
		const botId = optionalNonEmptyString(b, 'bot_id');
		if (botId !== undefined) findBot(project, botId);
		return updateChat(store, project, chat, { name, bot_id: botId });
	});

	r.add('DELETE', '/chats/:chat_id', ({ project, params }) => {
		deleteChat(project, findChat(project, params.chat_id));
		return NO_CONTENT;
	});
}
