import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WorkenContext } from '../../../transport/context';
import { fetchOffsetList } from '../../../transport/pagination';
import { listOptionsCollection, listProperties, readListOptions } from '../listOptions';

export const properties: INodeProperties[] = [...listProperties, listOptionsCollection];

export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject[]> {
	return await fetchOffsetList(worken, 'listBots', { ...readListOptions(this, itemIndex), itemIndex });
}
