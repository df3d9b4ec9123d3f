import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { simplifySettings } from './simplifySettings';

export const properties: INodeProperties[] = [
	locatorField('botId', { description: 'The bot whose settings to get' }),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		// On by default: the flat fields are what later nodes map ({{ $json.temperature }}) and what an AI
		// agent reads best, and they carry every setting the node knows. The nested object is one switch away.
		default: true,
		description:
			'Whether to return flat fields named like the Update Settings fields (botId, instruction, modelId, temperature, maxTokens, topP, frequencyPenalty, presencePenalty, lastMessages, semanticRecall, workingMemory, generateTitle, removeEmojis, removeMarkdown, tools) instead of the nested settings object Worken returns',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const botId = getLocatorId(this, 'botId', itemIndex);
	const settings = normaliseObject(
		await workenRequest(worken, 'getBotSettings', { pathParams: { botId }, itemIndex }),
	);
	return this.getNodeParameter('simplify', itemIndex, true) === true ? simplifySettings(botId, settings) : settings;
}
