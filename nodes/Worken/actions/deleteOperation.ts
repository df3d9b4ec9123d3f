import type { LocatorName } from '../../shared/locators';
import { getLocatorId, locatorField } from '../../shared/locators';
import type { EndpointName } from '../../transport/endpoints';
import { workenRequest } from '../../transport/transport';
import type { WorkenOperation } from './types';

/**
 * A Delete: the object picked in `locator` is deleted with `endpoint`. Worken answers 204 with no body, so
 * the output item says what was deleted, for the next node to work with.
 */
export function deleteOperation(locator: LocatorName, endpoint: EndpointName, description: string): WorkenOperation {
	return {
		properties: [locatorField(locator, { description })],
		async execute(itemIndex, worken) {
			const id = getLocatorId(this, locator, itemIndex);
			await workenRequest(worken, endpoint, { pathParams: { [locator]: id }, itemIndex });
			return { deleted: true, id };
		},
	};
}
