/**
 * Shared set-up for the Worken Trigger tests: one sandbox per test file, one project per test, and a
 * poller that carries the workflow's static data from one poll to the next as n8n does.
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import type { RequestLogEntry, Sandbox, SandboxOptions, SeedOptions, SeedResult } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { pollTrigger } from '../helpers/n8n';

export const NODE_KEY = 'node:Worken Trigger';

export interface Project {
	projectId: string;
	key: string;
	credentials: { apiKey: string; baseUrl: string };
	seeded: SeedResult;
}

export async function openSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await startSandbox({ port: 0, ...options });
}

export function newProject(sb: Sandbox, seed: SeedOptions = {}): Project {
	const { projectId, key } = sb.control.createProject();
	const seeded = sb.control.seed(projectId, seed);
	return { projectId, key, credentials: { apiKey: key, baseUrl: sb.url }, seeded };
}

/** A plain JSON copy of the trigger's stored state (n8n's static data is an observable proxy). */
export function storedState(staticData: IDataObject): IDataObject | undefined {
	const node = staticData[NODE_KEY];
	return node === undefined ? undefined : (JSON.parse(JSON.stringify(node)) as IDataObject);
}

export function jsonOf(items: INodeExecutionData[] | null): IDataObject[] {
	return (items ?? []).map((item) => item.json);
}

export { byId } from '../actions/fixtures';

export class Poller {
	staticData: IDataObject = {};

	constructor(
		private readonly project: Project,
		public parameters: INodeParameters,
		private readonly pollBudgetMs?: number,
	) {}

	/** One production poll; the static data it leaves is kept for the next one (also when it throws). */
	async poll(): Promise<IDataObject[] | null> {
		const result = await pollTrigger({
			credentials: this.project.credentials,
			parameters: this.parameters,
			staticData: this.staticData,
			pollBudgetMs: this.pollBudgetMs,
		});
		this.staticData = result.staticData;
		return result.items === null ? null : jsonOf(result.items);
	}

	state(): IDataObject | undefined {
		return storedState(this.staticData);
	}
}

/** The project's public-API requests since the log was last cleared. */
export function requestsOf(sb: Sandbox, project: Project): RequestLogEntry[] {
	return sb.control.requests().filter((entry) => entry.projectId === project.projectId);
}

export function feedRequests(sb: Sandbox, project: Project): RequestLogEntry[] {
	return requestsOf(sb, project).filter(
		(entry) => entry.method === 'GET' && entry.path === '/threads' && entry.query.cursor !== undefined,
	);
}

/** Calls the Worken API of the sandbox as another client would (to create or change things). */
export async function callApi(
	sb: Sandbox,
	project: Project,
	method: 'GET' | 'POST',
	path: string,
	body?: IDataObject,
): Promise<IDataObject> {
	const response = await fetch(`${sb.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${project.key}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = (await response.json()) as IDataObject;
	if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
	return json;
}

export async function createThread(sb: Sandbox, project: Project, chatId: string, title?: string): Promise<IDataObject> {
	return await callApi(sb, project, 'POST', `/chats/${chatId}/threads`, title === undefined ? {} : { title });
}

export function ids(items: IDataObject[] | null, event?: string): string[] {
	return (items ?? []).filter((item) => event === undefined || item.event === event).map((item) => String(item.id));
}

