import { cloneBot, createBot, deleteBot, findBot, botSettings, updateBot, updateBotSettings } from '../domain/bots';
import { badRequest } from '../errors';
import { BOT_STATUSES } from '../types';
import {
	bodyObject,
	oneOf,
	optionalNonEmptyString,
	optionalNullableString,
	page,
	pagination,
	requiredString,
} from '../validate';
import { ApiRouter, NO_CONTENT, UPDATE } from './context';

export function botRoutes(r: ApiRouter): void {
	r.add('GET', '/bots', ({ project, query }) => page([...project.bots.values()], pagination(query)));

	// 200 with the Bot, not 201 (documented).
	r.add('POST', '/bots', ({ store, project, body }) => {
		const b = bodyObject(body);
		return createBot(store, project, {
			name: requiredString(b, 'name'),
			description: optionalNullableString(b, 'description'),
		});
	});

	r.add('GET', '/bots/:bot_id', ({ project, params }) => findBot(project, params.bot_id));

	r.add(UPDATE, '/bots/:bot_id', ({ project, params, body }) => {
		const bot = findBot(project, params.bot_id);
		const b = bodyObject(body);
		const name = optionalNonEmptyString(b, 'name');
		const description = optionalNullableString(b, 'description');
		return updateBot(project, bot, { name, description });
	});

	r.add(UPDATE, '/bots/:bot_id/status', ({ project, params, body }) => {
		const bot = findBot(project, params.bot_id);
		const b = bodyObject(body);
		if (b.status === undefined) throw badRequest(`status must be one of ${BOT_STATUSES.join(', ')}`);
		return updateBot(project, bot, { status: oneOf(b.status, BOT_STATUSES, 'status') });
	});

	r.add('GET', '/bots/:bot_id/settings', ({ project, params }) => botSettings(project, params.bot_id));

	r.add(UPDATE, '/bots/:bot_id/settings', ({ project, params, body }) => {
		const bot = findBot(project, params.bot_id);
		return updateBotSettings(project, bot, bodyObject(body));
	});

	r.add('POST', '/bots/:bot_id/clone', ({ store, project, params }) =>
		cloneBot(store, project, findBot(project, params.bot_id)),
	);

	r.add('DELETE', '/bots/:bot_id', ({ project, params }) => {
		deleteBot(project, findBot(project, params.bot_id));
		return NO_CONTENT;
	});
}
