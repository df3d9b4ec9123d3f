import type { IDataObject } from 'n8n-workflow';

import { getPath, isPlainObject } from '../../../shared/objects';
import { SETTINGS } from './settingsSchema';

/**
 * The flat shape of Get Settings: `botId`, then every setting the node knows under the name of its
 * Update Settings field (instruction, modelId, temperature, maxTokens, topP, frequencyPenalty,
 * presencePenalty, lastMessages, semanticRecall, workingMemory, generateTitle, removeEmojis,
 * removeMarkdown) and `tools` (tool name → approval mode). Settings Worken returns that the node does not
 * know are left out: they are in the raw output.
 */
export function simplifySettings(botId: string, settings: IDataObject): IDataObject {
	const ai = isPlainObject(settings.ai) ? settings.ai : {};
	const flat: IDataObject = { botId };
	for (const definition of SETTINGS) {
		const value = getPath(ai, definition.path);
		if (value !== undefined) flat[definition.field] = value as IDataObject[string];
	}
	if (isPlainObject(ai.tools)) flat.tools = ai.tools;
	return flat;
}
