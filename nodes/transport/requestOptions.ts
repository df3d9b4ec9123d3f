/**
 * The "Retry Options" collection both nodes show, and reading it for the transport. Defaults suit most
 * workflows; a user on a small plan who runs many items may allow longer waits.
 */
import type { IDataObject, INodeProperties, IPollFunctions } from 'n8n-workflow';

import type { WorkenContext } from './context';
import type { RetryPolicy } from './retry';
// The defaults shown (5 retries, 120 s) are DEFAULT_RETRY_POLICY's; the lint wants them as literals.

export const RETRY_OPTIONS_NAME = 'retryOptions';

export const retryOptionsProperty: INodeProperties = {
	displayName: 'Retry Options',
	name: RETRY_OPTIONS_NAME,
	type: 'collection',
	placeholder: 'Add Retry Option',
	default: {},
	description:
		'How the node handles Worken rate limits (429, waiting as long as Worken asks) and temporary server or network errors (reads and deletes only; a request that may have created or changed something is never sent twice)',
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

function toPolicy(options: IDataObject): Partial<RetryPolicy> {
	const policy: Partial<RetryPolicy> = {};
	const maxRetries = Number(options.maxRetries);
	if (options.maxRetries !== undefined && Number.isFinite(maxRetries)) {
		policy.maxRetries = Math.min(20, Math.max(0, Math.floor(maxRetries)));
	}
	const maxWaitSeconds = Number(options.maxWaitSeconds);
	if (options.maxWaitSeconds !== undefined && Number.isFinite(maxWaitSeconds)) {
		policy.maxWaitMs = Math.min(3600, Math.max(0, maxWaitSeconds)) * 1000;
	}
	return policy;
}

/**
 * The user's retry options for this run. Polls read parameters without an item index; dropdowns
 * (load options) have no such field and keep the defaults.
 */
export function readRetryOptions(ctx: WorkenContext, itemIndex: number): Partial<RetryPolicy> {
	try {
		const options =
			'getInputData' in ctx
				? ctx.getNodeParameter(RETRY_OPTIONS_NAME, itemIndex, {})
				: '__emit' in ctx
					? (ctx as IPollFunctions).getNodeParameter(RETRY_OPTIONS_NAME, {})
					: {};
		return typeof options === 'object' && options !== null ? toPolicy(options as IDataObject) : {};
	} catch {
		// A node without the field (or an older saved workflow) keeps the defaults.
		return {};
	}
}
