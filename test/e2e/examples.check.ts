/**
 * Every example in examples/ runs in real n8n against the sandbox and produces the expected items. Together
 * they cover every resource and operation of the Worken node (bot, chat, thread, message incl. "send and get
 * reply", integration, billing) and the trigger. Results are checked twice where it matters: in n8n's saved
 * execution, and in the sandbox's own state (the object really was created/changed/deleted).
 */
import { postWhenRegistered } from '../../scripts/n8n/api';
import { randomUUID } from 'crypto';
import { activateWorkflow, createWorkflow, exampleFiles, loadExample, toCreateBody, WorkflowNode } from '../../scripts/n8n/workflows';
import { sleep } from '../../scripts/n8n/process';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import type { E2EContext } from './context';
import { expect, expectEqual } from './harness';
import { runExample } from '../../scripts/n8n/run-example';
import { fastPollCron } from '../../scripts/n8n/trigger-poll';

type Check = [string, (note: (t: string) => void) => Promise<string>];
type Item = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** Point a resource locator parameter at a fixed id (examples leave "pick from list" empty). */
function setLocator(node: WorkflowNode, nodeName: string, param: string, value: string): void {
	if (node.name === nodeName) node.parameters[param] = { __rl: true, mode: 'id', value };
}

/** Every example file and the check that runs it; a new example without a check fails the suite. */
export const EXAMPLES_COVERED = [
	'support-conversation-tour.json',
	'bot-admin-tour.json',
	'clone-bot-ab-test.json',
	'integrations-tour.json',
	'nightly-usage-report.json',
	'chat-with-your-bot.json',
	'escalate-to-human.json',
	'watch-threads.json', // trigger.check.ts
	'ai-support-agent.json', // ai/agent.check.ts
	'worken-mcp-tools.json', // ai/mcp.check.ts
];

