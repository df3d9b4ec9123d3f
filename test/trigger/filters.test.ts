/**
 * Bot, chat and mode filters reach the feed query and the output respects them; invalid parameters fail
 * before any request; new filters start the watch over.
 */
import type { Sandbox } from '../../sandbox';
import { pollTrigger } from '../helpers/n8n';
import type { Project } from './triggerEnv';
import { Poller, byId, callApi, feedRequests, ids, newProject, openSandbox, requestsOf } from './triggerEnv';

let sb: Sandbox;
let project: Project;

beforeAll(async () => {
	sb = await openSandbox();
	// 2 bots × 2 chats × 2 threads; threads 0-3 belong to bot A (chats A1, A2), 4-7 to bot B.
	project = newProject(sb, { bots: 2, chatsPerBot: 2, threadsPerChat: 2 });
});

afterAll(async () => {
	await sb.close();
});

function touchAll(content: string): void {
	for (const threadId of project.seeded.threadIds) sb.control.addMessage(threadId, { role: 'user', content });
}

test('a chat filter goes into every feed request and only that chat’s threads come out', async () => {
	const chat = project.seeded.chatIds[1];
	const poller = new Poller(project, { events: ['threadUpdated'], filters: { chatId: { __rl: true, mode: 'list', value: chat } } });
	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();
	touchAll('chat filter');
	const items = await poller.poll();
	expect(ids(items)).toEqual(project.seeded.threadIds.slice(2, 4));
	expect(items?.every((item) => item.chat_id === chat)).toBe(true);
	const feed = feedRequests(sb, project);
	expect(feed).toHaveLength(2);
	expect(feed.every((entry) => entry.query.chat_id === chat && entry.query.bot_id === undefined)).toBe(true);
});

test('bot and mode filters: only manual threads of the bot; a thread switched to manual enters as Thread Updated', async () => {
	const bot = project.seeded.botIds[1];
	const poller = new Poller(project, {
		events: ['newThread', 'threadUpdated'],
		filters: { botId: byId(bot), mode: 'manual' },
	});
	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();

	const [inBot, otherBot] = [project.seeded.threadIds[5], project.seeded.threadIds[1]];
	await callApi(sb, project, 'POST', `/threads/${inBot}/mode`, { mode: 'manual' });
	await callApi(sb, project, 'POST', `/threads/${otherBot}/mode`, { mode: 'manual' });
	touchAll('bot and mode filter');

	const items = await poller.poll();
	expect(items?.map((item) => [item.event, item.id, item.bot_id, item.mode])).toEqual([
		['threadUpdated', inBot, bot, 'manual'],
	]);
	// Activation also asked for the newest thread of the whole project (see the mode switch above).
	const lists = requestsOf(sb, project).filter(
		(entry) => entry.method === 'GET' && entry.path === '/threads' && entry.query.cursor === undefined,
	);
	expect(lists.map((entry) => entry.query)).toEqual([{ limit: '1', offset: '0' }]);
	const feed = feedRequests(sb, project);
	expect(feed.map((entry) => entry.query)).toEqual([
		{ bot_id: bot, mode: 'manual', cursor: '', limit: '100' },
		{ bot_id: bot, mode: 'manual', cursor: expect.any(String), limit: '100' },
	]);
});

test('changing the filters starts over: fast-forward with the new filters, nothing emitted', async () => {
	const [chatA, chatB] = project.seeded.chatIds;
	const poller = new Poller(project, { events: ['threadUpdated'], filters: { chatId: byId(chatA) } });
	expect(await poller.poll()).toBeNull();
	touchAll('before the switch');

	poller.parameters = { events: ['threadUpdated'], filters: { chatId: byId(chatB) } };
	sb.control.clearRequests();
	expect(await poller.poll()).toBeNull();
	expect(feedRequests(sb, project).map((entry) => [entry.query.chat_id, entry.query.cursor])).toEqual([[chatB, '']]);
	expect(poller.state()?.filterKey).toBe(JSON.stringify([null, chatB, null]));

	touchAll('after the switch');
	expect(ids(await poller.poll())).toEqual(project.seeded.threadIds.slice(2, 4));
});

test('invalid parameters fail before any request, naming the field', async () => {
	const cases: Array<[Record<string, unknown>, string]> = [
		[{ events: ['newThread'], filters: { chatId: byId('chat 1/2') } }, 'Chat ID "chat 1/2" is not a valid ID'],
		[{ events: ['newThread'], filters: { botId: byId('bot?x') } }, 'Bot ID "bot?x" is not a valid ID'],
		[{ events: [] }, 'Events is empty'],
		[{ events: ['newThread'], options: { maxItems: 0 } }, 'Max Items per Poll must be a whole number from 1 to 10000'],
		[{ events: ['newThread'], options: { maxItems: 2.5 } }, 'Max Items per Poll must be a whole number from 1 to 10000'],
	];
	for (const [parameters, message] of cases) {
		sb.control.clearRequests();
		const staticData = {};
		await expect(
			pollTrigger({ credentials: project.credentials, parameters: parameters as never, staticData }),
		).rejects.toThrow(message);
		expect(requestsOf(sb, project)).toEqual([]);
		expect(JSON.stringify(staticData)).toBe('{}');
	}
});
