/**
 * Every method and path of the Worken API the pack calls, in one table (contract: docs/worken-api.md).
 * Nodes name an endpoint; only `resolveEndpoint` turns it into a path. Some rows are inferred from
 * the SDK rather than documented: correcting one against the live API is a one-line change here.
 */
export type WorkenMethod = 'GET' | 'POST' | 'DELETE';

/** What a 404 from the endpoint is about, so the error can name the missing thing and its id. */
export type WorkenResource = 'bot' | 'chat' | 'thread' | 'integration' | 'billing';

export interface EndpointDefinition {
	method: WorkenMethod;
	/** `{name}` segments are filled from path parameters, URL-encoded. */
	path: string;
	resource: WorkenResource;
}

export const ENDPOINTS = {
	listBots: { method: 'GET', path: '/bots', resource: 'bot' },
	createBot: { method: 'POST', path: '/bots', resource: 'bot' },
	getBot: { method: 'GET', path: '/bots/{botId}', resource: 'bot' },
	updateBot: { method: 'POST', path: '/bots/{botId}', resource: 'bot' },
	setBotStatus: { method: 'POST', path: '/bots/{botId}/status', resource: 'bot' },
	getBotSettings: { method: 'GET', path: '/bots/{botId}/settings', resource: 'bot' },
	updateBotSettings: { method: 'POST', path: '/bots/{botId}/settings', resource: 'bot' },
	cloneBot: { method: 'POST', path: '/bots/{botId}/clone', resource: 'bot' },
	deleteBot: { method: 'DELETE', path: '/bots/{botId}', resource: 'bot' },

	listChats: { method: 'GET', path: '/chats', resource: 'chat' },
	createChat: { method: 'POST', path: '/chats', resource: 'chat' },
	getChat: { method: 'GET', path: '/chats/{chatId}', resource: 'chat' },
	updateChat: { method: 'POST', path: '/chats/{chatId}', resource: 'chat' },
	deleteChat: { method: 'DELETE', path: '/chats/{chatId}', resource: 'chat' },

	listChatThreads: { method: 'GET', path: '/chats/{chatId}/threads', resource: 'chat' },
	createThread: { method: 'POST', path: '/chats/{chatId}/threads', resource: 'chat' },
	/** Offset list (newest first) and, with `cursor`, the change feed. */
	listThreads: { method: 'GET', path: '/threads', resource: 'thread' },
	getThread: { method: 'GET', path: '/threads/{threadId}', resource: 'thread' },
	updateThread: { method: 'POST', path: '/threads/{threadId}', resource: 'thread' },
	deleteThread: { method: 'DELETE', path: '/threads/{threadId}', resource: 'thread' },
	setThreadMode: { method: 'POST', path: '/threads/{threadId}/mode', resource: 'thread' },

	listMessages: {
		method: 'GET',
		path: '/chats/{chatId}/threads/{threadId}/messages',
		resource: 'thread',
	},
	sendOperatorMessage: { method: 'POST', path: '/threads/{threadId}/messages', resource: 'thread' },
	/** Answers with a server-sent event stream, not JSON. */
	streamReply: {
		method: 'POST',
		path: '/chats/{chatId}/threads/{threadId}/stream',
		resource: 'thread',
	},

	listIntegrations: { method: 'GET', path: '/integrations', resource: 'integration' },
	createIntegration: { method: 'POST', path: '/integrations', resource: 'integration' },
	getIntegration: { method: 'GET', path: '/integrations/{integrationId}', resource: 'integration' },
	updateIntegration: {
		method: 'POST',
		path: '/integrations/{integrationId}',
		resource: 'integration',
	},
	deleteIntegration: {
		method: 'DELETE',
		path: '/integrations/{integrationId}',
		resource: 'integration',
	},

	getBilling: { method: 'GET', path: '/billing', resource: 'billing' },
	listUsage: { method: 'GET', path: '/billing/usage', resource: 'billing' },
} as const satisfies Record<string, EndpointDefinition>;

export type EndpointName = keyof typeof ENDPOINTS;

export type PathParams = Record<string, string>;

export interface ResolvedEndpoint extends EndpointDefinition {
	name: EndpointName;
	url: string;
}

/** Fills the path of an endpoint. A missing parameter is a programming error, not user input. */
export function resolveEndpoint(name: EndpointName, params: PathParams = {}): ResolvedEndpoint {
	const definition: EndpointDefinition = ENDPOINTS[name];
	const url = definition.path.replace(/\{(\w+)\}/g, (_match, key: string) => {
		const value = params[key];
		if (value === undefined || value === '') {
			throw new Error(`Endpoint ${name} needs the path parameter ${key}`);
		}
		return encodeURIComponent(value);
	});
	return { ...definition, name, url };
}
