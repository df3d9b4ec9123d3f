/**
 * A Worken project of its own for one AI check, with its own key and n8n credential. The suite's demo
 * project is watched by Worken Triggers that earlier checks leave active; their polls would land in the
 * same sandbox request log. Requests of this project are exactly what the check's tools sent.
 */
import type { RequestLogEntry } from '../../../sandbox';
import { workenApi } from '../../../scripts/n8n/worken-sandbox';
import type { CredentialRef } from '../../../scripts/n8n/workflows';
import { createWorkenCredential, E2EContext } from '../context';

export interface OwnProject {
	projectId: string;
	key: string;
	cred: CredentialRef;
	chatId: string;
	/** A new thread in the project's chat. */
	createThread(title: string): Promise<{ id: string; chat_id: string; title: string }>;
	/** What the sandbox received for this project since the last `clearRequests` of the sandbox. */
	requests(): RequestLogEntry[];
	/** The same as `METHOD /path?query → status` lines. */
	calls(withQuery?: boolean): string[];
}

export async function ownWorkenProject(ctx: E2EContext, name: string): Promise<OwnProject> {
	const { sandbox } = ctx.worken;
	const { projectId, key } = sandbox.control.createProject({ name });
	const seeded = sandbox.control.seed(projectId, { bots: 1, chatsPerBot: 1 });
	const cred = await createWorkenCredential(ctx, `Worken (${name})`, { apiKey: key, baseUrl: sandbox.url });
	const requests = (): RequestLogEntry[] => sandbox.control.requests().filter((r) => r.projectId === projectId);
	return {
		projectId,
		key,
		cred,
		chatId: seeded.chatIds[0],
		createThread: (title) => workenApi(sandbox.url, key, 'POST', `/chats/${seeded.chatIds[0]}/threads`, { title }),
		requests,
		calls: (withQuery = true) =>
			requests().map((r) => {
				const q = withQuery ? new URLSearchParams(r.query).toString() : '';
				return `${r.method} ${r.path}${q ? `?${q}` : ''} → ${r.status}`;
			}),
	};
}
