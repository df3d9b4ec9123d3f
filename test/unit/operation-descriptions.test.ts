/**
 * What a model and a user read about each operation. The editor shows the option's description, n8n names
 * the AI tool after its action ("<action> in Worken"), so both must exist for every operation, and the
 * description must say in one sentence what the operation does and what it returns.
 */
import type { INodePropertyOptions } from 'n8n-workflow';
import { resources } from '../../nodes/Worken/actions/resources';

const rows = Object.entries(resources).flatMap(([resource, module]) => {
	const operation = module.description.find((p) => p.name === 'operation');
	const options = (operation?.options ?? []) as INodePropertyOptions[];
	return options.map((o) => [`${resource} ${String(o.value)}`, o] as const);
});

describe('operation descriptions', () => {
	it('cover every operation of every resource', () => {
		const listed = rows.map(([key]) => key).sort();
		const implemented = Object.entries(resources)
			.flatMap(([resource, module]) => Object.keys(module.operations).map((op) => `${resource} ${op}`))
			.sort();
		expect(listed).toEqual(implemented);
	});

	it.each(rows)('%s says what it does and what it returns, in one sentence', (_key, option) => {
		expect(option.action).toMatch(/^[A-Z][a-z]/);
		const description = option.description ?? '';
		expect(description).toMatch(/^[A-Z].*; returns .+/);
		expect(description).not.toMatch(/\.\s|\.$/);
	});
});
