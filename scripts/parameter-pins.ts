/**
 * Pins of the parameters saved workflows depend on. A saved workflow stores each node's type, typeVersion
 * and the values of its parameters by name, and leaves out every value equal to the default. So a renamed
 * parameter or option value loses the user's setting, and a changed default silently changes what every
 * workflow that kept the default does. This module lists, from the built node and credential descriptions,
 * everything such a workflow relies on, and compares that list with the committed one
 * (`test/foundation/parameters.pinned.json`): anything gone or changed is reported, anything new is fine.
 */
import * as fs from 'fs';
import * as path from 'path';
import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IVersionedNodeType,
} from 'n8n-workflow';
import { REPO_ROOT } from './n8n/paths';

export const PINS_FILE = path.join(REPO_ROOT, 'test', 'foundation', 'parameters.pinned.json');
export const BREAKS = 'saved workflows break: add a new node version instead';

/** What a saved workflow relies on for one parameter. `values`: option values, fixedCollection groups, locator modes. */
export interface PinnedParameter {
	type: string;
	default: unknown;
	values?: string[];
}

export interface ParameterPins {
	/** Node type name → the versions a saved workflow may carry as typeVersion. */
	nodes: Record<string, number[]>;
	credentials: string[];
	/** Stable path (see `keyOf`) → what is pinned. */
	parameters: Record<string, PinnedParameter>;
}

/** One node type as n8n sees it: a plain node or a VersionedNodeType, reduced to its descriptions. */
export interface NodeDescriptions {
	name: string;
	byVersion: Array<{ version: number; description: INodeTypeDescription }>;
}

export function describeNode(node: INodeType | IVersionedNodeType): NodeDescriptions {
	if ('nodeVersions' in node) {
		const byVersion = Object.entries(node.nodeVersions).map(([version, type]) => ({
			version: Number(version),
			description: { ...node.description, ...type.description } as INodeTypeDescription,
		}));
		return { name: node.description.name, byVersion };
	}
	const versions = Array.isArray(node.description.version) ? node.description.version : [node.description.version];
	return { name: node.description.name, byVersion: versions.map((version) => ({ version, description: node.description })) };
}

/** Loads every node and credential package.json registers, from dist/ (run `npm run build` first). */
export function loadBuiltPack(root = REPO_ROOT): { nodes: NodeDescriptions[]; credentials: ICredentialType[] } {
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	const load = <T>(file: string, suffix: string): T => {
		const full = path.join(root, file);
		if (!fs.existsSync(full)) throw new Error(`${file} is missing: run npm run build first`);
		const exportName = path.basename(file, suffix);
		const Type = (require(full) as Record<string, new () => T>)[exportName];
		if (!Type) throw new Error(`${file} does not export ${exportName}`);
		return new Type();
	};
	return {
		nodes: pkg.n8n.nodes.map((file) => describeNode(load<INodeType | IVersionedNodeType>(file, '.node.js'))),
		credentials: pkg.n8n.credentials.map((file) => load<ICredentialType>(file, '.credentials.js')),
	};
}

/** The pins of a loaded pack. Notices are left out: they hold no value a workflow could save. */
export function collectPins(pack: { nodes: NodeDescriptions[]; credentials: ICredentialType[] }): ParameterPins {
	const pins: ParameterPins = { nodes: {}, credentials: [], parameters: {} };
	for (const node of pack.nodes) {
		pins.nodes[node.name] = node.byVersion.map(({ version }) => version).sort((a, b) => a - b);
		for (const { version, description } of node.byVersion) {
			for (const property of description.properties) {
				if (!shownInVersion(property, version)) continue;
				for (const scope of scopesOf(property)) {
					addProperty(pins, `${node.name} v${version} · ${scope} · `, property);
				}
			}
		}
	}
	for (const credential of pack.credentials) {
		pins.credentials.push(credential.name);
		for (const property of credential.properties) addProperty(pins, `credential ${credential.name} · `, property);
	}
	pins.credentials.sort();
	pins.parameters = sortedObject(pins.parameters);
	return pins;
}

function addProperty(pins: ParameterPins, prefix: string, property: INodeProperties): void {
	if (property.type === 'notice') return;
	const key = prefix + property.name;
	const entry: PinnedParameter = { type: property.type, default: property.default };
	const values = valuesOf(property);
	if (values) entry.values = values;
	const existing = pins.parameters[key];
	// Two definitions of one name in one scope (shown under different further conditions): a saved value
	// must stay valid for both, so the pin keeps the union of their values; type and default must agree.
	if (existing) {
		if (existing.type !== entry.type || canonical(existing.default) !== canonical(entry.default)) {
			throw new Error(`${key} is defined twice with a different type or default; give one of them another name`);
		}
		if (existing.values || entry.values) existing.values = union(existing.values ?? [], entry.values ?? []);
	} else {
		pins.parameters[key] = entry;
	}
	for (const child of childrenOf(property)) addProperty(pins, `${key} > `, child);
}

