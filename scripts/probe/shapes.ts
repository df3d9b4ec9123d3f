/**
 * What the Worken API should answer, per endpoint of the endpoint table (nodes/transport/endpoints.ts),
 * written down from the contract (docs/worken-api.md). `npm run probe` compares the live API's raw
 * answers against this table. Each row is one line: when the live API proves a row wrong and the nodes are
 * fixed (endpoints.ts / normalise.ts), correct the row here too.
 */
import type { EndpointName } from '../../nodes/transport/endpoints';

/** A JSON type; `?null` also allows null. */
export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'string?null';

/** Required fields of each object and their types; a dotted name is a nested field. */
export type Fields = Record<string, FieldType>;

export const OBJECTS = {
	bot: { id: 'string', name: 'string', description: 'string?null', status: 'string', project_id: 'string', created_at: 'string', updated_at: 'string' },
	botSettings: {
		ai: 'object',
		'ai.instruction': 'string',
		'ai.model.id': 'string',
		'ai.model.temperature': 'number',
		'ai.model.max_tokens': 'number',
		'ai.model.top_p': 'number',
		'ai.model.frequency_penalty': 'number',
		'ai.model.presence_penalty': 'number',
		'ai.memory.lastMessages': 'number',
		'ai.memory.semanticRecall': 'boolean',
		'ai.memory.workingMemory.enabled': 'boolean',
		'ai.memory.generateTitle': 'boolean',
		'ai.formatting.removeEmojis': 'boolean',
		'ai.formatting.removeMarkdown': 'boolean',
		'ai.tools': 'object',
	},
	chat: { id: 'string', name: 'string', bot_id: 'string', project_id: 'string', created_at: 'string', updated_at: 'string' },
	thread: { id: 'string', chat_id: 'string', bot_id: 'string', project_id: 'string', title: 'string?null', mode: 'string', message_count: 'number', last_message_at: 'string?null', created_at: 'string', updated_at: 'string' },
	message: { id: 'string', thread_id: 'string', chat_id: 'string', role: 'string', content: 'string', created_at: 'string' },
	integration: { id: 'string', type: 'string', name: 'string', bot_id: 'string?null', status: 'string', config: 'object', created_at: 'string', updated_at: 'string' },
	billing: { plan: 'string', balance: 'number', currency: 'string', period_start: 'string', period_end: 'string' },
	usage: { date: 'string', bot_id: 'string', requests: 'number', input_tokens: 'number', output_tokens: 'number', cost: 'number' },
} satisfies Record<string, Fields>;

export type ObjectName = keyof typeof OBJECTS;

/**
 * The body of a success: a JSON array of objects (offset lists; bare, or `{<wrappedIn>: [...]}` when the
 * live API wraps it), one object, nothing (204), the cursor feed `{<items>: [...], <cursor>: string}`, or a
 * server-sent event stream.
 */
export type Answer =
	| { kind: 'list'; of: ObjectName; wrappedIn?: string }
	| { kind: 'object'; of: ObjectName }
	| { kind: 'empty' }
	| { kind: 'feed'; of: ObjectName; items: string; cursor: string }
	| { kind: 'stream' };

export interface Expectation {
	/** The success status. */
	status: number;
	answer: Answer;
	/** The same endpoint called with `cursor` (the thread feed). */
	withCursor?: Answer;
}

/** `list('bot')`: a bare array of bots; `list('bot', 'data')`: `{"data": [bots]}`. */
const list = (of: ObjectName, wrappedIn?: string): Answer => ({ kind: 'list', of, wrappedIn });
const object = (of: ObjectName): Answer => ({ kind: 'object', of });
const EMPTY: Answer = { kind: 'empty' };

export const EXPECTED: Record<EndpointName, Expectation> = {
	listBots: { status: 200, answer: list('bot') },
	createBot: { status: 200, answer: object('bot') },
	getBot: { status: 200, answer: object('bot') },
	updateBot: { status: 200, answer: object('bot') },
	setBotStatus: { status: 200, answer: object('bot') },
	getBotSettings: { status: 200, answer: object('botSettings') },
	updateBotSettings: { status: 200, answer: object('botSettings') },
	cloneBot: { status: 200, answer: object('bot') },
	deleteBot: { status: 204, answer: EMPTY },

	listChats: { status: 200, answer: list('chat') },
	createChat: { status: 200, answer: object('chat') },
	getChat: { status: 200, answer: object('chat') },
	updateChat: { status: 200, answer: object('chat') },
	deleteChat: { status: 204, answer: EMPTY },

	listChatThreads: { status: 200, answer: list('thread') },
	createThread: { status: 200, answer: object('thread') },
	listThreads: { status: 200, answer: list('thread'), withCursor: { kind: 'feed', of: 'thread', items: 'data', cursor: 'next_cursor' } },
	getThread: { status: 200, answer: object('thread') },
	updateThread: { status: 200, answer: object('thread') },
	deleteThread: { status: 204, answer: EMPTY },
	setThreadMode: { status: 200, answer: object('thread') },

	listMessages: { status: 200, answer: list('message') },
	sendOperatorMessage: { status: 200, answer: object('message') },
	streamReply: { status: 200, answer: { kind: 'stream' } },

	listIntegrations: { status: 200, answer: list('integration') },
	createIntegration: { status: 200, answer: object('integration') },
	getIntegration: { status: 200, answer: object('integration') },
	updateIntegration: { status: 200, answer: object('integration') },
	deleteIntegration: { status: 204, answer: EMPTY },

	getBilling: { status: 200, answer: object('billing') },
	listUsage: { status: 200, answer: list('usage') },
};
