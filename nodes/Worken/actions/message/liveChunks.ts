import type { ChunkType, IExecuteFunctions } from 'n8n-workflow';

/** Forwards a reply to the workflow's streamed response (e.g. a Chat Trigger) while it is being written. */
export interface LiveChunks {
	begin(): void;
	item(delta: string): void;
	/**
	 * Also sent when the reply broke off, to close the message the chat opened. The error itself is not
	 * sent from here: n8n sends an `error` chunk with the node's error description whenever a node fails.
	 */
	end(): void;
	/** Waits until every chunk has been handed over, so `end` goes out before the node's output does. */
	flush(): Promise<void>;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

/**
 * Live forwarding for one item, or undefined when the reply should only be returned as output:
 * - n8n versions before streaming support have neither `isStreaming` nor `sendChunk` (hence the
 *   `typeof` checks, which the type declarations would otherwise make look redundant);
 * - the workflow may not stream its response at all;
 * - as an AI agent's tool the reply is the tool's answer to the agent, not text for the user's chat.
 */
export function liveChunksFor(ctx: IExecuteFunctions, itemIndex: number): LiveChunks | undefined {
	const candidate = ctx as Partial<IExecuteFunctions>;
	if (typeof candidate.isStreaming !== 'function' || typeof candidate.sendChunk !== 'function') return undefined;
	if (!ctx.isStreaming()) return undefined;
	if (typeof candidate.isToolExecution === 'function' && ctx.isToolExecution()) return undefined;

	const pending: Array<PromiseLike<unknown>> = [];
	// A chat that went away must not fail the node: the reply is stored in Worken and returned as output.
	const warn = (error: unknown) =>
		ctx.logger.warn(`Worken: could not forward a reply chunk: ${(error as Error)?.message ?? String(error)}`);
	const send = (type: ChunkType, content?: string) => {
		try {
			// Typed as void, but n8n's implementation returns a promise.
			const result: unknown = ctx.sendChunk(type, itemIndex, content);
			if (isThenable(result)) pending.push(Promise.resolve(result).catch(warn));
		} catch (error) {
			warn(error);
		}
	};

	return {
		begin: () => send('begin'),
		item: (delta) => send('item', delta),
		end: () => send('end'),
		flush: async () => {
			await Promise.all(pending);
		},
	};
}
