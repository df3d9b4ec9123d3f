/**
 * Integration types. Worken's `type` is an open string; the four below are the ones it is known to have
 * and are offered in a list. On Create, any other type is typed in after choosing "Other", so a type
 * Worken adds later works without a new node version, and the saved value of a listed type never changes.
 */
import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import { checkNonEmpty } from '../../../shared/validation';

/** A node-only value: it is never sent, Custom Type is. */
export const OTHER_TYPE = 'other';

export const KNOWN_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Custom MCP', value: 'custom_mcp', description: 'A Model Context Protocol server the bot can use' },
	{ name: 'Telegram', value: 'telegram', description: 'A Telegram bot' },
	{ name: 'Webhook', value: 'webhook', description: 'Messages exchanged with a URL you provide' },
	{ name: 'WhatsApp', value: 'whatsapp', description: 'A WhatsApp Business number' },
];

/** The type to send: the chosen one, or Custom Type when "Other" is chosen. */
export function readIntegrationType(ctx: IExecuteFunctions, itemIndex: number): string {
	const type = checkNonEmpty(ctx, itemIndex, 'Type', ctx.getNodeParameter('type', itemIndex));
	if (type !== OTHER_TYPE) return type;
	return checkNonEmpty(ctx, itemIndex, 'Custom Type', ctx.getNodeParameter('customType', itemIndex, ''));
}
