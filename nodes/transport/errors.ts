import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { WorkenContext } from './context';
import type { ResolvedEndpoint, PathParams } from './endpoints';
import { normaliseError } from './normalise';

const RESOURCE_LABEL: Record<string, string> = {
	bot: 'bot',
	chat: 'chat',
	thread: 'thread',
	integration: 'integration',
	billing: 'billing record',
};

/** Removes the API key from any text that may reach a user, however it got there. */
export function redact(text: string, apiKey: string): string {
	if (!apiKey) return text;
	return text.split(apiKey).join('sk-…');
}

function describeIds(params: PathParams): string {
	const ids = Object.entries(params).map(
		([name, value]) => `${name.replace(/Id$/, '')} ID "${value}"`,
	);
	return ids.join(', ');
}

export interface HttpFailure {
	status: number;
	body: unknown;
}

/**
 * Turns a Worken error response into the message a no-code user can act on. Built only from the
 * status, the server's `{error, message}` and the ids the user gave: never from the request itself, so
 * the API key cannot end up in it.
 */
export function httpFailureToError(
	ctx: WorkenContext,
	endpoint: ResolvedEndpoint,
	params: PathParams,
	failure: HttpFailure,
	itemIndex: number,
	apiKey: string,
): NodeApiError {
	const { status } = failure;
	const server = normaliseError(failure.body);
	const serverText = server.message ?? server.error ?? '';
	let message: string;
	let description: string;

	if (status === 401) {
		message = 'Worken rejected the API key (401 Unauthorized)';
		description =
			'Open the Worken credential and check the API Key: copy it again from your Worken project settings, make sure it has not been revoked, and that Base URL points at the right Worken server.';
	} else if (status === 403) {
		message = 'Worken refused this request (403 Forbidden)';
		description = serverText || 'The API key is valid but may not access this resource.';
	} else if (status === 404) {
		const label = RESOURCE_LABEL[endpoint.resource] ?? endpoint.resource;
		const ids = describeIds(params);
		message = server.message
			? `${server.message}${ids ? ` (${ids})` : ''}`
			: `The ${label} was not found${ids ? ` (${ids})` : ''}`;
		description = `Check the ID, or pick the ${label} from the list: it may have been deleted or belong to another Worken project than this credential's.`;
	} else if (status === 409) {
		message = serverText ? `Worken refused the change: ${serverText}` : 'Worken refused the change (409 Conflict)';
		description = /manual/i.test(serverText)
			? 'A human operator is answering this thread. Set the thread mode to Auto first, or send the text with Message → Send as Operator.'
			: 'The resource is not in a state that allows this operation.';
	} else if (status === 400 || status === 422) {
		message = serverText ? `Worken did not accept the request: ${serverText}` : 'Worken did not accept the request (400 Bad Request)';
		description = 'Correct the field the message names and run the node again.';
	} else if (status === 429) {
		message = 'Worken rate limit reached (429 Too Many Requests) and the retry budget is used up';
		description =
			'Your Worken plan limits requests per minute. Run fewer items at once, add a Wait node, raise Max Retries or Max Retry Wait (Seconds) under the node\'s Retry Options, or upgrade the plan.';
	} else if (status >= 300 && status < 400) {
		message = `Worken answered with a redirect (${status}), which the node does not follow`;
		description =
			'The Worken API does not redirect, so Base URL in the Worken credential probably points at the wrong address. Following a redirect could hand the API key to another server, so nothing more was sent. Set Base URL to the address the API answers at directly (https://api.worken.ru for Worken itself).';
	} else if (status >= 500) {
		message = `Worken had an internal error (${status})`;
		description = serverText ? `Worken said: ${serverText}. ` : '';
		description +=
			endpoint.method === 'POST'
				? 'The request was not repeated automatically, because Worken may have acted on it before failing and repeating it could create or change something twice. Check whether the change happened before you run the node again.'
				: 'It was retried several times. Try again in a moment; if it keeps happening, check Worken\'s status.';
	} else {
		message = `Worken answered with status ${status}${serverText ? `: ${serverText}` : ''}`;
		description = 'The request could not be completed.';
	}

	const response: JsonObject = { httpCode: String(status) };
	if (server.error) response.error = redact(server.error, apiKey);
	if (server.message) response.serverMessage = redact(server.message, apiKey);
	return new NodeApiError(ctx.getNode(), response, {
		message: redact(message, apiKey),
		description: redact(description, apiKey),
		httpCode: String(status),
		itemIndex,
	});
}

export function connectionFailureToError(
	ctx: WorkenContext,
	baseUrl: string,
	code: string | undefined,
	attempts: number,
	repeatable: boolean,
	itemIndex: number,
): NodeApiError {
	// The socket code stays out of the message: NodeApiError swaps any message that mentions one for
	// its generic text, which would lose what we know about the request having been sent or not.
	const network = code ? `Network error ${code}. ` : '';
	return new NodeApiError(
		ctx.getNode(),
		{ connectionError: code ?? 'unknown' },
		{
			message: `Could not reach Worken at ${baseUrl}`,
			description: repeatable
				? `${network}Tried ${attempts} time${attempts === 1 ? '' : 's'}. Check the Base URL in the Worken credential and your network, then run again.`
				: `${network}The connection broke after the request was sent, so Worken may or may not have received it. It was not repeated, because repeating it could create or change something twice: check whether the change happened before you run the node again.`,
			itemIndex,
		},
	);
}

/**
 * Anything else the HTTP helper threw (TLS, invalid URL, aborted run…). Only its message is kept, with
 * the key removed: the original error object can carry the request headers.
 */
export function unexpectedFailureToError(
	ctx: WorkenContext,
	error: unknown,
	itemIndex: number,
	apiKey: string,
): NodeApiError {
	const text = redact(error instanceof Error ? error.message : String(error), apiKey);
	return new NodeApiError(
		ctx.getNode(),
		{ message: text },
		{
			message: `The request to Worken failed: ${text}`,
			description: 'Check the Base URL in the Worken credential and try again.',
			itemIndex,
		},
	);
}
