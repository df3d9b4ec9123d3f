/**
 * Every example workflow explains itself on the canvas: a sticky note with a heading, what the workflow
 * does, and what to set before running it (the credential at least). The e2e suite imports and runs the
 * same files in both n8n majors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface WorkflowNode {
	type: string;
	name: string;
	parameters: { content?: string };
	credentials?: Record<string, unknown>;
}

const examples = path.resolve(__dirname, '../../examples');
const files = fs.readdirSync(examples).filter((file) => file.endsWith('.json')).sort();
const load = (file: string) => JSON.parse(fs.readFileSync(path.join(examples, file), 'utf8')) as { nodes: WorkflowNode[] };

it('there are examples to check', () => {
	expect(files.length).toBeGreaterThanOrEqual(10);
});

describe.each(files)('examples/%s', (file) => {
	const nodes = load(file).nodes;
	const notes = nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').map((node) => node.parameters.content ?? '');

	it('has one sticky note', () => {
		expect(notes).toHaveLength(1);
	});

	it('says what it does: a heading, then at least a sentence', () => {
		const [heading, ...rest] = notes[0].split('\n');
		expect(heading).toMatch(/^## \S/);
		expect(rest.join(' ').trim().length).toBeGreaterThan(60);
	});

	it('says what to set before running it, the Worken credential first', () => {
		const setUp = /\*\*Set up:\*\*(.*)/s.exec(notes[0])?.[1] ?? '';
		expect(setUp).toMatch(/Worken credential/);
	});

	it('carries only Worken credentials, and the note names the other credentials to create', () => {
		const others = nodes
			.flatMap((node) => Object.keys(node.credentials ?? {}))
			.filter((type) => type !== 'workenApi');
		const needsOpenAi = nodes.some((node) => node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi');
		const needsBearer = nodes.some((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger');
		expect(others).toEqual([]);
		if (needsOpenAi) expect(notes[0]).toMatch(/OpenAI\*\* credential/);
		if (needsBearer) expect(notes[0]).toMatch(/Bearer Auth/);
	});
});
