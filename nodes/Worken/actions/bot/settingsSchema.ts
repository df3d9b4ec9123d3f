/**
 * The bot settings the node knows (contract: BotSettings), in one table: which node field fills which
 * path under `ai`, and what values are allowed. Update Settings builds its body from it, checks the
 * Advanced Settings JSON against it, and Get Settings' simplified output uses the same field names, so
 * a simplified output can be mapped straight back into Update Settings.
 */
export type SettingKind = 'text' | 'number' | 'wholeNumber' | 'boolean';

export interface SettingDefinition {
	/** Node field name in Update Settings and key in Get Settings' simplified output. */
	field: string;
	/** Display name, used in error messages. */
	label: string;
	/** Path under `ai`. */
	path: readonly string[];
	kind: SettingKind;
	min?: number;
	max?: number;
	/** Text that may not be blank (the model must be named). */
	nonEmpty?: boolean;
}

export const SETTINGS: readonly SettingDefinition[] = [
	{ field: 'instruction', label: 'Instruction', path: ['instruction'], kind: 'text' },
	{ field: 'modelId', label: 'Model ID', path: ['model', 'id'], kind: 'text', nonEmpty: true },
	{ field: 'temperature', label: 'Temperature', path: ['model', 'temperature'], kind: 'number', min: 0, max: 2 },
	{ field: 'maxTokens', label: 'Max Tokens', path: ['model', 'max_tokens'], kind: 'wholeNumber', min: 1 },
	{ field: 'topP', label: 'Top P', path: ['model', 'top_p'], kind: 'number', min: 0, max: 1 },
	{
		field: 'frequencyPenalty',
		label: 'Frequency Penalty',
		path: ['model', 'frequency_penalty'],
		kind: 'number',
		min: -2,
		max: 2,
	},
	{
		field: 'presencePenalty',
		label: 'Presence Penalty',
		path: ['model', 'presence_penalty'],
		kind: 'number',
		min: -2,
		max: 2,
	},
	{ field: 'lastMessages', label: 'Last Messages', path: ['memory', 'lastMessages'], kind: 'wholeNumber', min: 0 },
	{ field: 'semanticRecall', label: 'Semantic Recall', path: ['memory', 'semanticRecall'], kind: 'boolean' },
	{
		field: 'workingMemory',
		label: 'Working Memory',
		path: ['memory', 'workingMemory', 'enabled'],
		kind: 'boolean',
	},
	{ field: 'generateTitle', label: 'Generate Title', path: ['memory', 'generateTitle'], kind: 'boolean' },
	{ field: 'removeEmojis', label: 'Remove Emojis', path: ['formatting', 'removeEmojis'], kind: 'boolean' },
	{ field: 'removeMarkdown', label: 'Remove Markdown', path: ['formatting', 'removeMarkdown'], kind: 'boolean' },
];

/** Objects under `ai` that hold the settings above (and `tools`). */
export const SETTING_SECTIONS: readonly (readonly string[])[] = [
	['model'],
	['memory'],
	['memory', 'workingMemory'],
	['formatting'],
	['tools'],
];

export const TOOL_MODES = ['auto', 'operator_approve', 'user_approve'] as const;
