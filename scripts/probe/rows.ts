/** One row of the probe's report per call: the endpoint, the status, and "ok" or what differs. */
import type { EndpointName } from '../../nodes/transport/endpoints';
import type { CallResult, ProbeClient } from './client';
import type { Difference } from './compare';
import { bodyDifferences, statusDifference } from './compare';
import type { Answer } from './shapes';
import { EXPECTED } from './shapes';

export interface Row {
	endpoint: EndpointName;
	method: string;
	/** The path template of the endpoint table, e.g. /bots/{botId}. */
	path: string;
	/** Which call of the endpoint, when it is called more than one way (e.g. "cursor feed"). */
	variant?: string;
	/** The status Worken answered with. */
	status?: number;
	outcome: 'ok' | 'differs' | 'skipped';
	differences: Difference[];
	/** Why the row was skipped. */
	reason?: string;
}

function snippet(body: unknown): string {
	const text = typeof body === 'string' ? body : JSON.stringify(body) ?? '';
	return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

function failureFix(name: EndpointName, status: number): string {
	if (status === 404 || status === 405) {
		return `check the method and path of ENDPOINTS.${name} in nodes/transport/endpoints.ts`;
	}
	if (status === 400 || status === 422) return 'check the query or body the probe sent against the live API documentation';
	if (status === 401 || status === 403) return 'check WORKEN_API_KEY (a live key of the project)';
	return 'a failure on Worken\'s side or the network: run the probe again';
}

export function skippedRow(client: ProbeClient, name: EndpointName, reason: string, variant?: string): Row {
	const { method, path } = client.endpoints[name];
	return { endpoint: name, method, path, variant, outcome: 'skipped', differences: [], reason };
}

/** Compares a call's raw answer with the shapes table. */
export function rowFor(
	client: ProbeClient,
	name: EndpointName,
	call: CallResult,
	options: { answer?: Answer; limit?: number; variant?: string } = {},
): Row {
	const { method, path } = client.endpoints[name];
	const expected = EXPECTED[name];
	const row: Row = { endpoint: name, method, path, variant: options.variant, outcome: 'ok', differences: [] };
	const raw = call.raw;
	if (!raw) {
		row.differences.push({
			text: `no answer: ${call.error?.message ?? 'unknown error'}`,
			nodesCope: false,
			fix: 'check WORKEN_BASE_URL and the network',
		});
	} else {
		row.status = raw.status;
		if (raw.status >= 200 && raw.status < 300) {
			const status = statusDifference(name, expected.status, raw.status);
			if (status) row.differences.push(status);
			row.differences.push(...bodyDifferences(name, options.answer ?? expected.answer, raw.body, client.normaliser, options.limit));
		} else {
			row.differences.push({
				text: `status ${raw.status} instead of ${expected.status}: ${snippet(raw.body)}`,
				nodesCope: false,
				fix: failureFix(name, raw.status),
			});
		}
	}
	if (row.differences.length > 0) row.outcome = 'differs';
	return row;
}
