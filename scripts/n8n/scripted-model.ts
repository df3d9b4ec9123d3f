/**
 * A scripted stand-in for an OpenAI chat model, so n8n's AI Agent can be driven end to end without a real
 * model or account. It speaks the few routes n8n's OpenAI Chat Model node and the OpenAI credential use:
 *
 * - `GET  /v1/models` — the credential test and the model list in the editor;
 * - `POST /v1/chat/completions` — answered from the script, as one JSON answer or, when the request says
 *   `stream: true`, as OpenAI's server-sent `chat.completion.chunk` events ending in `data: [DONE]`.
 *
 * The script is a list of steps. Which step answers a request is read from the conversation itself: the
 * number of assistant tool calls already in `messages`. That keeps it stateless, so a retry by the client
 * gets the same answer, and several conversations can run one after another without a reset.
 *
 * A tool call names the tool n8n exposes (n8n derives it from the node name). If the request's `tools` do
 * not offer it, the server answers 400 with a message listing what was offered, and the recorded request
 * says so, so a check fails on the real cause and not on a confused agent.
 *
 * Every request is recorded (method, path, parsed body, what was answered) for the checks to assert on.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { randomUUID } from 'crypto';
import { readBody } from '../../sandbox/http';

export const SCRIPTED_MODEL_ID = 'scripted-model';

/** Ask the agent to call one tool with these arguments. */
export interface ToolCallStep {
	tool: string;
	args: Record<string, unknown>;
}

/** The final answer, built from the tool results the request carries (oldest first). */
export interface AnswerStep {
	answer: (toolResults: string[]) => string;
}

export type ScriptStep = ToolCallStep | AnswerStep;

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
	name?: string;
}

export interface ChatTool {
	type: string;
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatRequestBody {
	model?: string;
	stream?: boolean;
	messages?: ChatMessage[];
	tools?: ChatTool[];
	[key: string]: unknown;
}

export interface RecordedRequest {
	method: string;
	path: string;
	body: ChatRequestBody | undefined;
	/** The step that answered (index into the script), if any. */
	step?: number;
	/** What the server did: "tool_call <name>", "answer", or the reason it refused. */
	outcome: string;
	status: number;
}

export interface ScriptedModel {
	/** Base URL to put into the OpenAI credential (ends in /v1, like api.openai.com/v1). */
	baseUrl: string;
	/** Every request since start or the last `reset`. */
	requests: RecordedRequest[];
	/** Replace the script (and forget recorded requests) for the next conversation. */
	reset(script: ScriptStep[]): void;
	close(): Promise<void>;
}

/** Text of a message's content, whether a plain string or OpenAI's list of content parts. */
export function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content.map((p) => (p && typeof p === 'object' && 'text' in p ? String((p as { text: unknown }).text) : '')).join('');
	}
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

/** The `tool` role messages of a request: what n8n gave back to the model from the tool runs. */
export function toolMessages(body: ChatRequestBody | undefined): string[] {
	return (body?.messages ?? []).filter((m) => m.role === 'tool').map((m) => contentText(m.content));
}

function isToolCall(step: ScriptStep): step is ToolCallStep {
	return 'tool' in step;
}

function completionBase(): { id: string; created: number; model: string } {
	return { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model: SCRIPTED_MODEL_ID };
}

const USAGE = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

