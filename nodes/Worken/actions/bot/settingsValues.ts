/**
 * Checks one setting value before anything is sent. Node fields are read leniently (an expression may
 * give "0.5" or "true" as text); the Advanced Settings JSON strictly, because JSON has real types and a
 * quoted number there is a mistake worth pointing out.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { checkNumberRange, fail } from '../../../shared/validation';
import type { SettingDefinition } from './settingsSchema';

export function checkSettingValue(
	ctx: IExecuteFunctions,
	itemIndex: number,
	label: string,
	definition: SettingDefinition,
	value: unknown,
	strict: boolean,
): string | number | boolean {
	switch (definition.kind) {
		case 'text': {
			if (typeof value !== 'string' && (strict || typeof value === 'object')) {
				fail(ctx, itemIndex, `${label} must be text`, `You entered ${JSON.stringify(value)}. Write the text in double quotes.`);
			}
			const text = String(value);
			if (definition.nonEmpty && text.trim() === '') {
				fail(ctx, itemIndex, `${label} is empty`, `Enter a value for ${label}, or remove the field.`);
			}
			return text;
		}
		case 'boolean': {
			if (typeof value === 'boolean') return value;
			if (!strict && (value === 'true' || value === 'false')) return value === 'true';
			return fail(ctx, itemIndex, `${label} must be true or false`, `You entered ${JSON.stringify(value)}.`);
		}
		case 'number':
		case 'wholeNumber':
			return checkNumberRange(ctx, itemIndex, label, value, {
				min: definition.min ?? 0,
				max: definition.max,
				integer: definition.kind === 'wholeNumber',
				strict,
			});
	}
}
