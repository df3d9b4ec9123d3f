import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

// Placeholder until the trigger lands.
export class WorkenTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Worken Trigger',
		name: 'workenTrigger',
		icon: { light: 'file:../Worken/worken.svg', dark: 'file:../Worken/worken.dark.svg' },
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow when Worken threads change',
		defaults: { name: 'Worken Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'workenApi', required: true }],
		properties: [],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return null;
	}
}
