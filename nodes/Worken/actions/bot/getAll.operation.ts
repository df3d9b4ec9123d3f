import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fetchOffsetList } from '../../../transport/pagination';
import { listOptionsCollection, listProperties, readListOptions } from '../listOptions';

export const properties: INodeProperties[] = [...listProperties, listOptionsCollection];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	return await fetchOffsetList(this, 'listBots', { ...readListOptions(this, itemIndex), itemIndex });
}
