/**
 * `npm run demo` — one command from a fresh clone (after `npm ci`): builds the pack, starts the Worken
 * sandbox with a seeded demo project, installs and starts real n8n with the pack installed the way the
 * community nodes panel does, adds a demo credential and the example workflows, runs them, and tells in
 * plain words what happened.
 *
 *   npm run demo                      n8n 1.x (default)
 *   npm run demo -- --n8n 2           n8n 2.x (or --n8n <exact version>)
 *   npm run demo -- --keep-open       leave n8n running at http://localhost:5678 until Ctrl-C
 *   npm run demo -- --skip-build      reuse dist/ as it is
 *   WORKEN_API_KEY=sk-… [WORKEN_BASE_URL=…] npm run demo -- --keep-open
 *                                     the demo credential uses the real Worken API instead of the sandbox;
 *                                     then only read-only examples run (nothing is created in your project)
 */
import { randomBytes, randomUUID } from 'crypto';
import { postWhenRegistered } from './n8n/api';
import { openSession, N8nSession } from './n8n/session';
import { startSeededSandbox, DemoProject, workenApi } from './n8n/worken-sandbox';
import { DEFAULT_SANDBOX_PORT } from '../sandbox';
import { N8N_V1, N8N_V2, majorOf } from './n8n/versions';
import { log, mask } from './n8n/log';
import { portInUse } from './n8n/ports';
import { sleep } from './n8n/process';
import { activateWorkflow, createWorkflow, CredentialRef, listExecutions, loadExample, toCreateBody, exampleFiles, WorkflowNode } from './n8n/workflows';
import { createCredentialVia } from './n8n/credentials';
import { runExample } from './n8n/run-example';
import { fastPollCron, threadIdOf } from './n8n/trigger-poll';

const DEMO_N8N_PORT = 5678;
const DEMO_SANDBOX_PORT = DEFAULT_SANDBOX_PORT;
const RUN_NODE = 'Run from the demo';

interface Args {
	version: string;
	keepOpen: boolean;
	skipBuild: boolean;
}

function parseArgs(argv: string[]): Args {
	const args: Args = { version: N8N_V1, keepOpen: false, skipBuild: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--keep-open') args.keepOpen = true;
		else if (a === '--n8n' || a === '--version') {
			const v = argv[++i] ?? '';
			args.version = v === '1' ? N8N_V1 : v === '2' ? N8N_V2 : v;
		} else if (a === '--v2') args.version = N8N_V2;
		else if (a === '--skip-build') args.skipBuild = true; // reuse dist/ as it is
		else if (a === '--help' || a === '-h') {
			console.log('usage: npm run demo -- [--keep-open] [--n8n 1|2|<version>] [--skip-build]');
			process.exit(0);
		} else {
			console.error(`unknown argument ${a}`);
			process.exit(2);
		}
	}
	return args;
}

function say(text: string): void {
	console.log(`\n➜ ${text}`);
}

function setLocator(node: WorkflowNode, nodeName: string, param: string, value: string): void {
	if (node.name === nodeName) node.parameters[param] = { __rl: true, mode: 'id', value };
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const realKey = process.env.WORKEN_API_KEY?.trim();
	const realBaseUrl = (process.env.WORKEN_BASE_URL ?? 'https://api.worken.ru').trim();
	const t0 = Date.now();

	let worken: DemoProject | undefined;
	let session: N8nSession | undefined;
	const shutdown = async (): Promise<void> => {
		if (session) await session.stop().catch(() => undefined);
		if (worken) await worken.sandbox.close().catch(() => undefined);
	};
	process.once('SIGINT', () => void shutdown().then(() => process.exit(130)));
	process.once('SIGTERM', () => void shutdown().then(() => process.exit(143)));

	try {
		if (!realKey) {
			const sandboxPort = (await portInUse(DEMO_SANDBOX_PORT)) ? 0 : DEMO_SANDBOX_PORT;
			worken = await startSeededSandbox({ port: sandboxPort, key: `sk-${randomBytes(16).toString('hex')}` });
			say(`Worken sandbox running at ${worken.sandbox.url} with a demo project (plan pro): 3 bots, 6 chats, 12 threads, 3 integrations, 14 days of usage.`);
		} else {
			say(`Using the Worken API at ${realBaseUrl} (not the sandbox) with the key from WORKEN_API_KEY (${mask(realKey)}).`);
		}

		const n8nPortBusy = await portInUse(DEMO_N8N_PORT);
		if (n8nPortBusy && args.keepOpen) throw new Error(`port ${DEMO_N8N_PORT} is busy: stop whatever runs there (another n8n?) and try again`);
		session = await openSession({
			version: args.version,
			port: n8nPortBusy ? undefined : DEMO_N8N_PORT,
			runName: `demo-${args.version}`,
			skipBuild: args.skipBuild,
			host: 'localhost',
		});
		const n8nUrl = `http://localhost:${session.env.port}`;
		say(`n8n ${args.version} is running at ${n8nUrl} with n8n-nodes-worken installed from its npm tarball, as the community nodes panel installs it.`);

		const credData = realKey ? { apiKey: realKey, baseUrl: realBaseUrl } : { apiKey: worken!.key, baseUrl: worken!.sandbox.url };
		const cred: CredentialRef = await createCredentialVia(session.client, realKey ? 'Worken (your project)' : 'Worken demo (sandbox)', credData);
		const test = await session.client.rest<{ status: string; message: string }>('POST', '/credentials/test', {
			credentials: { id: cred.id, name: cred.name, type: 'workenApi', data: credData },
		});
		say(`Created the credential "${cred.name}"; n8n's connection test says: ${test.status} (${test.message}).`);

		const ctx = { session, cred };
		if (realKey) await realApiTour(ctx, n8nUrl);
		else await sandboxTour(ctx, worken!, n8nUrl, majorOf(args.version));

		console.log(`\nDemo finished in ${Math.round((Date.now() - t0) / 1000)}s.`);
		if (args.keepOpen) {
			console.log(
				`\n────────────────────────────────────────────────────────────────\n` +
					`n8n is open at ${n8nUrl}\n` +
					`  log in as:  ${session.owner.email}  /  ${session.owner.password}\n` +
					(worken
						? `  Worken sandbox: ${worken.sandbox.url}  (demo key ${worken.key}; control API at ${worken.sandbox.url}/__sandbox)\n`
						: '') +
					`  Workflows → open any "Worken: …" workflow; the examples are also in examples/ to import anywhere.\n` +
					`Press Ctrl-C to stop n8n${worken ? ' and the sandbox' : ''}.\n` +
					`────────────────────────────────────────────────────────────────`,
			);
			await new Promise<void>(() => undefined); // until SIGINT
		}
	} finally {
		if (!args.keepOpen) await shutdown();
	}
}

