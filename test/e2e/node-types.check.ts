/**
 * n8n lists the pack's node types once it loaded the community package: the action node, the trigger, and
 * the AI-tool variant n8n derives from `usableAsTool` (`<type>Tool`). Read from `/types/nodes.json`, the
 * file the editor itself loads.
 */
import type { E2EContext } from './context';
import { expect } from './harness';

export const EXPECTED_NODE_TYPES = [
	'n8n-nodes-worken.worken',
	'n8n-nodes-worken.workenTrigger',
	'n8n-nodes-worken.workenTool',
];

interface NodeTypeDescription {
	name: string;
	displayName: string;
	version: number | number[];
	credentials?: Array<{ name: string }>;
	polling?: boolean;
}

export async function checkNodeTypes(ctx: E2EContext, note: (t: string) => void): Promise<string> {
	const types = await ctx.session.client.getWithCookie<NodeTypeDescription[]>('/types/nodes.json');
	const ours = types.filter((t) => t.name.startsWith('n8n-nodes-worken.'));
	note(`n8n lists ${types.length} node types; the pack's: ${ours.map((t) => t.name).join(', ') || 'none'}`);
	for (const name of EXPECTED_NODE_TYPES) {
		expect(ours.some((t) => t.name === name), `node type ${name} is not listed by n8n`);
	}
	const trigger = ours.find((t) => t.name === 'n8n-nodes-worken.workenTrigger');
	expect(trigger?.polling === true, 'the Worken Trigger is not a polling trigger in n8n');
	const action = ours.find((t) => t.name === 'n8n-nodes-worken.worken');
	expect(action?.credentials?.some((c) => c.name === 'workenApi'), 'the Worken node does not use the workenApi credential');
	return `${EXPECTED_NODE_TYPES.join(', ')} listed`;
}
