/**
 * n8n reports an expression that fails (e.g. it refers to a node that does not exist) with the parameter
 * it was in (`context.parameter`, the top-level name or a dotted path) but a message that does not say
 * which field that is. The user gets the field's name as the editor shows it and what to do; inside a
 * collection, the options holding an expression are named too ("Update Fields → Title").
 */
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

interface FailedExpression {
	message?: unknown;
	description?: unknown;
	context?: { parameter?: unknown };
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsExpression);
	return false;
}

function optionLabel(property: INodeProperties, name: string): string {
	const option = (property.options ?? []).find((candidate) => 'name' in candidate && candidate.name === name);
	return option && 'displayName' in option ? String(option.displayName) : name;
}

function fieldLabel(path: string, properties: INodeProperties[], parameters: INodeParameters): string {
	const [top, sub] = path.split('.');
	const property = properties.find((candidate) => candidate.name === top);
	if (!property) return path;
	if (sub !== undefined) return `${property.displayName} → ${optionLabel(property, sub)}`;
	const raw = parameters[top];
	if (property.type !== 'collection' || typeof raw !== 'object' || raw === null) return property.displayName;
	const withExpressions = Object.entries(raw).filter(([, value]) => holdsExpression(value)).map(([name]) => name);
	return withExpressions.length === 0
		? property.displayName
		: `${property.displayName} → ${withExpressions.map((name) => optionLabel(property, name)).join(' / ')}`;
}

export function nameFailedExpressionField(error: unknown, properties: INodeProperties[], parameters: INodeParameters): void {
	if (typeof error !== 'object' || error === null) return;
	const failed = error as FailedExpression;
	const parameter = failed.context?.parameter;
	if (typeof parameter !== 'string' || (typeof failed.description === 'string' && failed.description !== '')) return;
	const label = fieldLabel(parameter, properties, parameters);
	failed.description = `The expression in ${label} failed: ${String(failed.message)}. Fix the expression in ${label} (check the nodes and fields it refers to), or enter a fixed value.`;
}
