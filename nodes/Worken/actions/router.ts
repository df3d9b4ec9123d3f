/**
 * Runs the chosen operation once per input item: each item's own expressions, its own output items
 * (paired with it), and with Continue On Fail an `{error}` item instead of stopping the others.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openWorkenContext } from '../../transport/context';
import { asNodeError } from '../../transport/errors';
import { RETRY_OPTIONS_NAME, retryOptionsProperty, retryPolicy } from '../../transport/requestOptions';
import { nameFailedExpressionField } from './expressionError';
import { resources } from './resources';

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const { description, httpCode } = error as { description?: unknown; httpCode?: unknown };
	if (typeof description === 'string' && description !== '') json.description = description;
	if (httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const resourceModule = resources[resource];
			if (!resourceModule) {
				throw new NodeOperationError(
					this.getNode(),
					`The resource "${resource}" is not supported by this version of the Worken node`,
					{
						itemIndex,
						description:
							'Pick a resource from the list, or update n8n-nodes-worken if the workflow was made with a newer version.',
					},
				);
			}
			// n8n drops a saved operation that is not shown for the resource: read it as empty, not as a crash.
			const operation = this.getNodeParameter('operation', itemIndex, '') as string;
			const handler = resourceModule.operations[operation];
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for the resource "${resource}"`,
					{ itemIndex },
				);
			}
			const retry = retryPolicy(this.getNodeParameter(RETRY_OPTIONS_NAME, itemIndex, {}));
			const worken = await openWorkenContext(this, itemIndex, retry);
			const result = await handler.execute.call(this, itemIndex, worken);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			const resource = resources[this.getNodeParameter('resource', itemIndex, '') as string];
			nameFailedExpressionField(error, [...(resource?.description ?? []), retryOptionsProperty], this.getNode().parameters);
			if (this.continueOnFail()) {
				output.push(errorItem(error as Error, itemIndex));
				continue;
			}
			throw asNodeError(this.getNode(), error, itemIndex);
		}
	}

	return [output];
}
