import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import { normaliseObject } from '../../../shared/normalise';
import { workenRequest } from '../../../shared/transport';
import { checkNonEmpty, fail } from '../../../shared/validation';

export const properties: INodeProperties[] = [
	locatorField('threadId', { description: 'The thread to update' }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'The new title of the thread',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const threadId = getLocatorId(this, 'threadId', itemIndex);
	const updateFields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	if (updateFields.title !== undefined) {
		body.title = checkNonEmpty(this, itemIndex, 'Title', updateFields.title);
	}
	if (Object.keys(body).length === 0) {
		fail(
			this,
			itemIndex,
			'Update Fields is empty: there is nothing to update',
			'Add the Title field under Update Fields and enter the new title. Nothing was sent to Worken.',
		);
	}
	const response = await workenRequest(this, 'updateThread', { pathParams: { threadId }, body, itemIndex });
	return normaliseObject(response);
}
