/**
 * Integration types. Worken's `type` is an open string and Worken publishes no list: the channels below are
 * the ones its dashboard shows (docs/worken-api.md, "Integrations"), and their values are our best reading.
 * Any other type is typed in after choosing "Other", so a type Worken names differently or adds later works
 * without a new node version. Webhook and WhatsApp stay because saved workflows use them.
 */
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { checkNonEmpty } from '../../../shared/validation';

/** A node-only value: it is never sent, Custom Type is. */
export const OTHER_TYPE = 'other';

export const KNOWN_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: '1C', value: '1c', description: 'A 1C system the bot reads from or writes to' },
	{ name: 'amoCRM', value: 'amocrm', description: 'An amoCRM account whose chats the bot answers' },
	{ name: 'Avito', value: 'avito', description: 'Avito messages' },
	{ name: 'Bitrix24', value: 'bitrix24', description: 'A Bitrix24 portal whose open lines the bot answers' },
	{ name: 'Custom MCP', value: 'custom_mcp', description: 'A Model Context Protocol server the bot can use' },
	{ name: 'GitHub', value: 'github', description: 'A GitHub account the bot can use as a tool' },
	{ name: 'Google', value: 'google', description: 'A Google account the bot can use as a tool' },
	{ name: 'HeadHunter', value: 'headhunter', description: 'HeadHunter (hh.ru) messages' },
	{ name: 'Max', value: 'max', description: 'A bot in the Max messenger' },
	{ name: 'Odnoklassniki', value: 'odnoklassniki', description: 'An Odnoklassniki group' },
	{ name: 'SIP', value: 'sip', description: 'Phone calls over SIP' },
	{ name: 'Telegram', value: 'telegram', description: 'A Telegram bot' },
	{ name: 'Telegram Account', value: 'telegram_account', description: 'A personal Telegram account' },
	{ name: 'VK', value: 'vk', description: 'A VK community' },
	{ name: 'Webhook', value: 'webhook', description: 'Kept for saved workflows; Worken\'s dashboard shows no webhook integration' },
	{ name: 'WhatsApp', value: 'whatsapp', description: 'Kept for saved workflows; Worken\'s dashboard shows no WhatsApp integration' },
];

/** The Type list with "Other" last in the alphabet of names, as n8n lists options. */
export const TYPE_OPTIONS_WITH_OTHER: INodePropertyOptions[] = [
	...KNOWN_TYPE_OPTIONS,
	{ name: 'Other', value: OTHER_TYPE, description: 'Another type, entered in Custom Type' },
].sort((a, b) => a.name.localeCompare(b.name));

/** The free-text type shown when "Other" is chosen. */
export function customTypeField(description: string): INodeProperties {
	return {
		displayName: 'Custom Type',
		name: 'customType',
		type: 'string',
		displayOptions: { show: { type: [OTHER_TYPE] } },
		default: '',
		placeholder: 'e.g. slack',
		description,
	};
}

/** The chosen type, or Custom Type when "Other" is chosen. */
export function resolveIntegrationType(ctx: IExecuteFunctions, itemIndex: number, type: unknown, customType: unknown): string {
	const chosen = checkNonEmpty(ctx, itemIndex, 'Type', type);
	if (chosen !== OTHER_TYPE) return chosen;
	return checkNonEmpty(ctx, itemIndex, 'Custom Type', customType);
}

/** The type to send on Create. */
export function readIntegrationType(ctx: IExecuteFunctions, itemIndex: number): string {
	return resolveIntegrationType(ctx, itemIndex, ctx.getNodeParameter('type', itemIndex), ctx.getNodeParameter('customType', itemIndex, ''));
}
