import { createBot } from './domain/bots';
import { createChat } from './domain/chats';
import { createIntegration } from './domain/integrations';
import { replyTo } from './domain/reply';
import { addMessage, createThread } from './domain/threads';
import { recordUsage, utcDate } from './domain/usage';
import type { ProjectState, Store } from './store';
import type { SeedOptions, SeedResult } from './types';
import { nonNegativeInteger } from './validate';

const INTEGRATION_TYPES = ['telegram', 'whatsapp', 'webhook', 'custom_mcp'] as const;

function integrationConfig(type: string, n: number): Record<string, unknown> {
	switch (type) {
		case 'telegram':
			return { bot_username: `worken_demo_${n}_bot` };
		case 'whatsapp':
			return { phone_number: `+1555000${String(n).padStart(4, '0')}` };
		case 'webhook':
			return { url: `https://example.com/hooks/${n}` };
		default:
			return { url: `https://mcp.example.com/${n}` };
	}
}

/**
 * Fills a project with deterministic objects: "Bot 3", "Chat 3.1", thread "Thread 3.1.2" with messages
 * alternating user/assistant. Numbering continues after the bots/integrations the project already has, so
 * seeding twice never repeats a name. Every count defaults to 0. Integrations and usage rows attach to the
 * bots created by this call (or, when it creates none, to the project's existing bots).
 */
export function seedProject(store: Store, p: ProjectState, opts: SeedOptions = {}): SeedResult {
	const count = (field: keyof SeedOptions): number =>
		opts[field] === undefined ? 0 : nonNegativeInteger(opts[field], field);
	const bots = count('bots');
	const chatsPerBot = count('chatsPerBot');
	const threadsPerChat = count('threadsPerChat');
	const messagesPerThread = count('messagesPerThread');
	const integrations = count('integrations');
	const usageDays = count('usageDays');

	// One clock reading per object: in a fresh project they start in the recent past instead of running the
	// project's clock seconds ahead of real time (a busy project's clock can only move forward).
	p.clock.reserve(bots * (1 + chatsPerBot * (1 + threadsPerChat * (1 + messagesPerThread))) + integrations);

	const result: SeedResult = { botIds: [], chatIds: [], threadIds: [], integrationIds: [] };
	const firstBotNo = p.bots.size + 1;
	for (let b = 0; b < bots; b++) {
		const botNo = firstBotNo + b;
		const bot = createBot(store, p, { name: `Bot ${botNo}`, description: `Seeded bot number ${botNo}` });
		result.botIds.push(bot.id);
		for (let c = 1; c <= chatsPerBot; c++) {
			const chat = createChat(store, p, { name: `Chat ${botNo}.${c}`, bot_id: bot.id });
			result.chatIds.push(chat.id);
			for (let t = 1; t <= threadsPerChat; t++) {
				const label = `${botNo}.${c}.${t}`;
				const thread = createThread(store, p, chat, { title: `Thread ${label}` });
				result.threadIds.push(thread.id);
				let lastUserText = '';
				for (let m = 1; m <= messagesPerThread; m++) {
					if (m % 2 === 1) {
						lastUserText = `Hello, this is customer ${label} (message ${m})`;
						addMessage(store, p, thread, 'user', lastUserText);
					} else {
						addMessage(store, p, thread, 'assistant', replyTo(lastUserText));
					}
				}
			}
		}
	}

	const targetBots = result.botIds.length > 0 ? result.botIds : [...p.bots.keys()];
	const firstIntegrationNo = p.integrations.size + 1;
	for (let i = 0; i < integrations; i++) {
		const n = firstIntegrationNo + i;
		const type = INTEGRATION_TYPES[i % INTEGRATION_TYPES.length];
		const integration = createIntegration(store, p, {
			type,
			name: `Integration ${n}`,
			bot_id: targetBots.length > 0 ? targetBots[i % targetBots.length] : null,
			config: integrationConfig(type, n),
		});
		result.integrationIds.push(integration.id);
	}

	const today = Date.now();
	targetBots.forEach((botId, botIndex) => {
		for (let d = usageDays - 1; d >= 0; d--) {
			const requests = 5 + ((botIndex * 7 + d * 11) % 30);
			recordUsage(p, botId, utcDate(new Date(today - d * 86_400_000)), {
				requests,
				input_tokens: requests * (40 + (botIndex % 5) * 10),
				output_tokens: requests * 25,
			});
		}
	});
	return result;
}
