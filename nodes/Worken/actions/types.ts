import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One operation of one resource: its fields and what it does for one input item. */
export interface WorkenOperation {
	/** Fields shown for this operation; `withDisplay` adds the resource/operation display options. */
	properties: INodeProperties[];
	/** Runs for input item `itemIndex`; returns one output item or a list of them. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export interface WorkenResourceModule {
	/** The Operation selector and every operation's fields. */
	description: INodeProperties[];
	operations: Record<string, WorkenOperation>;
}
