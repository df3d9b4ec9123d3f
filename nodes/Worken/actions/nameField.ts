/**
 * The Name field of Create and the Name option of Update, worded the same way for every resource that
 * has a name (bots, chats, integrations). `thing` is the resource in lower case, such as "bot".
 */
import type { INodeProperties } from 'n8n-workflow';

/** Create's required Name; `example` is a typical name, shown as the placeholder. */
export function createNameField(thing: string, example: string): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${example}`,
		description: `The name of the new ${thing}`,
	};
}

/** The Name option under Update Fields. */
export function updateNameOption(thing: string): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: `The new name of the ${thing}`,
	};
}
