import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WorkenContext } from '../../transport/context';

/** One operation of one resource: its fields and what it does for one input item. */
export interface WorkenOperation {
	/** Fields shown for this operation; `resourceModule` shows them only for their resource and operation. */
	properties: INodeProperties[];
	/**
	 * Runs for input item `itemIndex`, sending its requests with `worken` (the item's credential and Retry
	 * Options); returns one output item or a list of them.
	 */
	execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject | IDataObject[]>;
}

export interface WorkenResourceModule {
	/** The Operation selector and every operation's fields. */
	description: INodeProperties[];
	operations: Record<string, WorkenOperation>;
}
