/**
 * The optional-field collections of both nodes. Their names, labels and placeholders are what users'
 * saved workflows and n8n's "Add …" buttons rely on, so every operation builds them the same way.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** The optional fields of a Create. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** The fields an Update may change; only those the user adds are sent. */
export function updateFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** The optional filters of a list; each one added narrows it. */
export function filtersCollection(options: INodeProperties[], displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		// Only set when given: the trigger's Filters have no display rules at all.
		...(displayOptions && { displayOptions }),
		options,
	};
}

/** The optional settings of an operation ("Add Option"). */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
