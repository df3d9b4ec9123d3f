/**
 * Reading Markdown the way GitHub renders it, as far as the docs test needs: links and images, heading
 * anchors (GitHub's slug rules, any script), tables. Code blocks and inline code are not links.
 */

export interface Link {
	target: string;
	line: number;
	image: boolean;
}

/** The text with fenced code blocks blanked (lines kept, so line numbers stay right). */
export function withoutCodeBlocks(text: string): string {
	let inFence = false;
	return text
		.split('\n')
		.map((line) => {
			if (/^\s*(```|~~~)/.test(line)) {
				inFence = !inFence;
				return '';
			}
			return inFence ? '' : line;
		})
		.join('\n');
}

const withoutInlineCode = (line: string) => line.replace(/`[^`]*`/g, '``');

/** Every Markdown link and image, and every HTML `href`/`src`, outside code. */
export function linksOf(text: string): Link[] {
	const links: Link[] = [];
	withoutCodeBlocks(text)
		.split('\n')
		.forEach((raw, index) => {
			const line = withoutInlineCode(raw);
			for (const match of line.matchAll(/(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
				links.push({ target: match[2], line: index + 1, image: match[1] === '!' });
			}
			for (const match of line.matchAll(/<(a|img)\b[^>]*\b(href|src)="([^"]+)"/gi)) {
				links.push({ target: match[3], line: index + 1, image: match[1].toLowerCase() === 'img' });
			}
		});
	return links;
}

/** GitHub's anchor for a heading: formatting and punctuation dropped, lower case, spaces to hyphens. */
export function slug(heading: string): string {
	return heading
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
		.replace(/ /g, '-');
}

export interface Heading {
	level: number;
	text: string;
	anchor: string;
}

/** Headings with their anchors; a repeated anchor gets -1, -2… as on GitHub. */
export function headingsOf(text: string): Heading[] {
	const seen = new Map<string, number>();
	const headings: Heading[] = [];
	for (const line of withoutCodeBlocks(text).split('\n')) {
		const match = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
		if (!match) continue;
		const base = slug(match[2]);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		headings.push({ level: match[1].length, text: match[2], anchor: count === 0 ? base : `${base}-${count}` });
	}
	return headings;
}

/** Every anchor a link may point to: headings and explicit `<a id>` / `<a name>`. */
export function anchorsOf(text: string): Set<string> {
	const anchors = new Set(headingsOf(text).map((heading) => heading.anchor));
	for (const match of withoutCodeBlocks(text).matchAll(/<a\s+[^>]*\b(?:id|name)="([^"]+)"/gi)) anchors.add(match[1]);
	return anchors;
}

/** Every table of a Markdown text, each as its rows of cells (header and separator included). */
export function tablesOf(text: string): string[][][] {
	const tables: string[][][] = [];
	let current: string[][] | undefined;
	for (const line of withoutCodeBlocks(text).split('\n')) {
		if (!/^\s*\|.*\|\s*$/.test(line)) {
			current = undefined;
			continue;
		}
		if (!current) tables.push((current = []));
		current.push(
			line
				.trim()
				.slice(1, -1)
				.split(/(?<!\\)\|/)
				.map((cell) => cell.trim()),
		);
	}
	return tables;
}

/** The cells of every table row outside code (header and separator rows included), trimmed. */
export function tableRows(text: string): string[][] {
	return tablesOf(text).flat();
}
