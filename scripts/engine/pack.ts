/**
 * The built pack (dist/), loaded the way n8n loads a community package: the node and credential classes,
 * and the modules the nodes use, from the compiled output — never from the TypeScript sources, so what
 * runs is what gets published.
 */
import * as path from 'node:path';

import type { ICredentialType, IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

export const DIST = path.resolve(__dirname, '../../dist');

/** A module of the build, e.g. `nodes/transport/transport.js`; fails with a hint when it is not built. */
export function builtModule<T>(relative: string): T {
	const modulePath = path.join(DIST, relative);
	try {
		return require(modulePath) as T;
	} catch (error) {
		if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') {
			throw new Error(`${modulePath} is missing: run npm run build`);
		}
		throw error;
	}
}

function loadBuilt<T>(relative: string, exportName: string): T {
	const loaded = builtModule<Record<string, new () => T>>(relative);
	if (!loaded[exportName]) throw new Error(`${relative} does not export ${exportName}: run npm run build`);
	return new loaded[exportName]();
}

export const PACKAGE = 'n8n-nodes-worken';
export const ACTION_TYPE = `${PACKAGE}.worken`;
export const TRIGGER_TYPE = `${PACKAGE}.workenTrigger`;

let cachedTypes: { nodes: Record<string, INodeType>; credential: ICredentialType } | undefined;

export function packTypes() {
	if (!cachedTypes) {
		cachedTypes = {
			nodes: {
				[ACTION_TYPE]: loadBuilt<INodeType>('nodes/Worken/Worken.node.js', 'Worken'),
				[TRIGGER_TYPE]: loadBuilt<INodeType>('nodes/WorkenTrigger/WorkenTrigger.node.js', 'WorkenTrigger'),
			},
			credential: loadBuilt<ICredentialType>('credentials/WorkenApi.credentials.js', 'WorkenApi'),
		};
	}
	return cachedTypes;
}

export class PackNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
