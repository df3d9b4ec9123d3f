import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	ISupplyDataFunctions,
} from 'n8n-workflow';

import type { WorkenConnection } from './credentials';
import { readConnection } from './credentials';
import type { RetryPolicy } from './retry';

/** The n8n functions a request can be made from: node runs, AI tool calls, dropdowns and polls. */
export type N8nFunctions = IExecuteFunctions | ISupplyDataFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * What every request needs, read once by its caller and handed to the transport: the router per input
 * item, the trigger per poll (so a changed key is seen at the next poll), a dropdown per call.
 */
export interface WorkenContext {
	/** Sends the requests and names the node in errors. */
	n8n: N8nFunctions;
	connection: WorkenConnection;
	retry: RetryPolicy;
}

/**
 * Reads and checks the credential for input item `itemIndex` (its fields may hold expressions that differ
 * per item). Reading it once matters: each read is a database query and a decryption in n8n.
 */
export async function openWorkenContext(
	n8n: N8nFunctions,
	itemIndex: number,
	retry: RetryPolicy,
): Promise<WorkenContext> {
	return { n8n, connection: await readConnection(n8n, itemIndex), retry };
}
