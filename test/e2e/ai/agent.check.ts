/**
 * n8n's AI Agent uses the Worken node as a tool, driven by a scripted OpenAI-compatible model: the model
 * asks for a Worken tool with arguments, n8n runs the Worken node with them (through `$fromAI()`), and the
 * model's second call carries the tool result, which the final answer quotes. Checked on three sides:
 * what the sandbox received (exactly the request the tool call asked for), what the model received (the
 * tool result or a readable error), and what the chat got back (an answer with data only the tool had).
 */
import { randomBytes } from 'crypto';
import { toolMessages, type ChatRequestBody, type RecordedRequest } from '../../../scripts/n8n/scripted-model';
import { executionError } from '../../../scripts/n8n/workflows';
import type { E2EContext } from '../context';
import { expect, expectEqual } from '../harness';
import { AGENT_TOOLS, withAgentWorkflow } from './agent-workflow';
import { ownWorkenProject } from './own-project';

type Check = [string, (note: (t: string) => void) => Promise<string>];

export function aiAgentChecks(ctx: E2EContext): Check[] {
	return [
		['AI Agent with Worken tools: reads a thread, replies as operator, sets the mode', (n) => agentUsesTools(ctx, n)],
		['AI Agent with Worken tools: an unknown thread reaches the model as a readable error (streamed chat)', (n) => agentSeesToolError(ctx, n)],
	];
}

/** The chat-completion calls that reached the model's script (not the model list). */
function completions(requests: RecordedRequest[]): RecordedRequest[] {
	return requests.filter((r) => r.path === '/v1/chat/completions');
}

/** The model's view of the conversation: a tool call first, then a call carrying the tool's result. */
function expectToolRoundTrip(requests: RecordedRequest[], tool: string): string {
	const calls = completions(requests);
	const refused = calls.find((r) => r.status !== 200);
	expect(!refused, `the scripted model refused a call: ${refused?.outcome}`);
	expectEqual(calls.map((r) => r.outcome), [`tool_call ${tool}`, 'answer'], 'what the model answered, call by call');
	const results = toolMessages(calls[1].body);
	expect(results.length === 1, `the second model call should carry one tool result, it carried ${results.length}`);
	return results[0];
}

/** The tool as n8n offered it to the model: its description and the `$fromAI()` parameters. */
function offeredTool(body: ChatRequestBody | undefined, name: string): { description: string; properties: Record<string, { description?: string; type?: string }> } {
	const tool = body?.tools?.find((t) => t.function.name === name);
	expect(tool, `n8n did not offer the tool ${name}`);
	const params = (tool.function.parameters ?? {}) as { properties?: Record<string, { description?: string; type?: string }> };
	return { description: tool.function.description ?? '', properties: params.properties ?? {} };
}