function valuesOf(property: INodeProperties): string[] | undefined {
	if (property.type === 'resourceLocator') return (property.modes ?? []).map((mode) => mode.name).sort();
	if (property.type === 'options' || property.type === 'multiOptions' || property.type === 'fixedCollection') {
		// Options loaded from Worken at edit time (loadOptionsMethod) have no fixed list to pin.
		if (!property.options) return undefined;
		return (property.options as Array<INodePropertyOptions | INodePropertyCollection>).map((option) =>
			'value' in option ? String(option.value) : option.name,
		).sort();
	}
	return undefined;
}

/** Collection fields and fixedCollection groups' fields, with the group name in the path. */
function childrenOf(property: INodeProperties): INodeProperties[] {
	if (property.type === 'collection') return (property.options ?? []) as INodeProperties[];
	if (property.type === 'fixedCollection') {
		return ((property.options ?? []) as INodePropertyCollection[]).flatMap((group) =>
			group.values.map((field) => ({ ...field, name: `${group.name} > ${field.name}` })),
		);
	}
	return [];
}

/** "bot/get" for each resource × operation the property is shown for; "*" where it is not narrowed. */
function scopesOf(property: INodeProperties): string[] {
	const show = property.displayOptions?.show ?? {};
	const resources = (show.resource as string[] | undefined) ?? ['*'];
	const operations = (show.operation as string[] | undefined) ?? ['*'];
	return resources.flatMap((resource) => operations.map((operation) => `${resource}/${operation}`));
}

type VersionCondition = number | { _cnd: Record<string, number> };

/** displayOptions.show['@version']: plain numbers or n8n's {_cnd: {gte: 2}} conditions. */
function shownInVersion(property: INodeProperties, version: number): boolean {
	const wanted = property.displayOptions?.show?.['@version'] as VersionCondition[] | undefined;
	if (!wanted) return true;
	return wanted.some((condition) => {
		if (typeof condition === 'number') return condition === version;
		const [[op, bound]] = Object.entries(condition._cnd);
		const checks: Record<string, boolean> = {
			eq: version === bound,
			not: version !== bound,
			gte: version >= bound,
			gt: version > bound,
			lte: version <= bound,
			lt: version < bound,
		};
		if (!(op in checks)) throw new Error(`${property.name}: unsupported @version condition ${op}`);
		return checks[op];
	});
}

/**
 * What a change from `pinned` to `current` breaks, one line each; empty when it only adds (parameters,
 * option values, node versions, credentials).
 */
export function breakingChanges(pinned: ParameterPins, current: ParameterPins): string[] {
	const problems: string[] = [];
	for (const [node, versions] of Object.entries(pinned.nodes)) {
		if (!current.nodes[node]) problems.push(`node ${node} is gone (renamed or removed)`);
		else for (const version of versions) {
			if (!current.nodes[node].includes(version)) problems.push(`node ${node} version ${version} is gone`);
		}
	}
	for (const credential of pinned.credentials) {
		if (!current.credentials.includes(credential)) problems.push(`credential ${credential} is gone (renamed or removed)`);
	}
	for (const [key, was] of Object.entries(pinned.parameters)) {
		const now = current.parameters[key];
		if (!now) {
			problems.push(`${key}: gone (renamed, removed, or no longer shown for this resource/operation)`);
			continue;
		}
		if (now.type !== was.type) problems.push(`${key}: type changed from ${was.type} to ${now.type}`);
		if (canonical(now.default) !== canonical(was.default)) {
			problems.push(`${key}: default changed from ${canonical(was.default)} to ${canonical(now.default)}`);
		}
		const lost = (was.values ?? []).filter((value) => !(now.values ?? []).includes(value));
		if (lost.length) problems.push(`${key}: option value${lost.length > 1 ? 's' : ''} ${lost.map((v) => `"${v}"`).join(', ')} gone`);
	}
	return problems;
}

export function readPins(file = PINS_FILE): ParameterPins {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as ParameterPins;
}

export function writePins(pins: ParameterPins, file = PINS_FILE): void {
	fs.writeFileSync(file, `${JSON.stringify(pins, null, 2)}\n`, 'utf8');
}

/** JSON with sorted object keys, so defaults compare by content, not by key order. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner && typeof inner === 'object' && !Array.isArray(inner) ? sortedObject(inner as Record<string, unknown>) : inner,
	) ?? 'undefined';
}

function sortedObject<T>(object: Record<string, T>): Record<string, T> {
	return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function union(a: string[], b: string[]): string[] {
	return [...new Set([...a, ...b])].sort();
}