interface Reply {
	content: string | null;
	toolCall?: { id: string; name: string; arguments: string };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

function sendCompletion(res: http.ServerResponse, reply: Reply): void {
	const message = reply.toolCall
		? {
				role: 'assistant',
				content: null,
				tool_calls: [{ id: reply.toolCall.id, type: 'function', function: { name: reply.toolCall.name, arguments: reply.toolCall.arguments } }],
			}
		: { role: 'assistant', content: reply.content };
	sendJson(res, 200, {
		...completionBase(),
		object: 'chat.completion',
		choices: [{ index: 0, message, logprobs: null, finish_reason: reply.toolCall ? 'tool_calls' : 'stop' }],
		usage: USAGE,
	});
}

/** The same answer as OpenAI streams it: role, then content or tool-call pieces, then the finish reason. */
function streamCompletion(res: http.ServerResponse, reply: Reply, includeUsage: boolean): void {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
	const base = { ...completionBase(), object: 'chat.completion.chunk' };
	const send = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}): void => {
		res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra })}\n\n`);
	};
	send({ role: 'assistant', content: reply.toolCall ? null : '' }, null);
	if (reply.toolCall) {
		const { id, name, arguments: args } = reply.toolCall;
		send({ tool_calls: [{ index: 0, id, type: 'function', function: { name, arguments: '' } }] }, null);
		const half = Math.ceil(args.length / 2);
		for (const piece of [args.slice(0, half), args.slice(half)]) {
			if (piece) send({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null);
		}
		send({}, 'tool_calls');
	} else {
		const text = reply.content ?? '';
		for (const word of text.match(/\S+\s*/g) ?? []) send({ content: word }, null);
		send({}, 'stop');
	}
	if (includeUsage) res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: USAGE })}\n\n`);
	res.write('data: [DONE]\n\n');
	res.end();
}

/** The step for a request: one step per assistant tool call already in the conversation. */
function stepFor(body: ChatRequestBody): number {
	return (body.messages ?? []).filter((m) => m.role === 'assistant' && (m.tool_calls?.length ?? 0) > 0).length;
}

export async function startScriptedModel(): Promise<ScriptedModel> {
	let script: ScriptStep[] = [];
	const requests: RecordedRequest[] = [];

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
		const path = (req.url ?? '/').split('?')[0];
		const raw = req.method === 'POST' ? await readBody(req) : '';
		let body: ChatRequestBody | undefined;
		try {
			body = raw ? (JSON.parse(raw) as ChatRequestBody) : undefined;
		} catch {
			body = undefined;
		}
		const record: RecordedRequest = { method: req.method ?? '', path, body, outcome: '', status: 0 };
		requests.push(record);
		const refuse = (status: number, message: string): void => {
			record.outcome = message;
			record.status = status;
			sendJson(res, status, { error: { message, type: 'invalid_request_error', code: null } });
		};

		if (req.method === 'GET' && path === '/v1/models') {
			record.outcome = 'models';
			record.status = 200;
			sendJson(res, 200, { object: 'list', data: [{ id: SCRIPTED_MODEL_ID, object: 'model', created: 0, owned_by: 'worken-e2e' }] });
			return;
		}
		if (req.method !== 'POST' || path !== '/v1/chat/completions') return refuse(404, `no route ${req.method} ${path}`);
		if (!body || !Array.isArray(body.messages)) return refuse(400, 'the body has no messages');

		const index = stepFor(body);
		record.step = index;
		const step = script[index];
		if (!step) return refuse(400, `the script has ${script.length} steps, this is call ${index + 1} of the conversation`);
		let reply: Reply;
		if (isToolCall(step)) {
			const offered = (body.tools ?? []).map((t) => t.function?.name);
			if (!offered.includes(step.tool)) {
				return refuse(400, `tool "${step.tool}" is not among the tools offered: ${offered.join(', ') || 'none'}`);
			}
			reply = { content: null, toolCall: { id: `call_${randomUUID().slice(0, 8)}`, name: step.tool, arguments: JSON.stringify(step.args) } };
			record.outcome = `tool_call ${step.tool}`;
		} else {
			reply = { content: step.answer(toolMessages(body)) };
			record.outcome = 'answer';
		}
		record.status = 200;
		if (body.stream === true) {
			const opts = body.stream_options as { include_usage?: boolean } | undefined;
			streamCompletion(res, reply, opts?.include_usage === true);
		} else {
			sendCompletion(res, reply);
		}
	};

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err: unknown) => {
			if (!res.headersSent) sendJson(res, 500, { error: { message: String(err) } });
			else res.end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		reset(next: ScriptStep[]) {
			script = next;
			requests.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
