import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection } from '../../../shared/collections';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { checkNonEmpty } from '../../../shared/validation';
import { createNameField } from '../nameField';

export const properties: INodeProperties[] = [
	createNameField('bot', 'Support Bot'),
	additionalFieldsCollection([
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			typeOptions: { rows: 2 },
			description: 'What the bot is for, shown in Worken',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const name = checkNonEmpty(this, itemIndex, 'Name', this.getNodeParameter('name', itemIndex));
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { name };
	const description = additionalFields.description;
	if (description !== undefined && description !== null && String(description).trim() !== '') {
		body.description = String(description);
	}
	return normaliseObject(await workenRequest(worken, 'createBot', { body, itemIndex }));
}
