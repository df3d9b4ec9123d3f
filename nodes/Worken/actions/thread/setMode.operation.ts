import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { THREAD_MODES } from '../../../shared/threadModes';
import { workenRequest } from '../../../transport/transport';
import { checkOneOf } from '../../../shared/validation';

export const properties: INodeProperties[] = [
	locatorField('threadId', { description: 'The thread whose mode to set' }),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{
				name: 'Auto',
				value: 'auto',
				description: 'The bot answers the customer\'s messages',
			},
			{
				name: 'Manual',
				value: 'manual',
				description:
					'A human operator answers: the bot stays silent and Send and Get Reply is refused until the thread is back in Auto',
			},
		],
		default: 'manual',
		description: 'Who answers the customer in this thread',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const threadId = getLocatorId(this, 'threadId', itemIndex);
	const mode = checkOneOf(this, itemIndex, 'Mode', this.getNodeParameter('mode', itemIndex), THREAD_MODES);
	const response = await workenRequest(worken, 'setThreadMode', {
		pathParams: { threadId },
		body: { mode },
		itemIndex,
	});
	return normaliseObject(response);
}
