/**
 * Every execution of a workflow with the items its trigger emitted, through n8n's public API (all pages,
 * crashed ones included). An execution killed before its trigger node ran still holds the emitted items
 * in its execution stack, so those count as delivered too: the user sees them in the executions list.
 */
import type { IDataObject } from 'n8n-workflow';

import type { N8nClient } from '../../scripts/n8n/api';

export interface Delivered {
	executionId: string;
	status: string;
	startedAt: string;
	items: IDataObject[];
}

interface RawExecution {
	id: string | number;
	status?: string;
	finished?: boolean;
	startedAt: string;
	data?: {
		resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: IDataObject }> | null> } }>> };
		executionData?: { nodeExecutionStack?: Array<{ node?: { name?: string }; data?: { main?: Array<Array<{ json: IDataObject }> | null> } }> };
	};
}

function triggerItems(execution: RawExecution, triggerName: string): IDataObject[] {
	const ran = execution.data?.resultData?.runData?.[triggerName]?.[0]?.data?.main?.[0];
	if (ran) return ran.map((item) => item.json);
	const waiting = execution.data?.executionData?.nodeExecutionStack?.find((entry) => entry.node?.name === triggerName);
	return (waiting?.data?.main?.[0] ?? []).map((item) => item.json);
}

export async function deliveredItems(client: N8nClient, workflowId: string, triggerName: string): Promise<Delivered[]> {
	const all: Delivered[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 100; page++) {
		const query = `workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const response = await client.api<{ data: RawExecution[]; nextCursor?: string | null }>('GET', `/executions?${query}`);
		for (const execution of response.data) {
			all.push({
				executionId: String(execution.id),
				status: execution.status ?? (execution.finished ? 'success' : 'unknown'),
				startedAt: execution.startedAt,
				items: triggerItems(execution, triggerName),
			});
		}
		if (!response.nextCursor) break;
		cursor = response.nextCursor;
	}
	return all.sort((a, b) => Number(a.executionId) - Number(b.executionId));
}
