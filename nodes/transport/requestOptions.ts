/**
 * The "Retry Options" collection both nodes show, and reading it for the transport. Defaults suit most
 * workflows; a user on a small plan who runs many items may allow longer waits.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY } from './retry';

export const RETRY_OPTIONS_NAME = 'retryOptions';

export const retryOptionsProperty: INodeProperties = {
	displayName: 'Retry Options',
	name: RETRY_OPTIONS_NAME,
	type: 'collection',
	placeholder: 'Add Retry Option',
	default: {},
	description:
		'How the node handles Worken rate limits (429, waiting as long as Worken asks) and temporary server or network errors (reads and deletes only; a request that may have created or changed something is never sent twice)',
	// The defaults shown are DEFAULT_RETRY_POLICY's, as literals because n8n's lint wants literals here.
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description: 'How many times one request may be repeated before the node fails',
		},
		{
			displayName: 'Max Retry Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 3600 },
			default: 120,
			description: 'The longest the node may wait in total between attempts of one request',
		},
	],
};

/**
 * The policy for the Retry Options a node run or poll read (`{}` when the user set none). Values outside the
 * field's range are brought into it, as the editor would.
 */
export function retryPolicy(options: unknown): RetryPolicy {
	const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY };
	if (typeof options !== 'object' || options === null) return policy;
	const { maxRetries, maxWaitSeconds } = options as IDataObject;
	if (maxRetries !== undefined && Number.isFinite(Number(maxRetries))) {
		policy.maxRetries = Math.min(20, Math.max(0, Math.floor(Number(maxRetries))));
	}
	if (maxWaitSeconds !== undefined && Number.isFinite(Number(maxWaitSeconds))) {
		policy.maxWaitMs = Math.min(3600, Math.max(0, Number(maxWaitSeconds))) * 1000;
	}
	return policy;
}
