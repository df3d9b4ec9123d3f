import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';
import { checkNonEmpty } from '../../../shared/validation';

export const properties: INodeProperties[] = [
	locatorField('threadId', { description: 'The thread to write in' }),
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description:
			'What the human operator says to the customer. It is stored with the role "operator" and the bot does not answer it.',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const threadId = getLocatorId(this, 'threadId', itemIndex);
	const raw = this.getNodeParameter('text', itemIndex, '') as unknown;
	checkNonEmpty(this, itemIndex, 'Text', raw);
	const response = await workenRequest(worken, 'sendOperatorMessage', {
		pathParams: { threadId },
		body: { text: String(raw) },
		itemIndex,
	});
	return normaliseObject(response);
}
