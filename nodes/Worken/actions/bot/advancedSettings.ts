/**
 * The Advanced Settings JSON of Update Settings: a partial BotSettings object for what the fields do not
 * cover. It is checked before sending: it must be an object with only `ai` at the top level, the sections
 * the node knows must be objects, and the settings it knows must have the right type and range. Keys
 * under `ai` the node does not know are passed on as they are: that is what the field is for.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getPath, isPlainObject } from '../../../shared/objects';
import { fail, parseJsonObject } from '../../../shared/validation';
import { SETTING_SECTIONS, SETTINGS, TOOL_MODES } from './settingsSchema';
import { checkSettingValue } from './settingsValues';

const FIELD = 'Advanced Settings';
const EXAMPLE = '{"ai": {"model": {"temperature": 0.5}}}';

export function parseAdvancedSettings(ctx: IExecuteFunctions, itemIndex: number, raw: unknown): IDataObject {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return {};
	const settings = parseJsonObject(ctx, itemIndex, FIELD, raw);

	for (const key of Object.keys(settings)) {
		if (key !== 'ai') {
			fail(
				ctx,
				itemIndex,
				`${FIELD} has an unknown top-level key "${key}"`,
				`Bot settings live under "ai", such as ${EXAMPLE}. Move "${key}" inside "ai" or remove it.`,
			);
		}
	}
	if (settings.ai === undefined) return settings;
	if (!isPlainObject(settings.ai)) {
		fail(ctx, itemIndex, `${FIELD}: "ai" must be an object`, `Write it in braces, such as ${EXAMPLE}.`);
	}
	const ai = settings.ai;

	for (const section of SETTING_SECTIONS) {
		const value = getPath(ai, section);
		if (value !== undefined && !isPlainObject(value)) {
			fail(
				ctx,
				itemIndex,
				`${FIELD}: ai.${section.join('.')} must be an object`,
				`You entered ${JSON.stringify(value)}. Write it in braces, such as ${EXAMPLE}.`,
			);
		}
	}

	for (const definition of SETTINGS) {
		const value = getPath(ai, definition.path);
		if (value === undefined) continue;
		checkSettingValue(ctx, itemIndex, `${FIELD}: ai.${definition.path.join('.')}`, definition, value, true);
	}

	const tools = (ai.tools ?? {}) as IDataObject;
	for (const [name, mode] of Object.entries(tools)) {
		// null removes the tool's entry: in a deep merge it is the only way to take a key away.
		if (mode === null || (TOOL_MODES as readonly unknown[]).includes(mode)) continue;
		fail(
			ctx,
			itemIndex,
			`${FIELD}: ai.tools.${name} must be one of ${TOOL_MODES.join(', ')}`,
			`You entered ${JSON.stringify(mode)}. Use null to remove the tool's approval mode.`,
		);
	}
	return settings;
}
