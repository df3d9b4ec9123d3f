/**
 * Every execution of a workflow with the items its trigger emitted, through n8n's public API (all pages,
 * crashed ones included). An execution killed before its trigger node's run was saved still holds the
 * emitted items in its execution stack, and n8n's Retry runs them from there (a poll node in a retry
 * passes its input on), so those count as delivered too. n8n's crash recovery may meanwhile have marked
 * the trigger as run with a placeholder item (`isArtificialRecoveredEventItem`) instead of its items: the
 * stack still holds the real ones.
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

export function triggerItems(execution: RawExecution, triggerName: string): IDataObject[] {
	const ran = execution.data?.resultData?.runData?.[triggerName]?.[0]?.data?.main?.[0];
	const recoveredPlaceholder = ran?.length === 1 && ran[0].json.isArtificialRecoveredEventItem === true;
	if (ran && !recoveredPlaceholder) return ran.map((item) => item.json);
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
