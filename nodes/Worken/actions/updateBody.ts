/**
 * Turns an optional-fields collection (Update Fields, Additional Fields) into a request body. Each
 * operation only declares its fields: each one the user added is checked and sent under its API name;
 * fields left out are not sent at all, so Worken keeps their current values.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { getOptionalLocatorId } from '../../shared/locators';
import { checkNonEmpty, fail } from '../../shared/validation';

export interface BodyField {
	/** The option's name in the collection. */
	name: string;
	/** The field of the request body; the option's name when left out. */
	apiName?: string;
	/** Checks what the user entered (`value`, at parameter `path`) and returns what to send. */
	read(ctx: IExecuteFunctions, itemIndex: number, value: unknown, path: string): IDataObject[string];
}

/** The body for the fields the user added, checked in the order given. */
export function readBodyFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
	collection: 'additionalFields' | 'updateFields',
	fields: BodyField[],
): IDataObject {
	const values = ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const field of fields) {
		const value = values[field.name];
		if (value === undefined) continue;
		body[field.apiName ?? field.name] = field.read(ctx, itemIndex, value, `${collection}.${field.name}`);
	}
	return body;
}

/**
 * The body of an Update. An update without fields would send an empty request that changes nothing,
 * so it is refused before anything is sent; `ifEmpty.description` tells which fields to add.
 */
export function readUpdateBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	fields: BodyField[],
	ifEmpty: { message?: string; description: string },
): IDataObject {
	const body = readBodyFields(ctx, itemIndex, 'updateFields', fields);
	if (Object.keys(body).length === 0) {
		fail(ctx, itemIndex, ifEmpty.message ?? 'Update Fields is empty', ifEmpty.description);
	}
	return body;
}

/** A text that may be changed but not emptied, such as a name; `label` names it in the error. */
export function nonEmptyText(name: string, label: string): BodyField {
	return { name, read: (ctx, itemIndex, value) => checkNonEmpty(ctx, itemIndex, label, value) };
}

/** The Bot locator of an Update: moves the object to another bot. It cannot be left without one. */
export function moveToBot(emptyHint: string): BodyField {
	return {
		name: 'botId',
		apiName: 'bot_id',
		read: (ctx, itemIndex, _value, path) => {
			const botId = getOptionalLocatorId(ctx, path, 'botId', itemIndex);
			if (botId === undefined) fail(ctx, itemIndex, 'Bot ID is empty', emptyHint);
			return botId;
		},
	};
}
