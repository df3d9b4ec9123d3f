/**
 * Saved workflows keep working: every parameter, option value, default and node version that was released
 * is still in the built pack (test/foundation/parameters.pinned.json, `npm run pin:parameters` adds new ones).
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import {
	BREAKS,
	NodeDescriptions,
	breakingChanges,
	collectPins,
	loadBuiltPack,
	readPins,
} from '../../scripts/parameter-pins';

const pack = loadBuiltPack();
const pinned = readPins();

describe('pinned parameters', () => {
	it('are all still in the built nodes and credential, unchanged', () => {
		const problems = breakingChanges(pinned, collectPins(pack));
		if (problems.length) {
			throw new Error(`${problems.length} pinned parameter(s) changed; ${BREAKS}:\n  - ${problems.join('\n  - ')}`);
		}
	});

	it('cover both nodes, the credential and the parameters users set most', () => {
		expect(pinned.nodes).toEqual({ worken: [1], workenTrigger: [1] });
		expect(pinned.credentials).toEqual(['workenApi']);
		expect(pinned.parameters['worken v1 · */* · resource'].values).toEqual(
			expect.arrayContaining(['bot', 'chat', 'thread', 'message', 'integration', 'billing']),
		);
		expect(pinned.parameters['worken v1 · bot/getAll · limit']).toEqual({ type: 'number', default: 50 });
		expect(pinned.parameters['worken v1 · bot/clone · botId'].values).toEqual(['id', 'list']);
		expect(pinned.parameters['workenTrigger v1 · */* · options > maxItems']).toMatchObject({ default: 100 });
		expect(pinned.parameters['credential workenApi · baseUrl']).toEqual({ type: 'string', default: 'https://api.worken.ru' });
	});
});

/** A deep copy of the built Worken node whose properties `edit` may change. */
function editedWorken(edit: (properties: INodeProperties[]) => void): NodeDescriptions[] {
	return pack.nodes.map((node) => {
		if (node.name !== 'worken') return node;
		const byVersion = node.byVersion.map(({ version, description }) => {
			const copy = structuredClone({ ...description, properties: description.properties });
			edit(copy.properties);
			return { version, description: copy };
		});
		return { ...node, byVersion };
	});
}

function changesAfter(edit: (properties: INodeProperties[]) => void): string[] {
	return breakingChanges(pinned, collectPins({ nodes: editedWorken(edit), credentials: pack.credentials }));
}

const byName = (properties: INodeProperties[], name: string, operation?: string) => {
	const found = properties.find(
		(p) => p.name === name && (!operation || (p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation)),
	);
	if (!found) throw new Error(`no property ${name}`);
	return found;
};

describe('the pin check', () => {
	it('reports a renamed parameter', () => {
		const problems = changesAfter((properties) => {
			byName(properties, 'resource').name = 'resourceType';
		});
		expect(problems).toContain('worken v1 · */* · resource: gone (renamed, removed, or no longer shown for this resource/operation)');
	});

	it('reports a renamed field inside a collection', () => {
		const problems = changesAfter((properties) => {
			const retry = byName(properties, 'retryOptions');
			(retry.options as INodeProperties[])[0].name = 'retries';
		});
		expect(problems.some((p) => p.startsWith('worken v1 · */* · retryOptions > maxRetries: gone'))).toBe(true);
	});

	it('reports a changed default', () => {
		const problems = changesAfter((properties) => {
			byName(properties, 'resource').default = 'chat';
		});
		expect(problems).toEqual(['worken v1 · */* · resource: default changed from "bot" to "chat"']);
	});

	it('reports a renamed option value', () => {
		const problems = changesAfter((properties) => {
			const options = byName(properties, 'resource').options as INodePropertyOptions[];
			options.find((o) => o.value === 'billing')!.value = 'payments';
		});
		expect(problems).toEqual(['worken v1 · */* · resource: option value "billing" gone']);
	});

	it('reports a parameter no longer shown for an operation it had', () => {
		const problems = changesAfter((properties) => {
			const limit = byName(properties, 'limit', 'getAll');
			limit.displayOptions = { show: { ...limit.displayOptions!.show, resource: ['nothing'] } };
		});
		expect(problems.some((p) => p.includes(' · limit: gone'))).toBe(true);
	});

	it('reports a dropped node version', () => {
		const problems = breakingChanges(pinned, collectPins({
			nodes: pack.nodes.map((node) => ({ ...node, byVersion: node.byVersion.map((v) => ({ ...v, version: v.version + 1 })) })),
			credentials: pack.credentials,
		}));
		expect(problems).toEqual(expect.arrayContaining(['node worken version 1 is gone', 'node workenTrigger version 1 is gone']));
	});

	it('accepts additions: a new option, a new option value, new texts, a new node version', () => {
		const problems = changesAfter((properties) => {
			const resource = byName(properties, 'resource');
			(resource.options as INodePropertyOptions[]).push({ name: 'Report', value: 'report' });
			resource.description = 'A new help text';
			byName(properties, 'retryOptions').options!.push({ displayName: 'Jitter', name: 'jitter', type: 'boolean', default: false });
			properties.push({
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				options: [{ displayName: 'Parallel Requests', name: 'parallelRequests', type: 'number', default: 1 }],
			});
			properties.push({ displayName: 'Note', name: 'note', type: 'notice', default: '' });
		});
		expect(problems).toEqual([]);
		const twoVersions = pack.nodes.map((node) => ({ ...node, byVersion: [...node.byVersion, { ...node.byVersion[0], version: 2 }] }));
		expect(breakingChanges(pinned, collectPins({ nodes: twoVersions, credentials: pack.credentials }))).toEqual([]);
	});
});
