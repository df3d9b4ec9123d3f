import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ISupplyDataFunctions,
} from 'n8n-workflow';

/** Every n8n context the transport is called from: node runs, AI tool calls, dropdowns and polls. */
export type WorkenContext =
	| IExecuteFunctions
	| ISupplyDataFunctions
	| ILoadOptionsFunctions
	| IPollFunctions;
