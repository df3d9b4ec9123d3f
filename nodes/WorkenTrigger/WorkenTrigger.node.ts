import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { MAIN_CONNECTION } from '../shared/connections';
import { searchBots, searchChats } from '../shared/listSearch';
import { pollWorken } from './poll';
import { triggerProperties } from './properties';

/**
 * Polls Worken's thread change feed and starts the workflow once per change: new threads, changed
 * threads and new messages. How the cursor and the rest of the state are kept: state.ts and poll.ts.
 */
export class WorkenTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Worken Trigger',
		name: 'workenTrigger',
		icon: { light: 'file:../Worken/worken.svg', dark: 'file:../Worken/worken.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Worken threads change',
		defaults: { name: 'Worken Trigger' },
		polling: true,
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: 'workenApi', required: true }],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchBots, searchChats } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollWorken.call(this);
	}
}
