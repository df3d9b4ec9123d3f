/**
 * Builds the partial BotSettings body of Update Settings: only what the user set, nested the way the
 * API expects (`{ai: {model: {temperature: 0.2}}}`), with the Advanced Settings JSON underneath and the
 * fields winning where both set the same setting.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { deepMerge, hasAnyValue, isPlainObject, setPath } from '../../../shared/objects';
import { checkNonEmpty, checkOneOf, fail } from '../../../shared/validation';
import { parseAdvancedSettings } from './advancedSettings';
import { SETTINGS, TOOL_MODES } from './settingsSchema';
import { checkSettingValue } from './settingsValues';

/** The Tool Approval Modes rows as `{toolName: mode}`. */
function toolModesFromFields(ctx: IExecuteFunctions, itemIndex: number, tools: unknown): IDataObject {
	const rows = isPlainObject(tools) && Array.isArray(tools.tool) ? (tools.tool as unknown[]) : [];
	const modes: IDataObject = {};
	for (const row of rows) {
		const entry = isPlainObject(row) ? row : {};
		const name = checkNonEmpty(ctx, itemIndex, 'Tool Approval Modes: Tool Name', entry.name);
		if (name in modes) {
			fail(
				ctx,
				itemIndex,
				`Tool Approval Modes lists the tool "${name}" twice`,
				'Keep one row per tool, with the mode it should have.',
			);
		}
		modes[name] = checkOneOf(ctx, itemIndex, `Tool Approval Modes: mode of "${name}"`, entry.mode, TOOL_MODES);
	}
	return modes;
}

export function buildSettingsBody(ctx: IExecuteFunctions, itemIndex: number, updateFields: IDataObject): IDataObject {
	const fromFields: IDataObject = {};
	for (const definition of SETTINGS) {
		const value = updateFields[definition.field];
		if (value === undefined) continue;
		setPath(fromFields, definition.path, checkSettingValue(ctx, itemIndex, definition.label, definition, value, false));
	}
	const tools = toolModesFromFields(ctx, itemIndex, updateFields.tools);
	if (Object.keys(tools).length > 0) fromFields.tools = tools;

	const advanced = parseAdvancedSettings(ctx, itemIndex, updateFields.advancedSettings);
	const body = deepMerge(advanced, Object.keys(fromFields).length > 0 ? { ai: fromFields } : {});
	if (!hasAnyValue(body)) {
		fail(
			ctx,
			itemIndex,
			'Update Fields is empty: there is no setting to change',
			'Add at least one setting under Update Fields (for example Temperature), or fill Advanced Settings with a partial settings object such as {"ai": {"model": {"temperature": 0.5}}}.',
		);
	}
	return body;
}
