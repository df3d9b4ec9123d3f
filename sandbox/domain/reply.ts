/**
 * The sandbox's "model": a deterministic reply derived from the user's text, so tests can assert the exact
 * streamed text. Tokens are counted as whitespace-separated words — crude, but stable and explainable.
 */

export function replyTo(content: string): string {
	return `Thanks for your message: "${content}". A Worken bot is here to help.`;
}

/** Splits text into chunks of `wordsPerChunk` words; joining the chunks gives back the text exactly. */
export function chunkText(text: string, wordsPerChunk = 3): string[] {
	const words = text.match(/\s*\S+\s*/g) ?? [text];
	const chunks: string[] = [];
	for (let i = 0; i < words.length; i += wordsPerChunk) chunks.push(words.slice(i, i + wordsPerChunk).join(''));
	return chunks;
}

export function countTokens(text: string): number {
	return Math.max(1, (text.match(/\S+/g) ?? []).length);
}
