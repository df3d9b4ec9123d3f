import { chunkText, countTokens, replyTo } from '../domain/reply';
import { addMessage, findChatThread } from '../domain/threads';
import { recordUsage, utcDate } from '../domain/usage';
import { badRequest, conflict } from '../errors';
import { closeEventStream, openEventStream, sendEvent } from '../sse';
import { bodyObject, isObject } from '../validate';
import { ApiContext, STREAMED } from './context';

/** Error text of an injected mid-stream failure. */
const PROVIDER_FAILURE = 'Model provider failed';

/** `{messages: [{role: 'user', content}, …]}`: every item a user message with non-empty text. */
function userMessages(body: unknown): string[] {
	const messages = bodyObject(body).messages;
	if (!Array.isArray(messages) || messages.length === 0) throw badRequest('messages must be a non-empty array');
	return messages.map((m: unknown, i) => {
		if (!isObject(m)) throw badRequest(`messages[${i}] must be an object`);
		if (m.role !== 'user') throw badRequest(`messages[${i}].role must be user`);
		if (typeof m.content !== 'string' || m.content.trim() === '') {
			throw badRequest(`messages[${i}].content must be a non-empty string`);
		}
		return m.content;
	});
}

/**
 * POST /chats/:chat_id/threads/:thread_id/stream. Everything that can fail as plain JSON (404, 400, 409)
 * is checked before anything is stored. Then the user message(s) are stored, the reply streams as
 * text-delta events, and only a completed stream stores the assistant message and records usage.
 */
export async function streamReply(ctx: ApiContext): Promise<symbol> {
	const { store, project, params, out } = ctx;
	const { thread } = findChatThread(project, params.chat_id, params.thread_id);
	const contents = userMessages(ctx.body);
	if (thread.mode === 'manual') throw conflict('Thread is in manual mode');

	for (const content of contents) addMessage(store, project, thread, 'user', content);
	const reply = replyTo(contents[contents.length - 1]);
	const chunks = chunkText(reply);
	const failAfter = ctx.streamFault?.afterStreamChunks;

	openEventStream(out);
	let first = true;
	const next = async (event: unknown): Promise<boolean> => {
		if (!first) await ctx.sleep(ctx.streamChunkDelayMs);
		first = false;
		return sendEvent(out, event);
	};

	for (let i = 0; i < chunks.length; i++) {
		if (failAfter !== undefined && i >= failAfter) break;
		// The client went away: stop, and store no assistant message (the reply was never delivered).
		if (!(await next({ type: 'text-delta', textDelta: chunks[i] }))) return STREAMED;
	}
	if (failAfter !== undefined && failAfter < chunks.length) {
		await next({ type: 'error', error: PROVIDER_FAILURE });
		closeEventStream(out);
		return STREAMED;
	}

	if (!first) await ctx.sleep(ctx.streamChunkDelayMs);
	if (out.closed) return STREAMED;
	const message = addMessage(store, project, thread, 'assistant', reply);
	const usage = { input_tokens: countTokens(contents.join(' ')), output_tokens: countTokens(reply) };
	recordUsage(project, thread.bot_id, utcDate(message.created_at), { requests: 1, ...usage });
	sendEvent(out, { type: 'finish', message, usage });
	closeEventStream(out);
	return STREAMED;
}
