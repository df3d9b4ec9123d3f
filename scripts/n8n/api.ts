/**
 * Talks to a running n8n only through its own interfaces:
 * - the internal REST API (`/rest/...`, cookie auth) for what the public API cannot do: owner setup,
 *   login, creating a public-API key, testing a credential, reading node types;
 * - the public API (`/api/v1/...`, `X-N8N-API-KEY`) for credentials, workflows and executions.
 *
 * Shapes read from n8n's source (identical in 1.123.x and 2.41.x):
 * - `POST /rest/owner/setup` {email, firstName, lastName, password} → sets the `n8n-auth` cookie;
 * - `POST /rest/login` {emailOrLdapLoginId, password};
 * - the auth cookie's JWT carries a hash of the `browser-id` header it was issued with, and later requests
 *   must send the same header, so every REST call sends one fixed browser id;
 * - `GET /rest/api-keys/scopes` → the scopes the owner may grant; `POST /rest/api-keys`
 *   {label, scopes, expiresAt: null} → {rawApiKey, …};
 * - `POST /rest/credentials/test` {credentials: {id, name, type, data}} needs a stored credential's id.
 */
import { randomBytes } from 'crypto';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@worken.example',
	password: 'Worken-demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

export class N8nHttpError extends Error {
	constructor(
		public readonly status: number,
		public readonly body: string,
		what: string,
	) {
		super(`${what} → HTTP ${status}: ${body.slice(0, 500)}`);
	}
}

/** n8n wraps most REST answers in {data: …}. */
function unwrap<T>(json: unknown): T {
	if (json && typeof json === 'object' && 'data' in (json as Record<string, unknown>)) {
		return (json as { data: T }).data;
	}
	return json as T;
}

export class N8nClient {
	private cookie = '';
	private readonly browserId = randomBytes(8).toString('hex');
	apiKey = '';

	constructor(public readonly url: string) {
		if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url)) throw new Error(`refusing non-loopback n8n URL ${url}`);
	}

	private async request(
		method: string,
		path: string,
		opts: { body?: unknown; auth: 'cookie' | 'apiKey' | 'none'; timeoutMs?: number },
	): Promise<{ status: number; text: string; json: unknown; headers: Headers }> {
		const headers: Record<string, string> = { accept: 'application/json', 'browser-id': this.browserId };
		if (opts.body !== undefined) headers['content-type'] = 'application/json';
		if (opts.auth === 'cookie' && this.cookie) headers.cookie = this.cookie;
		if (opts.auth === 'apiKey') headers['x-n8n-api-key'] = this.apiKey;
		const send = (): Promise<Response> =>
			fetch(`${this.url}${path}`, {
				method,
				headers,
				body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
				signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000),
			});
		let res: Response;
		try {
			res = await send();
		} catch (err) {
			// n8n closes idle keep-alive connections; on a busy machine a request can go out on one it is just
			// closing ("other side closed": nothing was processed). A GET is sent again once; anything else fails.
			const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
			if (method !== 'GET' || cause?.code !== 'UND_ERR_SOCKET') throw err;
			res = await send();
		}
		const setCookies = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookies) {
			const m = /^n8n-auth=([^;]*)/.exec(c);
			if (m) this.cookie = `n8n-auth=${m[1]}`;
		}
		const text = await res.text();
		let json: unknown = undefined;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, text, json, headers: res.headers };
	}

	/** REST call with the owner's cookie; throws on a non-2xx answer. */
	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await this.request(method, `/rest${path}`, { body, auth: 'cookie' });
		if (res.status >= 300) throw new N8nHttpError(res.status, res.text, `${method} /rest${path}`);
		return unwrap<T>(res.json);
	}

	/** Public API call with the API key; throws on a non-2xx answer. */
	async api<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await this.request(method, `/api/v1${path}`, { body, auth: 'apiKey' });
		if (res.status >= 300) throw new N8nHttpError(res.status, res.text, `${method} /api/v1${path}`);
		return res.json as T;
	}

	/** Raw GET with the cookie (e.g. /types/nodes.json, which is not under /rest). */
	async getWithCookie<T>(path: string): Promise<T> {
		const res = await this.request('GET', path, { auth: 'cookie' });
		if (res.status >= 300) throw new N8nHttpError(res.status, res.text, `GET ${path}`);
		return res.json as T;
	}

	/** Call a production webhook of an active workflow (waits until n8n has registered it). */
	async webhook(path: string, body: unknown = {}, timeoutMs = 120_000): Promise<{ status: number; json: unknown; text: string }> {
		const res = await postWhenRegistered(`${this.url}/webhook/${path}`, body, timeoutMs);
		const text = await res.text();
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text };
	}

	/** Owner setup on a fresh instance, or login when the owner already exists (restart, --keep-open rerun). */
	async ensureOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		const setup = await this.request('POST', '/rest/owner/setup', { body: owner, auth: 'none' });
		if (setup.status < 300 && this.cookie) return;
		await this.login(owner);
	}

	async login(owner: Owner = DEFAULT_OWNER): Promise<void> {
		const res = await this.request('POST', '/rest/login', {
			body: { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password },
			auth: 'none',
		});
		if (res.status >= 300 || !this.cookie) throw new N8nHttpError(res.status, res.text, 'POST /rest/login');
	}

	/**
	 * Create a public-API key with every scope the owner may grant; stores it on the client. Older n8n (read
	 * in its source): 1.8x has `POST /rest/api-keys` {label, expiresAt} without scopes; 1.49 has one key per
	 * user, `POST /rest/me/api-key` → {apiKey}.
	 */
	async createApiKey(label = 'worken-e2e'): Promise<string> {
		const notFound = (err: unknown): boolean => err instanceof N8nHttpError && err.status === 404;
		let created: { rawApiKey?: string; apiKey?: string };
		try {
			const scopes = await this.rest<string[]>('GET', '/api-keys/scopes').catch((err: unknown) => {
				if (notFound(err)) return undefined;
				throw err;
			});
			created = await this.rest('POST', '/api-keys', { label, ...(scopes ? { scopes } : {}), expiresAt: null });
		} catch (err) {
			if (!notFound(err)) throw err;
			created = await this.rest('POST', '/me/api-key');
		}
		const key = created.rawApiKey ?? created.apiKey;
		if (!key) throw new Error('n8n returned no API key');
		this.apiKey = key;
		return key;
	}
}

/**
 * POST to a production webhook, retrying while n8n answers "webhook is not registered". n8n 1.x registers a
 * workflow's webhooks before the activate call returns; n8n 2.x does it asynchronously, about 1–2 s later
 * (measured on 2.41.1). A 404 of that kind means nothing ran, so retrying cannot run anything twice.
 */
export async function postWhenRegistered(url: string, body: unknown, timeoutMs = 120_000, registerWaitMs = 30_000): Promise<Response> {
	const t0 = Date.now();
	for (let attempt = 0; ; attempt++) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		if (res.status !== 404 || attempt >= 60 || Date.now() - t0 > registerWaitMs) return res;
		const text = await res.clone().text();
		if (!/not registered/i.test(text)) return res;
		await new Promise((r) => setTimeout(r, 500));
	}
}