type Ctx = { session: N8nSession; cred: CredentialRef };

/** Against the real API: import everything, run only what reads (never create, change or delete). */
async function realApiTour(ctx: Ctx, n8nUrl: string): Promise<void> {
	// The usage report is imported by runExample below (with its "Run from the demo" entry); the rest as they are.
	const others = exampleFiles().filter((f) => f !== 'nightly-usage-report.json');
	for (const file of others) {
		await createWorkflow(ctx.session.client, toCreateBody(loadExample(file), ctx.cred));
	}
	say(`Imported ${others.length + 1} example workflows into ${n8nUrl} (none of them active).`);
	// runExample activates the workflow only to call its webhook, and deactivates it again afterwards.
	const report = await runExample(ctx, 'nightly-usage-report.json', { entry: 'Run now', webhookName: RUN_NODE });
	const s = report.items('Sum up per bot')[0] ?? {};
	say(`Ran "nightly usage report" against your project: ${String(s.text ?? 'no usage')}`);
	say('The other examples create, change or delete objects, so the demo does not run them against your real project. Open them in n8n and run them yourself if you want.');
}

async function sandboxTour(ctx: Ctx, worken: DemoProject, n8nUrl: string, major: number): Promise<void> {
	const client = ctx.session.client;
	const { sandbox, key, seeded } = worken;

	// 1. A customer conversation: bots listed, a thread created, the bot's streamed reply, hand-over.
	const tour = await runExample(ctx, 'support-conversation-tour.json', { entry: 'Run now', webhookName: RUN_NODE, keepActive: true });
	const bots = tour.items('List bots');
	say(`Listed the project's bots: ${bots.map((b) => `"${String(b.name)}"`).join(', ')}.`);
	const thread = tour.items('Start a thread')[0];
	say(`Opened the chat "${String(tour.items('Open a chat')[0].name)}" and created the thread "${String(thread.title)}" (${String(thread.id)}).`);
	const answer = tour.items('Ask the bot')[0];
	say(`Asked the bot "Hello! Where is my order #1042?" and waited for its streamed reply: "${String(answer.reply)}"`);
	say(`Handed the thread to a human (mode ${String(tour.items('Hand over to a human')[0].mode)}), answered as operator, renamed, listed, then deleted the thread and chat again.`);

	// 2. The chat front-end: a visitor's message through n8n's Chat Trigger, the reply streamed back live.
	const chatThread = await workenApi<{ id: string }>(sandbox.url, key, 'POST', `/chats/${seeded.chatIds[0]}/threads`, { title: 'Website chat (demo)' });
	const webhookId = randomUUID();
	const chatWf = toCreateBody(loadExample('chat-with-your-bot.json'), ctx.cred, (node) => {
		setLocator(node, 'Ask the bot', 'threadId', chatThread.id);
		if (node.type.endsWith('.chatTrigger')) node.webhookId = webhookId;
	});
	const chatId = await createWorkflow(client, chatWf);
	await activateWorkflow(client, chatId);
	process.stdout.write(`\n➜ A website visitor writes "Do you ship to Canada?" in the n8n chat; the reply streams in: `);
	const res = await postWhenRegistered(`${ctx.session.n8n.url}/webhook/${webhookId}/chat`, { action: 'sendMessage', sessionId: randomUUID(), chatInput: 'Do you ship to Canada?' }, 60_000);
	await printStream(res);
	console.log(`\n  Chat page for you to try: ${n8nUrl}/webhook/${webhookId}/chat`);

	// 3. Bots: A/B clone, administration; integrations; the nightly report.
	const clone = await runExample(ctx, 'clone-bot-ab-test.json', {
		entry: 'Run now',
		webhookName: RUN_NODE,
		keepActive: true,
		patch: (node) => setLocator(node, 'Clone the bot', 'botId', seeded.botIds[0]),
	});
	say(`Cloned "${sandbox.control.getBot(seeded.botIds[0])!.name}" for an A/B test: the copy "${String(clone.items('Rename the copy')[0].name)}" has its own instruction and temperature 0.3.`);
	const admin = await runExample(ctx, 'bot-admin-tour.json', { entry: 'Run now', webhookName: RUN_NODE, keepActive: true });
	say(`Created a staging bot, changed its settings, paused it (status ${String(admin.items('Pause the bot')[0].status)}) and deleted it again.`);
	const integ = await runExample(ctx, 'integrations-tour.json', { entry: 'Run now', webhookName: RUN_NODE, keepActive: true });
	say(`Found ${integ.items('List integrations').length} integrations; connected a webhook integration, paused it and removed it.`);
	const report = await runExample(ctx, 'nightly-usage-report.json', { entry: 'Run now', webhookName: RUN_NODE, keepActive: true });
	say(`Nightly usage report: ${String(report.items('Sum up per bot')[0].text)}`);

	// 4. The triggers: watch threads, and escalate to a human on a keyword.
	const cron = fastPollCron(major);
	const fast = (node: WorkflowNode): void => {
		if (node.type === 'n8n-nodes-worken.workenTrigger') node.parameters.pollTimes = { item: [{ mode: 'custom', cronExpression: cron }] };
	};
	const watchId = await createWorkflow(client, toCreateBody(loadExample('watch-threads.json'), ctx.cred, fast));
	const escalateId = await createWorkflow(client, toCreateBody(loadExample('escalate-to-human.json'), ctx.cred, fast));
	await activateWorkflow(client, watchId);
	await activateWorkflow(client, escalateId);
	say(`Activated the Worken Trigger workflows, checking Worken ${major >= 2 ? 'every minute (the shortest n8n 2.x allows)' : 'every 5 seconds'}.`);
	await sleep(2000);
	const customer = await workenApi<{ id: string }>(sandbox.url, key, 'POST', `/chats/${seeded.chatIds[1]}/threads`, { title: 'Problem with my delivery' });
	sandbox.control.addMessage(customer.id, { role: 'user', content: 'My parcel is late again. I want to talk to a human!' });
	say(`A customer opened the thread "Problem with my delivery" and wrote "My parcel is late again. I want to talk to a human!" — waiting for the trigger…`);
	const limit = Date.now() + (major >= 2 ? 90_000 : 30_000);
	while (Date.now() < limit) {
		const t = sandbox.control.getThread(customer.id);
		const operator = (sandbox.control.listMessages(customer.id) ?? []).find((m) => m.role === 'operator');
		const fired = (await listExecutions(client, watchId)).filter((e) => e.stoppedAt);
		if (t?.mode === 'manual' && operator && fired.length > 0) break;
		await sleep(1000);
	}
	const fired = (await listExecutions(client, watchId)).filter((e) => e.stoppedAt).reverse();
	for (const e of fired) {
		const items = (e.data?.resultData.runData['Worken Trigger']?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);
		say(`The Worken Trigger fired: ${items.map((i) => `${String(i.event)} in ${String(threadIdOf(i))}${i.role ? ` (${String(i.role)}: "${String(i.content).slice(0, 50)}")` : ''}`).join('; ')}.`);
	}
	const t = sandbox.control.getThread(customer.id);
	const operator = (sandbox.control.listMessages(customer.id) ?? []).find((m) => m.role === 'operator');
	say(
		t?.mode === 'manual' && operator
			? `The escalation workflow switched the thread to manual (a human answers now) and told the customer: "${operator.content}"`
			: 'The escalation workflow did not react in time (see Executions in n8n).',
	);
}

/** Print the Chat Trigger's streamed answer (NDJSON chunks) as it arrives. */
async function printStream(res: Response): Promise<void> {
	if (!res.body) return;
	const decoder = new TextDecoder();
	let buffer = '';
	const reader = res.body.getReader();
	for (let i = 0; i < 10_000; i++) {
		const { done, value } = await reader.read();
		if (done) break;
		buffer += decoder.decode(value, { stream: true });
		let nl: number;
		while ((nl = buffer.indexOf('\n')) >= 0) {
			const line = buffer.slice(0, nl).trim();
			buffer = buffer.slice(nl + 1);
			if (!line) continue;
			try {
				const chunk = JSON.parse(line) as { type: string; content?: string };
				if (chunk.type === 'item' && chunk.content) process.stdout.write(chunk.content);
				if (chunk.type === 'error') process.stdout.write(` [error: ${chunk.content ?? ''}]`);
			} catch {
				/* partial line */
			}
		}
	}
	process.stdout.write('\n');
}

main().catch((err: unknown) => {
	log(`Demo failed: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
});
