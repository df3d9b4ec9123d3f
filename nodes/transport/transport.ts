/**
 * The only way the nodes talk to Worken. Every request goes through `httpRequestWithAuthentication`
 * (the credential adds the Bearer header), is checked locally first, is retried only where that is safe,
 * and fails with a message a no-code user can act on.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { RequestPacer } from './concurrency';
import type { WorkenContext } from './context';
import type { WorkenConnection } from './credentials';
import { CREDENTIAL_NAME, getConnection } from './credentials';
import type { EndpointName, PathParams, ResolvedEndpoint } from './endpoints';
import { resolveEndpoint } from './endpoints';
import { readRetryOptions } from './requestOptions';
import { connectionFailureToError, httpFailureToError, unexpectedFailureToError } from './errors';
import type { RetryPolicy } from './retry';
import {
	DEFAULT_RETRY_POLICY,
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
	retry?: Partial<RetryPolicy>;
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

interface ItemSetup {
	retryOptions: Partial<RetryPolicy>;
	connection: WorkenConnection;
}

/**
 * The credential and the Retry Options of one input item, read once per node run rather than for every
 * request: in n8n each getCredentials reads the credential from the database and decrypts it, and a list
 * of 10,000 makes 101 requests. Only node runs (and AI tool calls) are cached: their context lives for one
 * run. A trigger's context lives as long as its activation, so it reads afresh and sees a changed key.
 */
const setups = new WeakMap<object, Map<number, Promise<ItemSetup>>>();

async function readSetup(ctx: WorkenContext, itemIndex: number): Promise<ItemSetup> {
	const retryOptions = readRetryOptions(ctx, itemIndex);
	return { retryOptions, connection: await getConnection(ctx, itemIndex) };
}

function itemSetup(ctx: WorkenContext, itemIndex: number): Promise<ItemSetup> {
	if (!('getInputData' in ctx)) return readSetup(ctx, itemIndex);
	let perItem = setups.get(ctx);
	if (!perItem) {
		perItem = new Map();
		setups.set(ctx, perItem);
	}
	let setup = perItem.get(itemIndex);
	if (!setup) {
		setup = readSetup(ctx, itemIndex);
		perItem.set(itemIndex, setup);
	}
	return setup;
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
	const { retryOptions, connection } = await itemSetup(ctx, itemIndex);
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...retryOptions, ...request.retry };
	const { baseUrl, apiKey, decrypted } = connection;
	const { pacer } = request;

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
			const raw = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_NAME,
				{ ...options, headers: { ...options.headers } },
				// The credential read above: without it n8n reads and decrypts it again for every request.
				{ credentialsDecrypted: { id: '', name: '', type: CREDENTIAL_NAME, data: { ...decrypted } } },
			)) as { statusCode: number; headers: unknown; body: unknown };
			response = { statusCode: raw.statusCode, headers: toIDataObject(raw.headers), body: raw.body };
		} catch (error) {
			const code = findErrorCode(error);
			if (!isConnectionErrorCode(code)) throw unexpectedFailureToError(ctx, error, itemIndex, apiKey);
			const repeatable = connectionErrorIsRepeatable(code, endpoint.method);
			const delay = backoffMs(policy, attempt);
			if (!repeatable || attempt >= policy.maxRetries || waitedMs + delay > policy.maxWaitMs) {
				throw connectionFailureToError(ctx, baseUrl, code, attempt + 1, repeatable, itemIndex);
			}
			ctx.logger.debug(`Worken: ${code} on ${endpoint.name}, retrying in ${delay} ms`);
			waitedMs += delay;
			await sleep(delay);
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
				ctx.logger.debug(`Worken: ${statusCode} on ${endpoint.name}, retrying in ${delay} ms`);
				waitedMs += delay;
				// In a parallel read the pacer holds every request of the list until Retry-After has passed.
				if (pacer && statusCode === 429) pacer.rateLimited(delay);
				else await sleep(delay);
				continue;
			}
		}
		throw httpFailureToError(
			ctx,
			endpoint,
			request.pathParams ?? {},
			{ status: statusCode, body: response.body },
			itemIndex,
			apiKey,
		);
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
