import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WorkenContext } from '../../../transport/context';
import { normaliseObject } from '../../../transport/normalise';
import { workenRequest } from '../../../transport/transport';

/** The project is the credential's: there is nothing to choose. */
export const properties: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	return normaliseObject(await workenRequest(worken, 'getBilling', { itemIndex }));
}
