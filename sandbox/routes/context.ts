import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Responder } from '../http';
import type { Router } from '../router';
import type { ProjectState, Store } from '../store';
import type { FaultSpec } from '../types';

/** What a public-API handler gets: the authenticated project and the parsed request. */
export interface ApiContext {
	store: Store;
	project: ProjectState;
	params: Record<string, string>;
	query: Record<string, string>;
	/** Parsed JSON body; undefined when the request had none. */
	body: unknown;
	req: IncomingMessage;
	res: ServerResponse;
	out: Responder;
	/** An `afterStreamChunks` fault consumed by this request (stream endpoint only). */
	streamFault?: FaultSpec;
	streamChunkDelayMs: number;
	sleep(ms: number): Promise<void>;
}

/** Handlers return the JSON to send with 200, or one of these markers. */
export const NO_CONTENT = Symbol('204 No Content');
export const STREAMED = Symbol('the handler wrote the response itself');

export type ApiHandler = (ctx: ApiContext) => unknown;
export type ApiRouter = Router<ApiHandler>;

/** Update routes: POST as documented, PATCH accepted as a synonym. */
export const UPDATE = ['POST', 'PATCH'];
