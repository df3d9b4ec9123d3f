import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getLocatorId, locatorField } from '../../../shared/locators';
import type { WorkenContext } from '../../../transport/context';
import type { AssembledReply } from '../../../transport/sse';
import { readReplyStream, ReplyStreamError } from '../../../transport/sse';
import { workenStreamRequest } from '../../../transport/transport';
import { checkNonEmpty } from '../../../shared/validation';
import { liveChunksFor } from './liveChunks';
import { getThreadChat } from './threadChat';

export const properties: INodeProperties[] = [
	locatorField('threadId', {
		description: 'The thread to write in. It must be in Auto mode: in Manual mode a human operator answers, not the bot.',
	}),
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The customer\'s message the bot should answer',
	},
	{
		displayName:
			'Outputs one item: <code>reply</code> (the full text), <code>message</code> (the stored assistant message), <code>usage</code> (input and output tokens), <code>threadId</code> and <code>chatId</code>. When the workflow streams its response, the reply is also forwarded as it is written.',
		name: 'outputNotice',
		type: 'notice',
		default: '',
	},
];

function tokenCount(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The error for a reply that broke off after the stream began. Worken stores the user's message before it
 * starts answering and the assistant's only when the reply completes, so the user must know that a retry
 * stores their message a second time.
 */
function brokenReplyError(
	ctx: IExecuteFunctions,
	error: unknown,
	receivedChars: number,
	threadId: string,
	itemIndex: number,
): NodeOperationError {
	const reason = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(ctx.getNode(), `The bot's reply from Worken broke off: ${reason}`, {
		itemIndex,
		description:
			`The reply stream stopped after ${receivedChars} character${receivedChars === 1 ? '' : 's'} of the reply had arrived. ` +
			`Your message was stored in thread "${threadId}", but no reply was stored. ` +
			'Running the node again asks for a reply again and stores your message a second time.',
	});
}

/**
 * Output: `{reply, message, usage: {input_tokens, output_tokens}, threadId, chatId}` where `reply` is the
 * full text as streamed and `message` the assistant message Worken stored.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, worken: WorkenContext): Promise<IDataObject> {
	const threadId = getLocatorId(this, 'threadId', itemIndex);
	const raw = this.getNodeParameter('content', itemIndex, '') as unknown;
	checkNonEmpty(this, itemIndex, 'Content', raw);
	const content = String(raw);

	// The thread's mode is not checked here: Worken refuses a manual-mode thread with a 409 before storing
	// anything (the error says what to do), and the server's rule is the one that counts.
	const { chatId } = await getThreadChat(worken, threadId, itemIndex);
	const stream = await workenStreamRequest(worken, 'streamReply', {
		pathParams: { chatId, threadId },
		body: { messages: [{ role: 'user', content }] },
		itemIndex,
	});

	const live = liveChunksFor(this, itemIndex);
	live?.begin();
	let receivedChars = 0;
	let reply: AssembledReply;
	try {
		reply = await readReplyStream(stream, (delta) => {
			receivedChars += delta.length;
			live?.item(delta);
		});
	} catch (error) {
		// A connection that drops mid-stream throws something else than ReplyStreamError: count ourselves.
		const partialChars = error instanceof ReplyStreamError ? error.partialText.length : receivedChars;
		const failure = brokenReplyError(this, error, partialChars, threadId, itemIndex);
		live?.end();
		await live?.flush();
		throw failure;
	}
	live?.end();
	await live?.flush();

	return {
		reply: reply.text,
		message: reply.message,
		usage: {
			input_tokens: tokenCount(reply.usage.input_tokens),
			output_tokens: tokenCount(reply.usage.output_tokens),
		},
		threadId,
		chatId,
	};
}
