/**
 * The English user guide (README.md) and the Russian one (docs/ru/README.md) stay in step: every section,
 * operation row, trigger event and example of the English guide has its counterpart in the Russian one.
 * Operations, events and file names stay English in both guides (n8n shows the node's UI in English), so
 * they are matched as they are; sections are matched through the explicit map below.
 */
import { headingsOf, tableRows, tablesOf } from './markdown';

/** English section (## or ###) → its Russian counterpart. A new English section needs a line here. */
export const SECTION_MAP: Record<string, string> = {
	Install: 'Установка',
	'Set up the credential': 'Настройка учётных данных',
	'The Worken node': 'Узел Worken',
	'The Worken Trigger': 'Узел Worken Trigger',
	'Drop repeats with eventId': 'Как отбросить повторы по eventId',
	"Upgrades, republishing and the trigger's place": 'Обновления, повторная публикация и место триггера',
	Examples: 'Примеры',
	'Worken as an AI tool and over MCP': 'Worken как инструмент ИИ-агента и через MCP',
	'Limits and troubleshooting': 'Ограничения и решение проблем',
	'Reliability in short': 'Надёжность в двух словах',
	'Supported n8n versions': 'Поддерживаемые версии n8n',
	'Try it with no account (`npm run demo`)': 'Попробовать без аккаунта (`npm run demo`)',
	'More documents': 'Другие документы',
	License: 'Лицензия',
};

const sections = (text: string) => headingsOf(text).filter((heading) => heading.level === 2 || heading.level === 3);

/** The rows of the table whose header's first cell is `header`, without header and separator. */
function tableOf(text: string, header: string): string[][] {
	const table = tablesOf(text).find((rows) => rows[0][0].toLowerCase() === header);
	return table ? table.slice(2) : [];
}

/** `Bot → Get Many` for every row of the English guide's operations table. */
export const operationsOf = (english: string) => tableOf(english, 'resource').map(([resource, operation]) => `${resource} → ${operation}`);

/** The trigger's events, as named in the English guide's events table. */
export const eventsOf = (english: string) => tableOf(english, 'event').map(([event]) => event);

/** Every example workflow file the text names. */
export const examplesNamedIn = (text: string) => [...new Set([...text.matchAll(/examples\/([\w-]+\.json)/g)].map((match) => match[1]))].sort();

/** Everything of the English guide that has no counterpart in the Russian one; empty when in step. */
export function missingInRussian(english: string, russian: string): string[] {
	const problems: string[] = [];
	const russianSections = sections(russian).map((heading) => heading.text);
	const expectedOrder: string[] = [];
	for (const { text } of sections(english)) {
		const counterpart = SECTION_MAP[text];
		if (counterpart === undefined) {
			problems.push(`section "${text}": no entry in SECTION_MAP (test/foundation/guideParity.ts)`);
		} else if (!russianSections.includes(counterpart)) {
			problems.push(`section "${text}": the Russian guide has no "${counterpart}"`);
		} else {
			expectedOrder.push(counterpart);
		}
	}
	const actualOrder = russianSections.filter((text) => expectedOrder.includes(text));
	if (problems.length === 0 && actualOrder.join('\n') !== expectedOrder.join('\n')) {
		problems.push(`sections in another order than the English guide: ${actualOrder.join(' / ')}`);
	}

	const russianRows = tableRows(russian);
	for (const row of operationsOf(english)) {
		const [resource, operation] = row.split(' → ');
		if (!russianRows.some((cells) => cells[0] === resource && cells[1] === operation)) {
			problems.push(`operation row "${row}"`);
		}
	}
	for (const event of eventsOf(english)) {
		if (!russianRows.some((cells) => cells[0] === event)) problems.push(`trigger event row "${event}"`);
	}
	const russianExamples = examplesNamedIn(russian);
	for (const example of examplesNamedIn(english)) {
		if (!russianExamples.includes(example)) problems.push(`example examples/${example}`);
	}
	return problems;
}