async function everyExampleCovered(): Promise<string> {
	const files = exampleFiles();
	const missing = files.filter((f) => !EXAMPLES_COVERED.includes(f));
	const gone = EXAMPLES_COVERED.filter((f) => !files.includes(f));
	expect(missing.length === 0, `examples without an e2e check: ${missing.join(', ')}`);
	expect(gone.length === 0, `checked examples missing from examples/: ${gone.join(', ')}`);
	for (const f of files) {
		const wf = loadExample(f);
		expect(wf.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote'), `${f} has no sticky note explaining it`);
	}
	return `${files.length} examples, each with a sticky note and a check`;
}

export function exampleChecks(ctx: E2EContext): Check[] {
	return [
		['every example in examples/ has a note and is run by a check', () => everyExampleCovered()],
		['example support-conversation-tour: chat, thread and message operations', (n) => supportTour(ctx, n)],
		['example bot-admin-tour: bot create/get/settings/status/update/delete', (n) => botAdminTour(ctx, n)],
		['example clone-bot-ab-test: bot clone + update settings', (n) => cloneBot(ctx, n)],
		['example integrations-tour: integration operations', (n) => integrationsTour(ctx, n)],
		['example nightly-usage-report: billing get + usage summary', (n) => usageReport(ctx, n)],
		['example chat-with-your-bot: Chat Trigger streams the bot reply', (n) => chatFrontEnd(ctx, n)],
		['example escalate-to-human: active trigger escalates on a keyword only', (n) => escalate(ctx, n)],
	];
}

async function supportTour(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	const control = ctx.worken.sandbox.control;
	const run = await runExample(ctx, 'support-conversation-tour.json', { entry: 'Run now' });
	const bots = run.items('List bots');
	expect(bots.length === ctx.worken.seeded.botIds.length, `List bots: expected ${ctx.worken.seeded.botIds.length} bots, got ${bots.length}`);
	const chat = run.items('Open a chat')[0];
	const thread = run.items('Start a thread')[0];
	expectEqual(thread.title, 'Where is my order?', 'thread title');
	const answer = run.items('Ask the bot')[0];
	expect(typeof answer.reply === 'string' && answer.reply.length > 0, `Ask the bot gave no reply: ${str(answer).slice(0, 200)}`);
	expectEqual((answer.message as Item | undefined)?.role, 'assistant', 'stored reply role');
	const messages = run.items('Read the thread');
	expectEqual(messages.map((m) => m.role), ['user', 'assistant'], 'roles of the thread messages');
	expectEqual(messages[1].content, answer.reply, 'the streamed reply equals the stored assistant message');
	expectEqual(run.items('Hand over to a human')[0].mode, 'manual', 'mode after hand-over');
	expectEqual(run.items('Answer as operator')[0].role, 'operator', 'operator message role');
	expectEqual(run.items('Retitle the thread')[0].title, 'Where is my order? (answered by Anna)', 'new title');
	expectEqual(run.items('Get the thread')[0].id, thread.id, 'Get the thread id');
	expectEqual(run.items('Threads of the chat').map((t) => t.id), [thread.id], 'threads of the new chat');
	expectEqual(run.items('Get the chat')[0].name, 'Website visitors (tour, renamed)', 'chat name after update');
	expect(run.items('Chats of the bot').some((c) => c.id === chat.id), 'Chats of the bot does not list the new chat');
	run.items('Delete the thread');
	run.items('Delete the chat');
	expect(control.getThread(String(thread.id)) === undefined, 'the thread still exists in the sandbox after Delete');
	expect(control.getChat(String(chat.id)) === undefined, 'the chat still exists in the sandbox after Delete');
	note(`bot replied: "${String(answer.reply).slice(0, 80)}"`);
	return `${bots.length} bots listed, thread created, reply of ${String(answer.reply).length} chars, handed over, cleaned up`;
}

async function botAdminTour(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	const control = ctx.worken.sandbox.control;
	const run = await runExample(ctx, 'bot-admin-tour.json', { entry: 'Run now' });
	const bot = run.items('Create a staging bot')[0];
	expectEqual(bot.name, 'Staging bot (tour)', 'created bot name');
	expectEqual(run.items('Get the bot')[0].id, bot.id, 'Get the bot id');
	const settings = run.items('Get its settings')[0];
	note(`Get Settings (simplified) keys: ${Object.keys(settings).join(', ')}`);
	expect(Object.keys(settings).length > 0, 'Get Settings returned nothing');
	const changed = run.items('Change its settings')[0];
	expect(str(changed).includes('You answer questions about deliveries only.'), `updated settings lack the instruction: ${str(changed).slice(0, 300)}`);
	expectEqual(run.items('Pause the bot')[0].status, 'disabled', 'status after Set Status');
	expectEqual(run.items('Rename the bot')[0].name, 'Staging bot (tour, paused)', 'name after Update');
	run.items('Delete the bot');
	expect(control.getBot(String(bot.id)) === undefined, 'the bot still exists in the sandbox after Delete');
	return `bot ${String(bot.id)} created, configured, paused, renamed and deleted`;
}

async function cloneBot(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	const control = ctx.worken.sandbox.control;
	const originalId = ctx.worken.seeded.botIds[0];
	const original = control.getBot(originalId)!;
	const instructionBefore = control.getBotSettings(originalId)!.ai.instruction;
	const run = await runExample(ctx, 'clone-bot-ab-test.json', {
		entry: 'Run now',
		patch: (node) => setLocator(node, 'Clone the bot', 'botId', originalId),
	});
	const copy = run.items('Clone the bot')[0];
	expect(copy.id && copy.id !== originalId, 'clone returned no new id');
	const renamed = run.items('Rename the copy')[0];
	expectEqual(renamed.name, `${original.name} – variant B`, 'name of the copy');
	const settings = control.getBotSettings(String(copy.id))!;
	expect(settings.ai.instruction.startsWith('You are the support assistant of our shop.'), 'the copy did not get the new instruction');
	expectEqual(settings.ai.model.temperature, 0.3, 'temperature of the copy');
	expectEqual(control.getBotSettings(originalId)!.ai.instruction, instructionBefore, 'instruction of the original (must not change)');
	note(`"${original.name}" → "${String(renamed.name)}"`);
	return `copy ${String(copy.id)} named "${String(renamed.name)}", temperature 0.3, original untouched`;
}

async function integrationsTour(ctx: E2EContext, _note: (t: string) => void): Promise<string> {
	const control = ctx.worken.sandbox.control;
	const run = await runExample(ctx, 'integrations-tour.json', { entry: 'Run now' });
	const listed = run.items('List integrations');
	expect(listed.length >= 3, `List integrations: expected the 3 seeded integrations, got ${listed.length}`);
	const created = run.items('Connect a webhook')[0];
	expectEqual(created.type, 'webhook', 'integration type');
	expectEqual(created.bot_id, ctx.worken.seeded.botIds[0], 'integration bot');
	expectEqual((created.config as Item).url, 'https://example.com/hooks/orders', 'integration config');
	const paused = run.items('Pause it')[0];
	expectEqual([paused.status, paused.name], ['disabled', 'Order system webhook (tour, paused)'], 'status and name after update');
	expectEqual(run.items('Get it')[0].id, created.id, 'Get it id');
	run.items('Remove it');
	expect(control.getIntegration(String(created.id)) === undefined, 'the integration still exists after Remove');
	return `${listed.length} listed; webhook integration created, paused, read and removed`;
}

async function usageReport(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	const run = await runExample(ctx, 'nightly-usage-report.json', { entry: 'Run now' });
	const billing = run.items('Plan and balance')[0];
	expectEqual(billing.plan, 'pro', 'plan of the demo project');
	const usage = run.items('Usage of the last 7 days');
	expect(usage.length > 0, 'no usage records for the last 7 days');
	const summary = run.items('Sum up per bot');
	expect(summary.length === 1, `expected one summary item, got ${summary.length}`);
	const s = summary[0];
	const requests = usage.reduce((sum, r) => sum + Number(r.requests ?? 0), 0);
	expectEqual(s.requests, requests, 'total requests in the summary');
	expectEqual(s.records, usage.length, 'records counted');
	expectEqual((s.bots as unknown[]).length, new Set(usage.map((r) => r.bot_id)).size, 'bots in the summary');
	const days = new Set(usage.map((r) => r.date));
	expect(days.size <= 7, `usage covers ${days.size} days, expected at most 7`);
	note(String(s.text));
	return `${usage.length} records over ${days.size} days summed: ${requests} requests`;
}

interface StreamChunk {
	type: string;
	content?: string;
}

async function chatFrontEnd(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	expect(ctx.cred, 'no credential');
	const { sandbox, key, seeded } = ctx.worken;
	const thread = await workenApi<{ id: string }>(sandbox.url, key, 'POST', `/chats/${seeded.chatIds[1]}/threads`, { title: 'Website chat' });
	const webhookId = randomUUID();
	const wf = loadExample('chat-with-your-bot.json');
	const body = toCreateBody(wf, ctx.cred, (node) => {
		setLocator(node, 'Ask the bot', 'threadId', thread.id);
		if (node.type.endsWith('.chatTrigger')) node.webhookId = webhookId;
	});
	const workflowId = await createWorkflow(ctx.session.client, body);
	await activateWorkflow(ctx.session.client, workflowId);
	// What the hosted chat page sends when a visitor types a message.
	const res = await postWhenRegistered(`${ctx.session.n8n.url}/webhook/${webhookId}/chat`, { action: 'sendMessage', sessionId: randomUUID(), chatInput: 'Do you ship to Canada?' }, 120_000);
	const text = await res.text();
	expect(res.status === 200, `chat webhook answered ${res.status}: ${text.slice(0, 300)}`);
	const chunks: StreamChunk[] = text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)
		.flatMap((l) => {
			try {
				return [JSON.parse(l) as StreamChunk];
			} catch {
				return [];
			}
		});
	const items = chunks.filter((c) => c.type === 'item');
	note(`chat stream: ${chunks.length} chunks (${chunks.map((c) => c.type).join(',').slice(0, 120)})`);
	expect(!chunks.some((c) => c.type === 'error'), `the stream carried an error: ${text.slice(0, 300)}`);
	const messages = sandbox.control.listMessages(thread.id) ?? [];
	const stored = messages.filter((m) => m.role === 'assistant').pop();
	expect(stored, 'no assistant message stored in the thread');
	expect(messages.some((m) => m.role === 'user' && m.content === 'Do you ship to Canada?'), 'the chat message was not stored as the user message');
	expect(items.length > 1, `expected the reply streamed in several chunks, got ${items.length}: ${text.slice(0, 300)}`);
	expectEqual(items.map((c) => c.content ?? '').join(''), stored.content, 'streamed chunks joined = stored reply');
	note(`reply streamed in ${items.length} chunks: "${stored.content.slice(0, 80)}"`);
	return `reply streamed to the chat in ${items.length} chunks and stored in thread ${thread.id}`;
}

