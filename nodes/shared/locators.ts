/**
 * Resource locator fields (From List / By ID) and reading their values. Shared by the action node and
 * the trigger so that bots, chats and threads are picked the same way everywhere.
 */
import type {
	IExecuteFunctions,
	INodeProperties,
	INodeParameterResourceLocator,
	ISupplyDataFunctions,
} from 'n8n-workflow';

import { checkId, checkNotStructured } from './validation';

export type LocatorName = 'botId' | 'chatId' | 'threadId' | 'integrationId';

const LOCATORS: Record<LocatorName, { label: string; searchListMethod: string; placeholder: string }> = {
	botId: { label: 'Bot', searchListMethod: 'searchBots', placeholder: 'bot_…' },
	chatId: { label: 'Chat', searchListMethod: 'searchChats', placeholder: 'chat_…' },
	threadId: { label: 'Thread', searchListMethod: 'searchThreads', placeholder: 'thr_…' },
	integrationId: { label: 'Integration', searchListMethod: 'searchIntegrations', placeholder: 'int_…' },
};

/** A From List / By ID field for one kind of resource. */
export function locatorField(
	name: LocatorName,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	const { label, searchListMethod, placeholder } = LOCATORS[name];
	return {
		displayName: label,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${label.toLowerCase()} to use`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${label.toLowerCase()}…`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				// No `validation` regex: n8n runs it at every execution start under a wall-clock limit a busy
				// worker can exceed, failing the run. checkId applies the same rule before any request.
			},
		],
		...overrides,
	};
}

type ParameterReader = IExecuteFunctions | ISupplyDataFunctions;

/** A locator's value, whether n8n hands over the locator object or a plain string (expressions, old workflows). */
export function extractLocatorValue(raw: unknown): string {
	const value =
		typeof raw === 'object' && raw !== null ? (raw as INodeParameterResourceLocator).value : raw;
	return value === undefined || value === null ? '' : String(value).trim();
}

export function locatorLabel(name: LocatorName): string {
	return `${LOCATORS[name].label} ID`;
}

/** An expression in By ID that gives an object or a list is refused, not turned into "[object Object]". */
function readLocator(ctx: ParameterReader, path: string, name: LocatorName, itemIndex: number): string {
	const locator = ctx.getNodeParameter(path, itemIndex, '') as unknown;
	const value = typeof locator === 'object' && locator !== null && '__rl' in locator ? (locator as INodeParameterResourceLocator).value : locator;
	checkNotStructured(ctx, itemIndex, locatorLabel(name), value);
	return extractLocatorValue(ctx.getNodeParameter(path, itemIndex, '', { extractValue: true }));
}

/** Reads a required locator and checks the id before anything is sent. */
export function getLocatorId(ctx: ParameterReader, name: LocatorName, itemIndex: number, path: string = name): string {
	return checkId(ctx, itemIndex, locatorLabel(name), readLocator(ctx, path, name, itemIndex));
}

/** The same for an optional filter: empty means "no filter". */
export function getOptionalLocatorId(
	ctx: ParameterReader,
	path: string,
	name: LocatorName,
	itemIndex: number,
): string | undefined {
	const value = readLocator(ctx, path, name, itemIndex);
	if (value === '') return undefined;
	return checkId(ctx, itemIndex, locatorLabel(name), value);
}
