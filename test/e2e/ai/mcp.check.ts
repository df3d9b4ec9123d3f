/**
 * Worken tools over MCP: the example `examples/worken-mcp-tools.json` (n8n's MCP Server Trigger with five
 * Worken tool nodes, Bearer auth) active in n8n, and the official MCP SDK client connecting to its production
 * URL the way Claude Desktop or Cursor would: over Streamable HTTP (list, call, a failing call, a call after
 * it on the same session) and over SSE (list and call). Results are compared with the sandbox's own state
 * and request log.
 */
import { randomBytes } from 'crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { createCredentialOfType } from '../../../scripts/n8n/credentials';
import { sleep } from '../../../scripts/n8n/process';
import { activateWorkflow, createWorkflow, deactivateWorkflow, loadExample, toCreateBody } from '../../../scripts/n8n/workflows';
import { SIMPLIFIED_THREAD_FIELDS } from '../../../nodes/Worken/actions/thread/simplify';
import type { E2EContext } from '../context';
import { expect, expectEqual } from '../harness';
import { ownWorkenProject } from './own-project';

export const MCP_EXAMPLE = 'worken-mcp-tools.json';

type Check = [string, (note: (t: string) => void) => Promise<string>];

export function mcpChecks(ctx: E2EContext): Check[] {
	return [['MCP client lists and calls Worken tools through the MCP Server Trigger', (n) => mcpTools(ctx, n)]];
}

interface ToolResult {
	isError?: boolean;
	content: Array<{ type: string; text?: string }>;
}

interface ListedTool {
	name: string;
	description?: string;
	inputSchema: { type?: string; properties?: Record<string, { type?: string; description?: string }>; required?: string[] };
}

/** The tool nodes of the example: their MCP names (n8n: node name with "_" for other characters) and descriptions. */
function exampleTools(): Array<{ name: string; description: string }> {
	return loadExample(MCP_EXAMPLE)
		.nodes.filter((n) => n.type === 'n8n-nodes-worken.workenTool')
		.map((n) => ({ name: n.name.replace(/[^a-zA-Z0-9_-]+/g, '_'), description: String(n.parameters.toolDescription) }));
}

function textOf(result: ToolResult): string {
	return result.content.map((c) => c.text ?? '').join('');
}

/** Connect, retrying while n8n 2.x has not registered the just-activated trigger yet (it does that ~1–2 s later). */
async function connect(make: () => StreamableHTTPClientTransport | SSEClientTransport): Promise<Client> {
	const t0 = Date.now();
	for (;;) {
		const client = new Client({ name: 'worken-e2e', version: '1.0.0' });
		try {
			await client.connect(make());
			return client;
		} catch (err) {
			await client.close().catch(() => undefined);
			if (Date.now() - t0 > 30_000 || !/404|not registered/i.test(String(err))) throw err;
			await sleep(500);
		}
	}
}

