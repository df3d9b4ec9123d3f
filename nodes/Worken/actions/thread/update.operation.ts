import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { updateFieldsCollection } from '../../../shared/collections';
import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { nonEmptyText, readUpdateBody } from '../updateBody';

export const properties: INodeProperties[] = [
	locatorField('threadId', { description: 'The thread to update' }),
	updateFieldsCollection([
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: 'The new title of the thread',
		},
	]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const threadId = getLocatorId(this, 'threadId', itemIndex);
	const body = readUpdateBody(this, itemIndex, [nonEmptyText('title', 'Title')], {
		message: 'Update Fields is empty: there is nothing to update',
		description: 'Add the Title field under Update Fields and enter the new title. Nothing was sent to Worken.',
	});
	const response = await workenRequest(worken, 'updateThread', { pathParams: { threadId }, body, itemIndex });
	return normaliseObject(response);
}
