/**
 * The one way a failure becomes the error a user sees: a request that failed becomes a NodeApiError
 * (`requestError`), anything else leaving a node becomes a node error once (`asNodeError`). Both carry the
 * input item, and no text in them can hold the API key.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { WorkenContext } from './context';
import type { PathParams, ResolvedEndpoint } from './endpoints';
import { UnexpectedResponseError, normaliseError } from './normalise';

/** How a request failed, as the transport found out. */
export type RequestFailure =
	/** Worken answered with a status that is not 2xx (after any retries). */
	| { kind: 'status'; status: number; body: unknown }
	/** The connection failed with a socket error `code`. */
	| { kind: 'connection'; code: string; attempts: number; repeatable: boolean }
	/** Anything else n8n's HTTP helper threw (TLS, invalid URL, aborted run…). */
	| { kind: 'other'; error: unknown };

interface Described {
	message: string;
	description: string;
	/** What n8n keeps as the error's response; never the request, which carries the key. */
	response: JsonObject;
	httpCode?: string;
}

/** Removes the API key from any text that may reach a user, however it got there. */
function redact(text: string, apiKey: string): string {
	if (!apiKey) return text;
	return text.split(apiKey).join('sk-…');
}

function describeIds(params: PathParams): string {
	return Object.entries(params)
		.map(([name, value]) => `${name.replace(/Id$/, '')} ID "${value}"`)
		.join(', ');
}

/**
 * Built only from the status, the server's `{error, message}` and the ids the user gave, so that the user
 * learns what to change.
 */
function describeStatus(endpoint: ResolvedEndpoint, params: PathParams, status: number, body: unknown): Described {
	const server = normaliseError(body);
	const serverText = server.message ?? server.error ?? '';
	const response: JsonObject = { httpCode: String(status) };
	if (server.error) response.error = server.error;
	if (server.message) response.serverMessage = server.message;
	const described = (message: string, description: string): Described => ({
		message,
		description,
		response,
		httpCode: String(status),
	});

	if (status === 401) {
		return described(
			'Worken rejected the API key (401 Unauthorized)',
			'Open the Worken credential and check the API Key: copy it again from your Worken project settings, make sure it has not been revoked, and that Base URL points at the right Worken server.',
		);
	}
	if (status === 403) {
		return described(
			'Worken refused this request (403 Forbidden)',
			serverText || 'The API key is valid but may not access this resource.',
		);
	}
	if (status === 404) {
		const label = endpoint.resource === 'billing' ? 'billing record' : endpoint.resource;
		const ids = describeIds(params);
		const what = server.message ?? `The ${label} was not found`;
		return described(
			`${what}${ids ? ` (${ids})` : ''}`,
			`Check the ID, or pick the ${label} from the list: it may have been deleted or belong to another Worken project than this credential's.`,
		);
	}
	if (status === 409) {
		return described(
			serverText ? `Worken refused the change: ${serverText}` : 'Worken refused the change (409 Conflict)',
			/manual/i.test(serverText)
				? 'A human operator is answering this thread. Set the thread mode to Auto first, or send the text with Message → Send as Operator.'
				: 'The resource is not in a state that allows this operation.',
		);
	}
	if (status === 400 || status === 422) {
		return described(
			serverText ? `Worken did not accept the request: ${serverText}` : 'Worken did not accept the request (400 Bad Request)',
			'Correct the field the message names and run the node again.',
		);
	}
	if (status === 429) {
		return described(
			'Worken rate limit reached (429 Too Many Requests) and the retry budget is used up',
			"Your Worken plan limits requests per minute. Run fewer items at once, add a Wait node, raise Max Retries or Max Retry Wait (Seconds) under the node's Retry Options, or upgrade the plan.",
		);
	}
	if (status >= 300 && status < 400) {
		return described(
			`Worken answered with a redirect (${status}), which the node does not follow`,
			'The Worken API does not redirect, so Base URL in the Worken credential probably points at the wrong address. Following a redirect could hand the API key to another server, so nothing more was sent. Set Base URL to the address the API answers at directly (https://api.worken.ru for Worken itself).',
		);
	}
	if (status >= 500) {
		const said = serverText ? `Worken said: ${serverText}. ` : '';
		return described(
			`Worken had an internal error (${status})`,
			said +
				(endpoint.method === 'POST'
					? 'The request was not repeated automatically, because Worken may have acted on it before failing and repeating it could create or change something twice. Check whether the change happened before you run the node again.'
					: "It was retried several times. Try again in a moment; if it keeps happening, check Worken's status."),
		);
	}
	return described(
		`Worken answered with status ${status}${serverText ? `: ${serverText}` : ''}`,
		'The request could not be completed.',
	);
}

function describeFailure(
	ctx: WorkenContext,
	endpoint: ResolvedEndpoint,
	params: PathParams,
	failure: RequestFailure,
): Described {
	if (failure.kind === 'status') return describeStatus(endpoint, params, failure.status, failure.body);
	if (failure.kind === 'connection') {
		const { code, attempts, repeatable } = failure;
		// The socket code stays out of the message: NodeApiError swaps any message that mentions one for
		// its generic text, which would lose what we know about the request having been sent or not.
		return {
			message: `Could not reach Worken at ${ctx.connection.baseUrl}`,
			description: repeatable
				? `Network error ${code}. Tried ${attempts} time${attempts === 1 ? '' : 's'}. Check the Base URL in the Worken credential and your network, then run again.`
				: `Network error ${code}. The connection broke after the request was sent, so Worken may or may not have received it. It was not repeated, because repeating it could create or change something twice: check whether the change happened before you run the node again.`,
			response: { connectionError: code },
		};
	}
	// Only the message is kept: the original error object can carry the request headers.
	const text = failure.error instanceof Error ? failure.error.message : String(failure.error);
	return {
		message: `The request to Worken failed: ${text}`,
		description: 'Check the Base URL in the Worken credential and try again.',
		response: { message: text },
	};
}

/** The error for a request to `endpoint` that failed, for input item `itemIndex`, with the key masked. */
export function requestError(
	ctx: WorkenContext,
	endpoint: ResolvedEndpoint,
	params: PathParams,
	failure: RequestFailure,
	itemIndex: number,
): NodeApiError {
	const { message, description, response, httpCode } = describeFailure(ctx, endpoint, params, failure);
	const { apiKey } = ctx.connection;
	const masked: JsonObject = {};
	for (const [name, value] of Object.entries(response)) {
		masked[name] = typeof value === 'string' ? redact(value, apiKey) : value;
	}
	return new NodeApiError(ctx.n8n.getNode(), masked, {
		message: redact(message, apiKey),
		description: redact(description, apiKey),
		httpCode,
		itemIndex,
	});
}

/** n8n's node error classes, also from another copy of n8n-workflow (n8n's own, when the pack brings one). */
function isNodeError(error: unknown): error is NodeApiError | NodeOperationError {
	return (
		error instanceof NodeApiError ||
		error instanceof NodeOperationError ||
		(error instanceof Error && (error.name === 'NodeApiError' || error.name === 'NodeOperationError'))
	);
}

/**
 * What a node throws for item `itemIndex`: node errors (the transport's, the validators', n8n's own) as
 * they are, so their message and description reach the user unchanged; anything else wrapped once.
 */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (isNodeError(error)) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
		description:
			error instanceof UnexpectedResponseError
				? 'Worken answered in an unexpected way. Try again; if it keeps happening, check the Base URL in the Worken credential.'
				: undefined,
	});
}
