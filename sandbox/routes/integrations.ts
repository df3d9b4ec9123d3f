import { findBot } from '../domain/bots';
import { createIntegration, findIntegration, updateIntegration } from '../domain/integrations';
import { badRequest } from '../errors';
import type { ProjectState } from '../store';
import { INTEGRATION_STATUSES, IntegrationStatus } from '../types';
import {
	bodyObject,
	isObject,
	JsonObject,
	oneOf,
	optionalNonEmptyString,
	page,
	pagination,
	requiredString,
} from '../validate';
import { ApiRouter, NO_CONTENT, UPDATE } from './context';

/** `bot_id`: absent, null (detached) or a bot of this project (otherwise 404 Bot not found). */
function botIdField(project: ProjectState, b: JsonObject): string | null | undefined {
	const value = b.bot_id;
	if (value === undefined || value === null) return value;
	if (typeof value !== 'string' || value === '') throw badRequest('bot_id must be a non-empty string or null');
	findBot(project, value);
	return value;
}

function configField(b: JsonObject): Record<string, unknown> | undefined {
	if (b.config === undefined) return undefined;
	if (!isObject(b.config)) throw badRequest('config must be an object');
	return b.config;
}

export function integrationRoutes(r: ApiRouter): void {
	r.add('GET', '/integrations', ({ project, query }) => {
		const p = pagination(query);
		const items = [...project.integrations.values()].filter(
			(i) =>
				(query.bot_id === undefined || i.bot_id === query.bot_id) &&
				(query.type === undefined || i.type === query.type),
		);
		return page(items, p);
	});

	r.add('POST', '/integrations', ({ store, project, body }) => {
		const b = bodyObject(body);
		const type = requiredString(b, 'type');
		const name = requiredString(b, 'name');
		const config = configField(b);
		const botId = botIdField(project, b);
		return createIntegration(store, project, { type, name, bot_id: botId, config });
	});

	r.add('GET', '/integrations/:integration_id', ({ project, params }) =>
		findIntegration(project, params.integration_id),
	);

	r.add(UPDATE, '/integrations/:integration_id', ({ project, params, body }) => {
		const integration = findIntegration(project, params.integration_id);
		const b = bodyObject(body);
		const name = optionalNonEmptyString(b, 'name');
		const status =
			b.status === undefined ? undefined : oneOf<IntegrationStatus>(b.status, INTEGRATION_STATUSES, 'status');
		const config = configField(b);
		const botId = botIdField(project, b);
		return updateIntegration(project, integration, { name, status, config, bot_id: botId });
	});

	r.add('DELETE', '/integrations/:integration_id', ({ project, params }) => {
		project.integrations.delete(findIntegration(project, params.integration_id).id);
		return NO_CONTENT;
	});
}
