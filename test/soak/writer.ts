/**
 * A customer and an operator working a Worken project while a trigger watches it: create threads, add
 * messages, switch modes and rename threads, through the public API (and the sandbox's integration door
 * for customer messages), at random, until stopped. Used by the trigger soak and the chaos run.
 */
import type { Sandbox } from '../../sandbox';

export interface WriterCounts {
	created: number;
	messages: number;
	modes: number;
	renames: number;
	/** Requests the writer itself saw fail (its own requests are not faulted; expected 0). */
	failed: number;
}

export interface Writer {
	counts: WriterCounts;
	stop(): Promise<WriterCounts>;
}

export interface WriterOptions {
	chatIds: string[];
	threadIds: string[];
	/** Stop creating threads at this many (keeps the feed's backlog bounded). */
	maxThreads: number;
	/** Pause between two changes: a random number of ms below this. */
	pauseMs: number;
	seed?: number;
}

async function post(sb: Sandbox, key: string, path: string, body: object): Promise<Record<string, unknown>> {
	const response = await fetch(`${sb.url}${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const json = (await response.json()) as Record<string, unknown>;
	if (!response.ok) throw new Error(`POST ${path} → ${response.status} ${JSON.stringify(json)}`);
	return json;
}

export function startWriter(sb: Sandbox, key: string, options: WriterOptions): Writer {
	const counts: WriterCounts = { created: 0, messages: 0, modes: 0, renames: 0, failed: 0 };
	const threads = [...options.threadIds];
	let random = options.seed ?? 7;
	const next = (): number => {
		random = (random * 1103515245 + 12345) % 2147483648;
		return random / 2147483648;
	};
	const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
	let running = true;

	async function change(): Promise<void> {
		const roll = next();
		if (roll < 0.2 && threads.length < options.maxThreads) {
			const thread = await post(sb, key, `/chats/${pick(options.chatIds)}/threads`, { title: `Soak thread ${threads.length}` });
			threads.push(String(thread.id));
			counts.created++;
		} else if (roll < 0.45) {
			sb.control.addMessage(pick(threads), { role: 'user', content: `Customer message ${counts.messages}` });
			counts.messages++;
		} else if (roll < 0.6) {
			await post(sb, key, `/threads/${pick(threads)}/messages`, { text: `Operator message ${counts.messages}` });
			counts.messages++;
		} else if (roll < 0.8) {
			await post(sb, key, `/threads/${pick(threads)}/mode`, { mode: next() < 0.5 ? 'manual' : 'auto' });
			counts.modes++;
		} else {
			await post(sb, key, `/threads/${pick(threads)}`, { title: `Renamed ${counts.renames}` });
			counts.renames++;
		}
	}

	const loop = (async () => {
		while (running) {
			try {
				await change();
			} catch {
				counts.failed++;
			}
			await new Promise((resolve) => setTimeout(resolve, Math.floor(next() * options.pauseMs)));
		}
	})();

	return {
		counts,
		async stop() {
			running = false;
			await loop;
			return counts;
		},
	};
}