async function mcpTools(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	const n8n = ctx.session.client;
	const control = ctx.worken.sandbox.control;
	const project = await ownWorkenProject(ctx, 'MCP tools');
	const token = randomBytes(24).toString('hex');
	const bearer = await createCredentialOfType(n8n, 'httpBearerAuth', `MCP client token ${Date.now()}`, { token });
	const path = `worken-e2e-${Date.now()}`;
	const body = toCreateBody(loadExample(MCP_EXAMPLE), project.cred, (node) => {
		if (node.type.endsWith('.mcpTrigger')) {
			node.parameters.path = path;
			node.credentials = { httpBearerAuth: bearer };
		}
	});
	const workflowId = await createWorkflow(n8n, body);
	await activateWorkflow(n8n, workflowId);
	const url = new URL(`${ctx.session.n8n.url}/mcp/${path}`);
	const headers = { authorization: `Bearer ${token}` };
	const clients: Client[] = [];
	try {
		const http = await connect(() => new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
		clients.push(http);
		// Without the token n8n refuses the connection (asked once the trigger is surely registered).
		const anonymous = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
			body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'anonymous', version: '0' } } }),
		});
		await anonymous.text();
		note(`without the Bearer token: HTTP ${anonymous.status}`);
		expect(anonymous.status === 401 || anonymous.status === 403, `the MCP endpoint answered ${anonymous.status} without the Bearer token`);

		// Tools: names, descriptions and input schemas as a model sees them.
		const { tools } = (await http.listTools()) as { tools: ListedTool[] };
		const want = exampleTools();
		expectEqual(tools.map((t) => t.name).sort(), want.map((t) => t.name).sort(), 'tool names');
		for (const w of want) expectEqual(tools.find((t) => t.name === w.name)?.description, w.description, `description of ${w.name}`);
		const schema = (name: string): ListedTool['inputSchema'] => tools.find((t) => t.name === name)!.inputSchema;
		const props = (name: string): string[] => Object.keys(schema(name).properties ?? {}).sort();
		expectEqual(props('Get_thread'), ['threadId'], 'parameters of Get_thread');
		expectEqual(props('Read_thread_messages'), ['threadId'], 'parameters of Read_thread_messages');
		expectEqual(props('Reply_as_operator'), ['text', 'threadId'], 'parameters of Reply_as_operator');
		expectEqual(props('Set_thread_mode'), ['mode', 'threadId'], 'parameters of Set_thread_mode');
		expectEqual(props('List_threads_waiting_for_a_human'), [], 'parameters of List_threads_waiting_for_a_human');
		const threadIdParam = schema('Get_thread').properties!.threadId;
		expect(threadIdParam.type === 'string' && /thr_/.test(threadIdParam.description ?? ''), `threadId lacks its type or $fromAI description: ${JSON.stringify(threadIdParam)}`);
		expect(/manual/.test(schema('Set_thread_mode').properties!.mode.description ?? ''), 'mode lacks its $fromAI description');
		expectEqual(schema('Reply_as_operator').required?.sort(), ['text', 'threadId'], 'required parameters of Reply_as_operator');
		note(`${tools.length} tools: ${tools.map((t) => `${t.name}(${props(t.name).join(', ')})`).join('; ')}`);

		// A thread of its own with a message only it has.
		const thread = await project.createThread('Invoice question');
		const marker = `INV-${randomBytes(3).toString('hex')}`;
		control.addMessage(thread.id, { role: 'user', content: `Invoice ${marker} is charged twice.` });
		const call = async (name: string, args: Record<string, unknown>, client: Client = http): Promise<ToolResult> => {
			control.clearRequests();
			return (await client.callTool({ name, arguments: args })) as ToolResult;
		};

		const read = await call('Read_thread_messages', { threadId: thread.id });
		expect(!read.isError, `Read_thread_messages failed: ${textOf(read)}`);
		const messages = JSON.parse(textOf(read)) as Array<{ id: string; content: string }>;
		expectEqual(messages.map((m) => m.id), (control.listMessages(thread.id) ?? []).map((m) => m.id), 'message ids read over MCP vs the sandbox');
		expect(textOf(read).includes(marker), 'the messages read over MCP lack the customer message');
		expectEqual(project.calls(false), [`GET /threads/${thread.id} → 200`, `GET /chats/${thread.chat_id}/threads/${thread.id}/messages → 200`], 'requests for Read_thread_messages');

		const mode = await call('Set_thread_mode', { threadId: thread.id, mode: 'manual' });
		expect(!mode.isError, `Set_thread_mode failed: ${textOf(mode)}`);
		expectEqual(control.getThread(thread.id)!.mode, 'manual', 'thread mode in the sandbox');
		expectEqual(project.calls(false), [`POST /threads/${thread.id}/mode → 200`], 'requests for Set_thread_mode');

		const text = `We refund the second charge of ${marker} today.`;
		const reply = await call('Reply_as_operator', { threadId: thread.id, text });
		expect(!reply.isError, `Reply_as_operator failed: ${textOf(reply)}`);
		const stored = (control.listMessages(thread.id) ?? []).at(-1)!;
		expectEqual([stored.role, stored.content], ['operator', text], 'last message of the thread');
		expect(textOf(reply).includes(stored.id), `Reply_as_operator did not return the stored message ${stored.id}`);
		expectEqual(project.requests().map((r) => r.body), [{ text }], 'body sent by Reply_as_operator');

		const waiting = await call('List_threads_waiting_for_a_human', {});
		const waitingThreads = JSON.parse(textOf(waiting)) as Array<{ id: string; mode: string }>;
		expect(waitingThreads.some((t) => t.id === thread.id), 'List_threads_waiting_for_a_human does not list the thread just handed over');
		expect(waitingThreads.every((t) => t.mode === 'manual'), 'List_threads_waiting_for_a_human listed a thread not in manual mode');

		// A failing call is a tool error on a session that stays usable.
		const unknown = 'thr_unknown_e2e';
		const failed = await call('Get_thread', { threadId: unknown });
		note(`unknown thread: isError=${String(failed.isError)} "${textOf(failed).slice(0, 160)}"`);
		expect(failed.isError === true, `a call for an unknown thread did not come back as an MCP tool error: ${JSON.stringify(failed).slice(0, 300)}`);
		expect(/Thread not found/.test(textOf(failed)) && textOf(failed).includes(unknown), `unreadable tool error: ${textOf(failed)}`);
		const after = await call('Get_thread', { threadId: thread.id });
		const got = (JSON.parse(textOf(after)) as Array<Record<string, unknown>>)[0] ?? {};
		expectEqual(got.mode, 'manual', 'Get_thread on the same session after the error');
		// Simplify (on by default) keeps a model's context small: only the fields a decision needs.
		expectEqual(Object.keys(got).sort(), [...SIMPLIFIED_THREAD_FIELDS].sort(), 'fields Get_thread returns');

		// The SSE transport (older MCP clients) on the same URL.
		const sse = await connect(
			() =>
				new SSEClientTransport(url, {
					requestInit: { headers },
					eventSourceInit: { fetch: (u, init) => fetch(u, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers } }) },
				}),
		);
		clients.push(sse);
		const sseTools = (await sse.listTools()) as { tools: ListedTool[] };
		expectEqual(sseTools.tools.length, want.length, 'tools listed over SSE');
		const sseGet = await call('Get_thread', { threadId: thread.id }, sse);
		expect(!sseGet.isError && textOf(sseGet).includes(thread.id), `Get_thread over SSE: ${textOf(sseGet).slice(0, 200)}`);
		return `${tools.length} tools listed with $fromAI parameters; read, set mode, reply, list: sandbox state matches; unknown thread → isError "${textOf(failed).slice(0, 60)}…"; SSE works too`;
	} finally {
		for (const c of clients) await c.close().catch(() => undefined);
		await deactivateWorkflow(n8n, workflowId).catch(() => undefined);
	}
}
