import { Router } from '../router';
import { billingRoutes } from './billing';
import { botRoutes } from './bots';
import { chatRoutes } from './chats';
import { ApiHandler, ApiRouter } from './context';
import { integrationRoutes } from './integrations';
import { messageRoutes } from './messages';
import { threadRoutes } from './threads';

/** The public API's endpoint table (one row per contract row, see docs/worken-api.md "Endpoints"). */
export function apiRouter(): ApiRouter {
	const r = new Router<ApiHandler>();
	botRoutes(r);
	chatRoutes(r);
	threadRoutes(r);
	messageRoutes(r);
	integrationRoutes(r);
	billingRoutes(r);
	return r;
}
