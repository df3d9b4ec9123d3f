/**
 * The AI-agent example (`examples/ai-support-agent.json`) as the e2e checks run it: imported through the
 * public API with the run's Worken credential and an OpenAI credential whose Base URL is the scripted model
 * server, activated, and asked through its own Chat Trigger the way n8n's hosted chat page asks it.
 */
import { randomUUID } from 'crypto';
import { postWhenRegistered } from '../../../scripts/n8n/api';
import { createCredentialOfType } from '../../../scripts/n8n/credentials';
import { sleep } from '../../../scripts/n8n/process';
import { startScriptedModel, ScriptedModel } from '../../../scripts/n8n/scripted-model';
import {
	activateWorkflow,
	createWorkflow,
	deactivateWorkflow,
	Execution,
	listExecutions,
	loadExample,
	toCreateBody,
} from '../../../scripts/n8n/workflows';
import type { CredentialRef } from '../../../scripts/n8n/workflows';
import type { E2EContext } from '../context';
import { expect } from '../harness';

export const AI_AGENT_EXAMPLE = 'ai-support-agent.json';

/** Tool names n8n gives the example's Worken tool nodes (node name with non-word characters as "_"). */
export const AGENT_TOOLS = {
	getThread: 'Get_thread',
	readMessages: 'Read_thread_messages',
	reply: 'Reply_as_operator',
	setMode: 'Set_thread_mode',
} as const;

export interface AgentWorkflow {
	model: ScriptedModel;
	workflowId: string;
	/** Send one chat message; resolves with the agent's answer and the saved execution. */
	ask(chatInput: string): Promise<{ output: string; execution: Execution; status: number; text: string }>;
}

/**
 * Import and activate the example against a fresh scripted model, its Worken tools using `worken` (a
 * credential); always deactivates the workflow and stops the model.
 */
export async function withAgentWorkflow<T>(
	ctx: E2EContext,
	worken: CredentialRef,
	fn: (wf: AgentWorkflow) => Promise<T>,
	opts: { streaming?: boolean } = {},
): Promise<T> {
	const client = ctx.session.client;
	const model = await startScriptedModel();
	let workflowId: string | undefined;
	try {
		// What a user enters in n8n's OpenAI credential; only the Base URL differs from api.openai.com.
		const name = `Scripted model ${Date.now()}`;
		const data = { apiKey: 'sk-scripted-model-not-a-secret', url: model.baseUrl };
		// n8n 1.104 and older have no custom-header option on this credential and refuse the field.
		const openAi = await createCredentialOfType(client, 'openAiApi', name, { ...data, header: false }).catch((err: unknown) => {
			if (!/additional property \\"header\\"/.test(String(err))) throw err;
			return createCredentialOfType(client, 'openAiApi', name, data);
		});
		// The credential's Test button (n8n calls GET <Base URL>/models) passes, as it would for a user.
		const tested = await client.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id: openAi.id, name: openAi.name, type: 'openAiApi', data: { apiKey: 'sk-scripted-model-not-a-secret', url: model.baseUrl } },
		});
		expect(tested.status === 'OK', `the OpenAI credential test against the scripted model failed: ${tested.message}`);
		expect(model.requests.some((r) => r.path === '/v1/models'), 'the OpenAI credential test did not ask the scripted model for /v1/models');
		const webhookId = randomUUID();
		const body = toCreateBody(loadExample(AI_AGENT_EXAMPLE), worken, (node) => {
			if (node.type.endsWith('.lmChatOpenAi')) node.credentials = { openAiApi: openAi };
			if (node.type.endsWith('.chatTrigger')) {
				node.webhookId = webhookId;
				// Streaming: the agent streams its answer into the chat and asks the model with `stream: true`.
				if (opts.streaming) node.parameters.options = { ...(node.parameters.options as object), responseMode: 'streaming' };
			}
		});
		workflowId = await createWorkflow(client, body);
		await activateWorkflow(client, workflowId);
		const id = workflowId;
		const seen = new Set<string>();
		const ask: AgentWorkflow['ask'] = async (chatInput) => {
			for (const e of await listExecutions(client, id)) seen.add(String(e.id));
			const res = await postWhenRegistered(
				`${ctx.session.n8n.url}/webhook/${webhookId}/chat`,
				{ action: 'sendMessage', sessionId: randomUUID(), chatInput },
				180_000,
			);
			const text = await res.text();
			let execution: Execution | undefined;
			for (let i = 0; i < 60 && !execution; i++) {
				execution = (await listExecutions(client, id)).find((e) => !seen.has(String(e.id)) && (e.stoppedAt || e.finished));
				if (!execution) await sleep(500);
			}
			expect(execution, `no execution was saved for the chat message (chat webhook answered ${res.status}: ${text.slice(0, 300)})`);
			seen.add(String(execution.id));
			const output = opts.streaming ? streamedText(text) : lastNodeOutput(text);
			return { output, execution, status: res.status, text };
		};
		return await fn({ model, workflowId: id, ask });
	} finally {
		if (workflowId) await deactivateWorkflow(client, workflowId).catch(() => undefined);
		await model.close();
	}
}

/** The answer of a chat in "When Last Node Finishes" mode: the agent's `{output}`. */
function lastNodeOutput(text: string): string {
	try {
		const json = JSON.parse(text) as { output?: unknown } | Array<{ output?: unknown }>;
		const first = Array.isArray(json) ? json[0] : json;
		return typeof first?.output === 'string' ? first.output : '';
	} catch {
		return '';
	}
}

/** The answer of a streaming chat: n8n's JSON lines, the `item` chunks' content joined. */
function streamedText(text: string): string {
	return text
		.split('\n')
		.flatMap((line) => {
			try {
				const chunk = JSON.parse(line) as { type?: string; content?: string };
				return chunk.type === 'item' ? [chunk.content ?? ''] : [];
			} catch {
				return [];
			}
		})
		.join('');
}
