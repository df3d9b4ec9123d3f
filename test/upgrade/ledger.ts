/**
 * The changes a check makes in a Worken project (as a customer would: through Worken's API or a message
 * arriving), each with the `eventId` the trigger must emit for it exactly once, and the comparison with
 * what the trigger really emitted over every execution of its workflow.
 *
 * Every item the trigger emits counts: an eventId that is expected twice is a repeat, one never made by
 * the check is a flood (threads that existed before the trigger started watching), one missing is a loss.
 */
import type { DemoProject } from '../../scripts/n8n/worken-sandbox';
import { workenApi } from '../../scripts/n8n/worken-sandbox';
import type { Sandbox } from '../../sandbox';
import type { N8nClient } from '../../scripts/n8n/api';
import type { Execution } from '../../scripts/n8n/workflows';
import { nodeItems } from '../../scripts/n8n/workflows';
import { sleep } from '../../scripts/n8n/process';
import { CheckFailure } from '../e2e/harness';

export const TRIGGER_NODE = 'Worken Trigger';

export interface Change {
	eventId: string;
	/** When and how it was made ("while n8n was down: message in a seeded thread"). */
	label: string;
}

export class ChangeLedger {
	readonly changes: Change[] = [];

	constructor(
		private readonly sandbox: Sandbox,
		private readonly project: DemoProject,
	) {}

	/** A thread created through Worken's API in the project's first chat: one New Thread. */
	async newThread(label: string): Promise<string> {
		const chatId = this.project.seeded.chatIds[0];
		const thread = await workenApi<{ id: string }>(this.sandbox.url, this.project.key, 'POST', `/chats/${chatId}/threads`, { title: label });
		this.changes.push({ eventId: `newThread:${thread.id}`, label: `${label}: new thread` });
		return thread.id;
	}

	/** A customer's message arriving in a thread: one New Message. */
	newMessage(threadId: string, label: string): void {
		const message = this.sandbox.control.addMessage(threadId, { role: 'user', content: label });
		this.changes.push({ eventId: `newMessage:${message.id}`, label: `${label}: new message` });
	}

	/** A thread that existed before the trigger started watching. */
	seededThread(index: number): string {
		return this.project.seeded.threadIds[index];
	}
}

/** Every finished execution of a workflow (pages of 100, oldest first), with its data. */
export async function finishedExecutions(client: N8nClient, workflowId: string): Promise<Execution[]> {
	const all: Execution[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 50; page++) {
		const qs = `workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const res = await client.api<{ data: Execution[]; nextCursor?: string | null }>('GET', `/executions?${qs}`);
		all.push(...res.data);
		if (!res.nextCursor) break;
		cursor = res.nextCursor;
	}
	return all.filter((e) => e.stoppedAt || e.finished).sort((a, b) => Number(a.id) - Number(b.id));
}

/** The eventIds the trigger emitted, in execution order (repeats kept). */
export async function emittedEventIds(client: N8nClient, workflowId: string): Promise<string[]> {
	const execs = await finishedExecutions(client, workflowId);
	return execs.flatMap((e) => nodeItems(e, TRIGGER_NODE).map((item) => String(item.eventId)));
}

export interface Comparison {
	missing: Change[];
	repeated: string[];
	unexpected: string[];
}

export function compare(changes: readonly Change[], emitted: readonly string[]): Comparison {
	const counts = new Map<string, number>();
	for (const id of emitted) counts.set(id, (counts.get(id) ?? 0) + 1);
	const expected = new Set(changes.map((c) => c.eventId));
	return {
		missing: changes.filter((c) => !counts.has(c.eventId)),
		repeated: [...counts].filter(([id, n]) => n > 1 && expected.has(id)).map(([id, n]) => `${id} ×${n}`),
		unexpected: [...counts.keys()].filter((id) => !expected.has(id)),
	};
}

export function describe(c: Comparison): string {
	const parts: string[] = [];
	if (c.missing.length) parts.push(`lost ${c.missing.length}: ${c.missing.map((m) => `${m.eventId} (${m.label})`).join('; ')}`);
	if (c.repeated.length) parts.push(`repeated: ${c.repeated.join(', ')}`);
	if (c.unexpected.length) parts.push(`not made by the check (flood) ${c.unexpected.length}: ${c.unexpected.slice(0, 8).join(', ')}${c.unexpected.length > 8 ? ', …' : ''}`);
	return parts.join(' | ') || 'each change exactly once';
}

/** Wait (bounded) until every change of the ledger was emitted; returns the comparison at that point. */
export async function waitForEmitted(client: N8nClient, workflowId: string, ledger: ChangeLedger, timeoutMs: number): Promise<Comparison> {
	const t0 = Date.now();
	let result = compare(ledger.changes, await emittedEventIds(client, workflowId));
	while (result.missing.length > 0 && Date.now() - t0 < timeoutMs) {
		await sleep(2000);
		result = compare(ledger.changes, await emittedEventIds(client, workflowId));
	}
	return result;
}

/** Fails unless every change came exactly once and nothing else came. */
export function expectExactlyOnce(c: Comparison, when: string): void {
	if (c.missing.length || c.repeated.length || c.unexpected.length) throw new CheckFailure(`${when}: ${describe(c)}`);
}
