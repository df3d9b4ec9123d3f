/**
 * Shared setup for the action-node tests: one sandbox per test file, a project in it, the credential
 * data the node uses, and small helpers to read what the sandbox received.
 */
import type { INodeParameterResourceLocator } from 'n8n-workflow';

import type { RequestLogEntry, Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import type { WorkenCredentialData } from '../helpers/n8n';

export interface TestProject {
	projectId: string;
	key: string;
	credentials: WorkenCredentialData;
}

export interface ActionEnv extends TestProject {
	sandbox: Sandbox;
	/** Another project in the same sandbox, e.g. for a list whose length a test must control. */
	createProject(): TestProject;
	/** Requests the sandbox received, in arrival order; only those of `projectId` when given. */
	requests(projectId?: string): RequestLogEntry[];
	close(): Promise<void>;
}

export async function startActionEnv(): Promise<ActionEnv> {
	const sandbox = await startSandbox({ port: 0 });
	const createProject = (): TestProject => {
		const { projectId, key } = sandbox.control.createProject();
		return { projectId, key, credentials: { apiKey: key, baseUrl: sandbox.url } };
	};
	return {
		sandbox,
		...createProject(),
		createProject,
		requests: (projectId?: string) =>
			sandbox.control.requests().filter((entry) => projectId === undefined || entry.projectId === projectId),
		close: () => sandbox.close(),
	};
}

/** A resource locator value in "By ID" mode, as the editor saves it. */
export function byId(value: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'id', value };
}

/** A resource locator value in "From List" mode, as the editor saves it after a pick. */
export function fromList(value: string): INodeParameterResourceLocator {
	return { __rl: true, mode: 'list', value };
}

/** `limit`/`offset` of each list request, as numbers, to check how a list was paged. */
export function pages(entries: RequestLogEntry[]): Array<[number, number]> {
	return entries.map((entry) => [Number(entry.query.limit), Number(entry.query.offset)]);
}

/** How many requests Return All needs for `n` items: pages of 100 until a short (possibly empty) one. */
export function returnAllRequestCount(n: number): number {
	return Math.ceil(n / 100) + (n % 100 === 0 ? 1 : 0);
}

/** Parallel Requests on Auto never has more than this many requests of one list in flight. */
export const AUTO_MAX_IN_FLIGHT = 6;

/**
 * The most requests past the end of a list Auto may send, for a list a sequential reader reads with
 * `needed` requests: one for lists of up to 10 pages, a tenth of the requests beyond that.
 */
export function pastEndAllowance(needed: number): number {
	return Math.max(1, Math.floor(needed / 10));
}

/**
 * List sizes (threads or bots) → the requests a sequential reader sends (floor(N / 100) + 1), and the most
 * Auto may send: one more for lists of up to 10 pages, 1.1× for longer ones.
 */
export const REQUESTS_BY_SIZE: Array<[number, number, number]> = [
	[0, 1, 2],
	[1, 1, 2],
	[99, 1, 2],
	[100, 2, 3],
	[150, 2, 3],
	[250, 3, 4],
	[1_000, 11, 12],
	[2_500, 26, 28],
	[10_000, 101, 111],
];

/**
 * How Return All over `n` items paged (Parallel Requests on Auto): every needed page of 100 exactly once,
 * and at most `pastEndAllowance` pages past the end of the list, each of 100, each once. Pages may be
 * asked for and arrive in any order, so they are compared sorted by offset.
 */
export function expectReturnAllPaging(entries: RequestLogEntry[], n: number): void {
	const sorted = pages(entries).sort((a, b) => a[1] - b[1]);
	const needed = returnAllRequestCount(n);
	expect(sorted.slice(0, needed)).toEqual(Array.from({ length: needed }, (_, page) => [100, page * 100]));
	const past = sorted.slice(needed);
	expect(past.length).toBeLessThanOrEqual(pastEndAllowance(needed));
	// Past the end: pages of 100, each asked for once (not necessarily the next ones: Auto looks far ahead).
	expect(past.every(([size, offset]) => size === 100 && offset >= needed * 100 && offset % 100 === 0)).toBe(true);
	expect(new Set(past.map(([, offset]) => offset)).size).toBe(past.length);
}

/** `limit`/`offset` of each list request sorted by offset: Limit reads its pages in parallel too. */
export function sortedPages(entries: RequestLogEntry[]): Array<[number, number]> {
	return pages(entries).sort((a, b) => a[1] - b[1]);
}
