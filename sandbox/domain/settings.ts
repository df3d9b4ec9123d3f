import { badRequest } from '../errors';
import type { BotSettings, ToolMode } from '../types';
import { TOOL_MODES } from '../types';
import { boolean, isObject, JsonObject, nonNegativeInteger, numberIn, oneOf, positiveInteger } from '../validate';

/** The settings every new bot starts with (the contract's BotSettings, fully populated). */
export function defaultSettings(): BotSettings {
	return {
		ai: {
			instruction: 'You are a helpful support assistant. Answer politely and concisely.',
			model: {
				id: 'gpt-4o-mini',
				temperature: 0.7,
				max_tokens: 1024,
				top_p: 1,
				frequency_penalty: 0,
				presence_penalty: 0,
			},
			memory: {
				lastMessages: 10,
				semanticRecall: false,
				workingMemory: { enabled: false },
				generateTitle: true,
			},
			formatting: { removeEmojis: false, removeMarkdown: false },
			tools: {},
		},
	};
}

function section(parent: JsonObject, field: string, label: string): JsonObject | undefined {
	const value = parent[field];
	if (value === undefined) return undefined;
	if (!isObject(value)) throw badRequest(`${label} must be an object`);
	return value;
}

/**
 * Deep-merges a partial BotSettings body into `current` and returns the result. Validation happens on a
 * copy, so an invalid field leaves the stored settings untouched (all or nothing). Only known fields are
 * merged — unknown ones are ignored like everywhere else. A tool set to `null` is removed.
 */
export function mergeSettings(current: BotSettings, patch: JsonObject): BotSettings {
	const next = structuredClone(current);
	const ai = section(patch, 'ai', 'ai');
	if (!ai) return next;
	const target = next.ai;

	if (ai.instruction !== undefined) {
		if (typeof ai.instruction !== 'string') throw badRequest('ai.instruction must be a string');
		target.instruction = ai.instruction;
	}

	const model = section(ai, 'model', 'ai.model');
	if (model) {
		if (model.id !== undefined) {
			if (typeof model.id !== 'string' || model.id.trim() === '') {
				throw badRequest('ai.model.id must be a non-empty string');
			}
			target.model.id = model.id;
		}
		if (model.temperature !== undefined) {
			target.model.temperature = numberIn(model.temperature, 0, 2, 'ai.model.temperature');
		}
		if (model.max_tokens !== undefined) {
			target.model.max_tokens = positiveInteger(model.max_tokens, 'ai.model.max_tokens');
		}
		if (model.top_p !== undefined) target.model.top_p = numberIn(model.top_p, 0, 1, 'ai.model.top_p');
		for (const penalty of ['frequency_penalty', 'presence_penalty'] as const) {
			if (model[penalty] !== undefined) {
				target.model[penalty] = numberIn(model[penalty], -2, 2, `ai.model.${penalty}`);
			}
		}
	}

	const memory = section(ai, 'memory', 'ai.memory');
	if (memory) {
		if (memory.lastMessages !== undefined) {
			target.memory.lastMessages = nonNegativeInteger(memory.lastMessages, 'ai.memory.lastMessages');
		}
		if (memory.semanticRecall !== undefined) {
			target.memory.semanticRecall = boolean(memory.semanticRecall, 'ai.memory.semanticRecall');
		}
		const workingMemory = section(memory, 'workingMemory', 'ai.memory.workingMemory');
		if (workingMemory?.enabled !== undefined) {
			target.memory.workingMemory.enabled = boolean(workingMemory.enabled, 'ai.memory.workingMemory.enabled');
		}
		if (memory.generateTitle !== undefined) {
			target.memory.generateTitle = boolean(memory.generateTitle, 'ai.memory.generateTitle');
		}
	}

	const formatting = section(ai, 'formatting', 'ai.formatting');
	if (formatting) {
		for (const flag of ['removeEmojis', 'removeMarkdown'] as const) {
			if (formatting[flag] !== undefined) {
				target.formatting[flag] = boolean(formatting[flag], `ai.formatting.${flag}`);
			}
		}
	}

	const tools = section(ai, 'tools', 'ai.tools');
	if (tools) {
		for (const [name, mode] of Object.entries(tools)) {
			if (mode === null) {
				delete target.tools[name];
				continue;
			}
			target.tools[name] = oneOf<ToolMode>(mode, TOOL_MODES, `ai.tools.${name}`);
		}
	}
	return next;
}
