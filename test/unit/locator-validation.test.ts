/**
 * n8n checks a workflow's parameters at the start of every execution (checkReadyForExecution) and runs
 * each regex a resource locator's mode declares through its safeRegex: in a vm limited to 250 ms of
 * wall-clock time. On a busy queue-mode worker that limit was hit, and n8n failed the execution before it
 * started ("Regular expression execution timed out", seen in this project's queue-mode CI). So the pack's
 * locators declare no regex: n8n's own parameter check of nodes with fixed IDs runs none, and the node
 * itself refuses a malformed ID before any request (test/actions/*: '… is not a valid ID'). (n8n checks
 * only locators at the top level; those inside a collection, such as the trigger's filters, it skips.)
 */
import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, resetSafeRegexEngine, setSafeRegexEngine } from 'n8n-workflow';

import { Worken } from '../../nodes/Worken/Worken.node';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function node(description: INodeTypeDescription, parameters: INodeParameters): INode {
	return {
		id: '1',
		name: description.displayName,
		type: description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
}

const cases: Array<[string, INodeTypeDescription, INodeParameters]> = [
	['Worken: Thread → Get', new Worken().description, { resource: 'thread', operation: 'get', threadId: byId('thr_1') }],
	['Worken: Chat → Get', new Worken().description, { resource: 'chat', operation: 'get', chatId: byId('chat_1') }],
	['Worken: Bot → Get', new Worken().description, { resource: 'bot', operation: 'get', botId: byId('bot_1') }],
	[
		'Worken: Message → Send as Operator',
		new Worken().description,
		{ resource: 'message', operation: 'sendOperator', threadId: byId('thr_1'), text: 'Hello' },
	],
	[
		'Worken: Thread → Get Many in One Chat',
		new Worken().description,
		{ resource: 'thread', operation: 'getAll', scope: 'chat', chatId: byId('chat_1') },
	],
];

describe("n8n's parameter check at the start of an execution", () => {
	const regexCalls: string[] = [];

	beforeAll(() => {
		const record = (pattern: string): RegExp => {
			regexCalls.push(pattern);
			return new RegExp(pattern);
		};
		setSafeRegexEngine({
			exec: (pattern, input, flags) => new RegExp(record(pattern).source, flags).exec(input),
			test: (pattern, input, flags) => new RegExp(record(pattern).source, flags).test(input),
			replace: (pattern, input, flags, replacement) => input.replace(new RegExp(record(pattern).source, flags), replacement),
			matchAll: (pattern, input, flags) => Array.from(input.matchAll(new RegExp(record(pattern).source, `${flags ?? ''}g`))),
			split: (pattern, input, flags) => input.split(new RegExp(record(pattern).source, flags)),
		});
	});

	afterAll(() => resetSafeRegexEngine());

	beforeEach(() => {
		regexCalls.length = 0;
	});

	it.each(cases)('%s with fixed IDs: no issue, and no regex run', (_name, description, parameters) => {
		const checked = node(description, parameters);
		const full = NodeHelpers.getNodeParameters(description.properties, checked.parameters, true, false, checked, description);
		const issues = NodeHelpers.getNodeParametersIssues(description.properties, { ...checked, parameters: full ?? {} }, description);
		expect(issues).toBeNull();
		expect(regexCalls).toEqual([]);
	});
});