async function escalate(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	expect(ctx.cred, 'no credential');
	const control = ctx.worken.sandbox.control;
	const [asks, chats] = [ctx.worken.seeded.threadIds[2], ctx.worken.seeded.threadIds[3]];
	const wf = loadExample('escalate-to-human.json');
	const body = toCreateBody(wf, ctx.cred, (node) => {
		if (node.name === 'Worken Trigger') node.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: fastPollCron(ctx.major) }] };
	});
	const workflowId = await createWorkflow(ctx.session.client, body);
	await activateWorkflow(ctx.session.client, workflowId);
	await sleep(2000);
	control.addMessage(chats, { role: 'user', content: 'Thanks, that answers my question.' });
	control.addMessage(asks, { role: 'user', content: 'This is not helping. Can I talk to a human, please?' });
	const limitMs = (ctx.major >= 2 ? 60_000 : 5_000) + 25_000;
	const t0 = Date.now();
	let operatorMessages: string[] = [];
	for (let i = 0; i < 200 && Date.now() - t0 < limitMs; i++) {
		const thread = control.getThread(asks)!;
		operatorMessages = (control.listMessages(asks) ?? []).filter((m) => m.role === 'operator').map((m) => m.content);
		if (thread.mode === 'manual' && operatorMessages.length > 0) break;
		await sleep(1000);
	}
	expectEqual(control.getThread(asks)!.mode, 'manual', 'mode of the thread that asked for a human');
	expect(operatorMessages.length === 1, `expected one operator message, got ${operatorMessages.length}`);
	note(`escalated after ${Math.round((Date.now() - t0) / 1000)}s; operator said: "${operatorMessages[0].slice(0, 60)}…"`);
	// One more poll cycle: the operator's own message must not escalate again, the other thread stays auto.
	await sleep(ctx.major >= 2 ? 65_000 : 8_000);
	expectEqual(control.getThread(chats)!.mode, 'auto', 'mode of the thread without the keyword');
	const after = (control.listMessages(asks) ?? []).filter((m) => m.role === 'operator').length;
	expectEqual(after, 1, 'operator messages after one more poll');
	await ctx.session.client.api('POST', `/workflows/${workflowId}/deactivate`, {});
	return 'keyword thread switched to manual with one operator message; the other thread untouched';
}
