/**
 * The only way the nodes talk to Worken. Every request goes through `httpRequestWithAuthentication`
 * (the credential adds the Bearer header), is checked locally first, is retried only where that is safe,
 * and fails with a message a no-code user can act on.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { RequestPacer } from './concurrency';
import type { WorkenContext } from './context';
import { CREDENTIAL_NAME } from './credentials';
import type { EndpointName, PathParams, ResolvedEndpoint } from './endpoints';
import { resolveEndpoint } from './endpoints';
import type { RequestFailure } from './errors';
import { requestError } from './errors';
import {
	backoffMs,
	connectionErrorIsRepeatable,
	isConnectionErrorCode,
	parseRetryAfterMs,
	statusIsRepeatable,
} from './retry';

export interface WorkenRequest {
	pathParams?: PathParams;
	qs?: IDataObject;
	body?: IDataObject;
	/** The input item the request is made for: errors name it. */
	itemIndex?: number;
	/** Shared by the requests of one list read in parallel: waits out a 429 together (see concurrency.ts). */
	pacer?: RequestPacer;
}

interface FullResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

const JSON_TIMEOUT_MS = 60_000;
const STREAM_TIMEOUT_MS = 300_000;

/** Finds a socket error code wherever n8n's HTTP helper put it. */
function findErrorCode(error: unknown, depth = 0): string | undefined {
	if (typeof error !== 'object' || error === null || depth > 4) return undefined;
	const candidate = error as { code?: unknown; cause?: unknown; errorResponse?: unknown };
	if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) return candidate.code;
	return findErrorCode(candidate.cause, depth + 1) ?? findErrorCode(candidate.errorResponse, depth + 1);
}

async function readStreamText(body: unknown): Promise<string> {
	if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
		const chunks: string[] = [];
		for await (const chunk of body as AsyncIterable<Buffer | string>) {
			chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
		}
		return chunks.join('');
	}
	return typeof body === 'string' ? body : '';
}

function toIDataObject(headers: unknown): IDataObject {
	return typeof headers === 'object' && headers !== null ? (headers as IDataObject) : {};
}

/**
 * Sends one logical request, repeating it after a 429 (waiting Retry-After), and after a 5xx or a broken
 * connection when repeating cannot create or change something twice. Returns the 2xx response.
 */
async function send(
	ctx: WorkenContext,
	endpoint: ResolvedEndpoint,
	request: WorkenRequest,
	stream: boolean,
): Promise<FullResponse> {
	const itemIndex = request.itemIndex ?? 0;
	const { n8n, retry: policy } = ctx;
	const { baseUrl, decrypted } = ctx.connection;
	const { pacer } = request;
	const fail = (failure: RequestFailure) => requestError(ctx, endpoint, request.pathParams ?? {}, failure, itemIndex);

	const options: IHttpRequestOptions = {
		method: endpoint.method,
		baseURL: baseUrl,
		url: endpoint.url,
		qs: request.qs,
		headers: { Accept: stream ? 'text/event-stream' : 'application/json' },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: stream ? STREAM_TIMEOUT_MS : JSON_TIMEOUT_MS,
		// n8n re-sends credentials on a redirect to another host by default: never follow one, so the key
		// only ever goes to Base URL (a 3xx becomes a clear error, see errors.ts).
		disableFollowRedirect: true,
	};
	if (endpoint.method === 'POST') {
		options.body = request.body ?? {};
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}
	if (stream) {
		options.encoding = 'stream';
		options.json = false;
		options.body = JSON.stringify(request.body ?? {});
	} else {
		options.json = true;
	}

	let waitedMs = 0;
	for (let attempt = 0; ; attempt++) {
		let response: FullResponse;
		if (pacer) await pacer.ready();
		try {
			const raw = (await n8n.helpers.httpRequestWithAuthentication.call(
				n8n,
				CREDENTIAL_NAME,
				{ ...options, headers: { ...options.headers } },
				// Copied: n8n merges what the credential's preAuthentication returns into the data it is given.
				{ credentialsDecrypted: { ...decrypted, data: { ...decrypted.data } } },
			)) as { statusCode: number; headers: unknown; body: unknown };
			response = { statusCode: raw.statusCode, headers: toIDataObject(raw.headers), body: raw.body };
		} catch (error) {
			const code = findErrorCode(error);
			if (!isConnectionErrorCode(code)) throw fail({ kind: 'other', error });
			const repeatable = connectionErrorIsRepeatable(code, endpoint.method);
			const delay = backoffMs(policy, attempt);
			if (!repeatable || attempt >= policy.maxRetries || waitedMs + delay > policy.maxWaitMs) {
				throw fail({ kind: 'connection', code, attempts: attempt + 1, repeatable });
			}
			n8n.logger.debug(`Worken: ${code} on ${endpoint.name}, retrying in ${delay} ms`);
			waitedMs += delay;
			await policy.wait(delay);
			continue;
		}

		const { statusCode } = response;
		if (statusCode >= 200 && statusCode < 300) return response;

		if (stream) response.body = await readStreamText(response.body);
		if (statusIsRepeatable(statusCode, endpoint.method) && attempt < policy.maxRetries) {
			const delay =
				statusCode === 429
					? parseRetryAfterMs(response.headers['retry-after'])
					: backoffMs(policy, attempt);
			if (waitedMs + delay <= policy.maxWaitMs) {
				n8n.logger.debug(`Worken: ${statusCode} on ${endpoint.name}, retrying in ${delay} ms`);
				waitedMs += delay;
				// In a parallel read the pacer holds every request of the list until Retry-After has passed.
				if (pacer && statusCode === 429) pacer.rateLimited(delay);
				else await policy.wait(delay);
				continue;
			}
		}
		throw fail({ kind: 'status', status: statusCode, body: response.body });
	}
}

/** A JSON request; returns the parsed body (undefined for 204). */
export async function workenRequest(
	ctx: WorkenContext,
	name: EndpointName,
	request: WorkenRequest = {},
): Promise<unknown> {
	const endpoint = resolveEndpoint(name, request.pathParams);
	const response = await send(ctx, endpoint, request, false);
	return response.body;
}

/** A request answered with a server-sent event stream; returns the body as an async byte stream. */
export async function workenStreamRequest(
	ctx: WorkenContext,
	name: EndpointName,
	request: WorkenRequest = {},
): Promise<AsyncIterable<Buffer | string>> {
	const endpoint = resolveEndpoint(name, request.pathParams);
	const response = await send(ctx, endpoint, request, true);
	return response.body as AsyncIterable<Buffer | string>;
}
