import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { authenticate } from './auth';
import type { ChaosFault } from './chaos';
import { SandboxControl } from './control';
import { CONTROL_PREFIX, controlRouter } from './controlRoutes';
import type { FeedPage } from './domain/feed';
import { realClock } from './clock';
import { ApiError, badRequest, notFound } from './errors';
import { BodyTooLarge, parseBody, readBody, Responder } from './http';
import { apiRouter } from './routes';
import { NO_CONTENT, STREAMED } from './routes/context';
import { SandboxState } from './state';
import type { RequestLogEntry, SandboxOptions } from './types';

export interface Sandbox {
	/** e.g. http://127.0.0.1:43121 (no trailing slash). */
	url: string;
	control: SandboxControl;
	/** Closes the server and every open socket (keep-alive and streams included). */
	close(): Promise<void>;
}

const api = apiRouter();
const control = controlRouter();

function firstValues(params: URLSearchParams): Record<string, string> {
	const query: Record<string, string> = {};
	for (const [name, value] of params) if (!(name in query)) query[name] = value;
	return query;
}

function methodNotAllowed(allowed: string[]): ApiError {
	return new ApiError(405, `Method not allowed; use ${[...new Set(allowed)].join(', ')}`, {
		allow: [...new Set(allowed)].join(', '),
	});
}

function internalError(out: Responder, err: unknown): void {
	// A sandbox bug, not an API behaviour: say so loudly, answer like the API would.
	console.error('[worken-sandbox] internal error:', err);
	if (!out.res.headersSent) out.json(500, { error: 'Internal Server Error' });
	else if (!out.closed) out.res.end();
}

/**
 * One public-API request, in this order:
 * log → read body → authenticate (401) → consume a matching fault → rate limit (429) → route (404/405)
 * → JSON body check (400) → handler. Faults therefore only hit authenticated requests, and a fault that
 * answers (status or reset) does not count against the rate limit.
 */
async function handleApi(
	s: SandboxState,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	query: Record<string, string>,
): Promise<void> {
	const entry: RequestLogEntry = s.log.start(req, path, query);
	const out = new Responder(req, res, entry);
	const method = (req.method ?? 'GET').toUpperCase();
	try {
		let raw: string;
		try {
			raw = await readBody(req);
		} catch (err) {
			if (err instanceof BodyTooLarge) throw new ApiError(413, 'Request body is too large');
			throw err;
		}
		const parsed = parseBody(raw);
		s.log.setBody(entry, parsed.ok ? parsed.value : parsed.raw);

		const project = authenticate(s.store, req.headers.authorization);
		entry.projectId = project.id;
		s.inFlight.track(project.id, res);

		const isFeed = method === 'GET' && path === '/threads' && query.cursor !== undefined;
		const fault: ChaosFault | undefined = s.faults.take(method, path, query) ?? s.chaos.take(method, path, isFeed);
		if (fault?.delayMs) await s.scheduler.sleep(fault.delayMs);
		if (fault?.redirect) return out.json(fault.redirect.status, { error: 'Redirect' }, { location: fault.redirect.location });
		if (fault?.reset) return out.reset();
		if (fault?.status !== undefined) {
			const headers: Record<string, string> =
				fault.status === 429 ? { 'retry-after': String(fault.retryAfter ?? 1) } : {};
			throw new ApiError(fault.status, fault.message, headers);
		}

		s.limiter.hit(project.id, project.plan, s.clock.now());

		const match = api.match(method, path);
		if (match.kind === 'not-found') throw notFound('Route');
		if (match.kind === 'method-not-allowed') throw methodNotAllowed(match.allowed);
		if (!parsed.ok && (method === 'POST' || method === 'PATCH')) throw badRequest('Request body must be valid JSON');

		const result = await match.handler({
			store: s.store,
			project,
			params: match.params,
			query,
			body: parsed.ok ? parsed.value : undefined,
			req,
			res,
			out,
			streamFault: fault?.afterStreamChunks !== undefined ? fault : undefined,
			streamChunkDelayMs: s.streamChunkDelayMs,
			sleep: (ms) => s.scheduler.sleep(ms),
		});
		if (result === STREAMED) return;
		if (result === NO_CONTENT) return out.noContent();
		// A feed page may repeat an item already sent (chaos.ts) before any deviation reshapes it.
		const page = isFeed ? s.chaos.afterFeed(project.id, result as FeedPage, fault?.repeatFeedItem === true) : result;
		// Answers as the contract says, unless deliberate deviations are switched on (deviations.ts).
		const answer = s.deviations.apply(method, path, page);
		out.json(answer.status, answer.body);
	} catch (err) {
		if (err instanceof ApiError && !res.headersSent) out.error(err);
		else internalError(out, err);
	}
}

async function handleControl(ctl: SandboxControl, req: IncomingMessage, res: ServerResponse, path: string) {
	const out = new Responder(req, res);
	try {
		const parsed = parseBody(await readBody(req));
		if (!parsed.ok) throw badRequest('Request body must be valid JSON');
		const match = control.match(req.method ?? 'GET', path.slice(CONTROL_PREFIX.length) || '/');
		if (match.kind === 'not-found') throw notFound('Route');
		if (match.kind === 'method-not-allowed') throw methodNotAllowed(match.allowed);
		const result = await match.handler({ control: ctl, params: match.params, body: parsed.value });
		out.json(200, result ?? { ok: true });
	} catch (err) {
		if (err instanceof ApiError) out.error(err);
		else internalError(out, err);
	}
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
	const host = opts.host ?? '127.0.0.1';
	const state = new SandboxState(opts.rateLimitWindowMs ?? 60_000, opts.streamChunkDelayMs ?? 0, opts.clock ?? realClock);
	const ctl = new SandboxControl(state);
	if (opts.deviations) ctl.setDeviations(opts.deviations);

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		const path = url.pathname;
		const handled =
			path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)
				? handleControl(ctl, req, res, path)
				: handleApi(state, req, res, path, firstValues(url.searchParams));
		handled.catch((err) => internalError(new Responder(req, res), err));
	});

	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : opts.port ?? 0;
	const urlHost = host.includes(':') ? `[${host}]` : host;

	let closing: Promise<void> | undefined;
	return {
		url: `http://${urlHost}:${port}`,
		control: ctl,
		close() {
			closing ??= new Promise<void>((resolve) => {
				state.scheduler.cancelAll();
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
			return closing;
		},
	};
}
