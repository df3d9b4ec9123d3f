import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { buildSettingsBody } from './settingsBody';

/**
 * Option names match the keys of Get Settings' simplified output (see settingsSchema.ts), so a setting
 * read there can be mapped straight back here.
 */
export const properties: INodeProperties[] = [
	locatorField('botId', { description: 'The bot whose settings to change' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Only the settings added here change; every other setting keeps its current value',
		options: [
			{
				displayName: 'Advanced Settings (JSON)',
				name: 'advancedSettings',
				type: 'json',
				default: '{}',
				description:
					'A partial settings object for anything the other fields do not cover, such as {"ai": {"model": {"top_p": 0.9}}}. It is merged with the other fields; where both set the same setting, the field wins.',
			},
			{
				displayName: 'Frequency Penalty',
				name: 'frequencyPenalty',
				type: 'number',
				typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
				default: 0,
				description: 'From -2 to 2. Higher values make the bot repeat the same words less.',
			},
			{
				displayName: 'Generate Title',
				name: 'generateTitle',
				type: 'boolean',
				default: false,
				description: 'Whether the bot gives each new thread a title from its first messages',
			},
			{
				displayName: 'Instruction',
				name: 'instruction',
				type: 'string',
				typeOptions: { rows: 6 },
				default: '',
				placeholder: 'e.g. You are the support assistant of Acme. Answer politely and concisely.',
				description: 'The system prompt: who the bot is and how it answers',
			},
			{
				displayName: 'Last Messages',
				name: 'lastMessages',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 10,
				description: 'How many recent messages of the thread the bot remembers when it answers',
			},
			{
				displayName: 'Max Tokens',
				name: 'maxTokens',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 1024,
				description: 'The longest answer the model may write, in tokens (a whole number of at least 1)',
			},
			{
				displayName: 'Model ID',
				name: 'modelId',
				type: 'string',
				default: '',
				placeholder: 'e.g. gpt-4o-mini',
				description: 'The ID of the language model that writes the answers',
			},
			{
				displayName: 'Presence Penalty',
				name: 'presencePenalty',
				type: 'number',
				typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
				default: 0,
				description: 'From -2 to 2. Higher values make the bot move on to new topics more.',
			},
			{
				displayName: 'Remove Emojis',
				name: 'removeEmojis',
				type: 'boolean',
				default: false,
				description: 'Whether to strip emojis from the bot\'s answers',
			},
			{
				displayName: 'Remove Markdown',
				name: 'removeMarkdown',
				type: 'boolean',
				default: false,
				description: 'Whether to send the bot\'s answers as plain text, without Markdown formatting',
			},
			{
				displayName: 'Semantic Recall',
				name: 'semanticRecall',
				type: 'boolean',
				default: false,
				description: 'Whether the bot also recalls older messages related to the question, beyond the last messages',
			},
			{
				displayName: 'Temperature',
				name: 'temperature',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
				default: 0.7,
				description: 'From 0 to 2. Lower values give focused, repeatable answers; higher values give more varied ones.',
			},
			{
				displayName: 'Tool Approval Modes',
				name: 'tools',
				type: 'fixedCollection',
				placeholder: 'Add Tool',
				typeOptions: { multipleValues: true },
				default: {},
				description: 'Who must approve before the bot uses a tool. Tools not listed keep their mode.',
				options: [
					{
						displayName: 'Tool',
						name: 'tool',
						values: [
							{
								displayName: 'Tool Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. search_orders',
								description: 'The name of the tool as Worken shows it',
							},
							{
								displayName: 'Approval Mode',
								name: 'mode',
								type: 'options',
								options: [
									{ name: 'Auto', value: 'auto', description: 'The bot uses the tool without asking' },
									{
										name: 'Operator Approve',
										value: 'operator_approve',
										description: 'A human operator approves each use',
									},
									{
										name: 'User Approve',
										value: 'user_approve',
										description: 'The customer approves each use',
									},
								],
								default: 'user_approve',
							},
						],
					},
				],
			},
			{
				displayName: 'Top P',
				name: 'topP',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
				default: 1,
				description: 'From 0 to 1. The model only picks among the most likely words that add up to this share.',
			},
			{
				displayName: 'Working Memory',
				name: 'workingMemory',
				type: 'boolean',
				default: false,
				description: 'Whether the bot keeps notes about the customer across the conversation',
			},
		],
	},
];

/** Sends only what the user set; Worken deep-merges it into the bot's settings and returns all of them. */
export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const botId = getLocatorId(this, 'botId', itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body = buildSettingsBody(this, itemIndex, updateFields);
	return normaliseObject(
		await workenRequest(worken, 'updateBotSettings', { pathParams: { botId }, body, itemIndex }),
	);
}
