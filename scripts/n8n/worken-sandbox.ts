/**
 * The Worken sandbox in the harness's own process (sandbox/index.ts), with a demo project, plus the few
 * public-API calls the checks make as "a customer" (creating a thread) — straight to the sandbox, never
 * through n8n, so the trigger has something real to notice.
 */
import { createDemoProject, startSandbox, Sandbox, SeedResult } from '../../sandbox';

export interface DemoProject {
	sandbox: Sandbox;
	projectId: string;
	key: string;
	seeded: SeedResult;
}

/** Same seed as `npm run sandbox`, so the demo and the e2e suite see the same kind of project. */
export async function startSeededSandbox(opts: { port?: number; key?: string; plan?: 'pro' | 'enterprise' } = {}): Promise<DemoProject> {
	const sandbox = await startSandbox({ port: opts.port ?? 0, host: '127.0.0.1' });
	return { sandbox, ...createDemoProject(sandbox.control, { key: opts.key, plan: opts.plan }) };
}

/** A public-API call to the sandbox with the project key (what a Worken client would send). */
export async function workenApi<T>(sandboxUrl: string, key: string, method: string, path: string, body?: unknown): Promise<T> {
	const res = await fetch(`${sandboxUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await res.text();
	if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
	return (text ? JSON.parse(text) : undefined) as T;
}
