import axios, { AxiosInstance } from 'axios';
import { CreateProjectOptions, Sandbox, SandboxOptions, startSandbox } from '../../sandbox';

/** An axios client for the sandbox that never throws on HTTP status, so tests assert statuses directly. */
export function client(baseURL: string, key?: string, headers: Record<string, string> = {}): AxiosInstance {
	return axios.create({
		baseURL,
		headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...headers },
		validateStatus: () => true,
	});
}

export interface TestEnv {
	sb: Sandbox;
	projectId: string;
	key: string;
	api: AxiosInstance;
}

/** Starts a sandbox on a random port with one project and a client for it. */
export async function startEnv(opts: SandboxOptions = {}, project: CreateProjectOptions = {}): Promise<TestEnv> {
	const sb = await startSandbox({ port: 0, ...opts });
	const { projectId, key } = sb.control.createProject(project);
	return { sb, projectId, key, api: client(sb.url, key) };
}

/** Parses an SSE body into its `data:` payloads, checking the framing on the way. */
export function parseSse(text: string): Array<Record<string, unknown>> {
	if (!text.endsWith('\n\n')) throw new Error(`stream does not end with a blank line: ${JSON.stringify(text)}`);
	return text
		.slice(0, -2)
		.split('\n\n')
		.map((frame) => {
			if (!frame.startsWith('data: ') || frame.includes('\n')) throw new Error(`bad SSE frame: ${JSON.stringify(frame)}`);
			return JSON.parse(frame.slice('data: '.length)) as Record<string, unknown>;
		});
}

/**
 * Resolves once `condition` holds, checking between turns of the event loop: for what a socket delivers,
 * whose arrival no clock decides. Fails after `timeoutMs` (a hung server, not a slow one).
 */
export async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`condition still false after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
}