async function agentUsesTools(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	const control = ctx.worken.sandbox.control;
	const project = await ownWorkenProject(ctx, 'AI agent');
	const thread = await project.createThread('Parcel never arrived');
	const threadId = thread.id;
	// A detail that exists only in the thread, never in the prompt: the answer can only have it from the tool.
	const order = `ORD-${randomBytes(3).toString('hex').toUpperCase()}`;
	control.addMessage(threadId, { role: 'user', content: `My parcel ${order} never arrived, I want to talk to a person.` });

	return withAgentWorkflow(ctx, project.cred, async (wf) => {
		// 1. Read the thread's messages.
		wf.model.reset([
			{ tool: AGENT_TOOLS.readMessages, args: { threadId } },
			{ answer: ([result]) => `The customer asks about parcel ${/ORD-[0-9A-F]{6}/.exec(result)?.[0] ?? '(none found)'}.` },
		]);
		control.clearRequests();
		const read = await wf.ask(`What does the customer in ${threadId} want?`);
		expect(read.status === 200, `chat answered ${read.status}: ${read.text.slice(0, 300)}`);
		const firstCall = completions(wf.model.requests)[0];
		const offered = Object.values(AGENT_TOOLS).map((name) => offeredTool(firstCall?.body, name));
		const readTool = offeredTool(firstCall?.body, AGENT_TOOLS.readMessages);
		expect(/thr_/.test(readTool.properties.threadId?.description ?? ''), `threadId of ${AGENT_TOOLS.readMessages} lacks its $fromAI description: ${JSON.stringify(readTool.properties)}`);
		expect(offered.every((t) => t.description.length > 40), `a Worken tool reached the model without a useful description: ${offered.map((t) => t.description).join(' | ')}`);
		const readResult = expectToolRoundTrip(wf.model.requests, AGENT_TOOLS.readMessages);
		expect(readResult.includes(order), `the tool result given to the model lacks the thread's message: ${readResult.slice(0, 300)}`);
		expectEqual(
			project.calls(),
			[`GET /threads/${threadId} → 200`, `GET /chats/${thread.chat_id}/threads/${threadId}/messages?limit=50&offset=0 → 200`],
			'requests the sandbox got for Read thread messages',
		);
		expect(read.output.includes(order), `the agent's answer does not quote ${order} from the tool result: "${read.output}"`);
		note(`read: "${read.output}" (tool result ${readResult.length} chars; model calls ${completions(wf.model.requests).map((r) => (r.body?.stream ? 'streamed' : 'JSON')).join(', ')})`);

		// 2. Escalate: hand the thread to a human.
		wf.model.reset([
			{ tool: AGENT_TOOLS.setMode, args: { threadId, mode: 'manual' } },
			{ answer: ([result]) => `Thread "${/"title":"([^"]*)"/.exec(result)?.[1] ?? '?'}" is now answered by a human.` },
		]);
		control.clearRequests();
		const escalate = await wf.ask(`Hand ${threadId} to a human.`);
		expectToolRoundTrip(wf.model.requests, AGENT_TOOLS.setMode);
		expectEqual(project.calls(), [`POST /threads/${threadId}/mode → 200`], 'requests the sandbox got for Set thread mode');
		expectEqual(project.requests()[0].body, { mode: 'manual' }, 'body of the mode change');
		expectEqual(control.getThread(threadId)!.mode, 'manual', 'thread mode in the sandbox');
		expect(escalate.output.includes(`"${thread.title}"`), `the agent's answer does not quote the thread title "${thread.title}" from the tool result: "${escalate.output}"`);
		note(`escalate: "${escalate.output}"`);

		// 3. Tell the customer, as a human operator.
		const text = `A colleague takes over your question about ${order} now.`;
		wf.model.reset([
			{ tool: AGENT_TOOLS.reply, args: { threadId, text } },
			{ answer: ([result]) => `Sent as message ${/"id":"([^"]+)"/.exec(result)?.[1] ?? '?'}.` },
		]);
		control.clearRequests();
		const reply = await wf.ask(`Tell the customer in ${threadId} that a colleague takes over.`);
		expectToolRoundTrip(wf.model.requests, AGENT_TOOLS.reply);
		expectEqual(project.calls(), [`POST /threads/${threadId}/messages → 200`], 'requests the sandbox got for Reply as operator');
		expectEqual(project.requests()[0].body, { text }, 'body of the operator message');
		const stored = (control.listMessages(threadId) ?? []).at(-1)!;
		expectEqual([stored.role, stored.content], ['operator', text], 'last message of the thread');
		expect(reply.output.includes(stored.id), `the agent's answer does not quote the stored message id ${stored.id}: "${reply.output}"`);
		note(`reply: "${reply.output}"`);

		for (const run of [read, escalate, reply]) {
			expect(!executionError(run.execution), `the agent run failed: ${executionError(run.execution)}`);
		}
		return `3 conversations, each one tool call with exactly the asked request; answers quote ${order}, the title and ${stored.id}`;
	});
}

async function agentSeesToolError(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	const control = ctx.worken.sandbox.control;
	const project = await ownWorkenProject(ctx, 'AI agent, tool error');
	const unknown = 'thr_unknown_e2e';
	// This conversation streams (Chat Trigger in Streaming mode), so the model is asked with `stream: true`.
	return withAgentWorkflow(ctx, project.cred, async (wf) => {
		wf.model.reset([
			{ tool: AGENT_TOOLS.readMessages, args: { threadId: unknown } },
			{ answer: ([result]) => `I could not read that thread. The tool said: ${result}` },
		]);
		control.clearRequests();
		const run = await wf.ask(`What does the customer in ${unknown} want?`);
		note(`chat answered ${run.status}: ${run.text.slice(0, 300)}; execution ${run.execution.status ?? ''} ${executionError(run.execution) ?? ''}`);
		const result = expectToolRoundTrip(wf.model.requests, AGENT_TOOLS.readMessages);
		note(`tool result given to the model: ${result}`);
		expect(/Thread not found/i.test(result) && result.includes(unknown), `the model did not get a readable "Thread not found" naming ${unknown}: ${result}`);
		// The tools continue on error (see the example's note), so the model also gets what to do about it.
		expect(/Check the ID/.test(result), `the tool error reached the model without its hint: ${result}`);
		expectEqual(project.calls(), [`GET /threads/${unknown} → 404`], 'requests the sandbox got');
		expect(run.status === 200, `the chat answered ${run.status}: ${run.text.slice(0, 300)}`);
		expect(run.output.includes('Thread not found'), `the agent's answer does not pass the error on: "${run.output}"`);
		note(`execution ${String(run.execution.id)} status ${run.execution.status ?? (run.execution.finished ? 'finished' : '?')}`);
		expect(run.execution.status !== 'crashed', 'the agent execution crashed');
		expect(completions(wf.model.requests).every((r) => r.body?.stream === true), 'the streaming agent did not ask the model with stream: true');
		return `the model got ${result.slice(0, 120)}; the agent streamed its answer and the run ended ${run.execution.status ?? 'finished'}`;
	}, { streaming: true });
}
