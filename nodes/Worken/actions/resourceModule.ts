import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WorkenOperation, WorkenResourceModule } from './types';

/**
 * A resource's Operation selector followed by each operation's fields (in the order of `operations`),
 * shown only for that resource and operation. The selector stays a literal in each resource's index.ts,
 * where n8n's lint checks its `action` labels.
 */
export function resourceModule(
	resource: string,
	operationProperty: INodeProperties,
	operations: Record<string, WorkenOperation>,
): WorkenResourceModule {
	return {
		description: [
			operationProperty,
			...Object.entries(operations).flatMap(([name, operation]) =>
				updateDisplayOptions({ show: { resource: [resource], operation: [name] } }, operation.properties),
			),
		],
		operations,
	};
}
