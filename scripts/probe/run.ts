/**
 * `npm run probe` without the command line: every read endpoint, and with `write` the scratch round trip,
 * through the nodes' own transport; returns the rows and which endpoints were not called and why.
 */
import type { EndpointName } from '../../nodes/transport/endpoints';
import type { WorkenCredentialData } from '../engine';
import { ProbeClient, ProbeStopped } from './client';
import { probeReads } from './reads';
import { ScratchRoundTrip } from './round-trip';
import type { Row } from './rows';

export interface ProbeOptions extends WorkenCredentialData {
	/** Also the create → update → delete round trip on scratch objects. */
	write: boolean;
	/** Names the scratch objects (probe-<time>). */
	now?: Date;
	/** Stops the probe (Ctrl-C): no new call, but the scratch objects are still removed. */
	signal?: AbortSignal;
}

export interface ProbeReport {
	baseUrl: string;
	write: boolean;
	rows: Row[];
	notProbed: Array<{ endpoint: EndpointName; reason: string }>;
	/** Set when the probe could not start: the first call got no answer or the key was refused. */
	fatal?: string;
	summary: { ok: number; differs: number; skipped: number };
}

/** Endpoints the probe never calls, even with --write, and why. */
const NEVER_CALLED: Partial<Record<EndpointName, string>> = {
	streamReply: 'it asks the bot\'s model for a reply, which is billed',
	createIntegration: 'would connect a real channel',
	updateIntegration: 'would change a real channel',
	deleteIntegration: 'would remove a real channel',
};

function summarise(rows: Row[]): ProbeReport['summary'] {
	return {
		ok: rows.filter((row) => row.outcome === 'ok').length,
		differs: rows.filter((row) => row.outcome === 'differs').length,
		skipped: rows.filter((row) => row.outcome === 'skipped').length,
	};
}

export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
	const client = new ProbeClient({ apiKey: options.apiKey, baseUrl: options.baseUrl }, options.signal);
	const rows: Row[] = [];
	const report = (fatal?: string): ProbeReport => {
		const called = new Set(rows.map((row) => row.endpoint));
		const notProbed = (Object.keys(client.endpoints) as EndpointName[])
			.filter((name) => !called.has(name))
			.map((endpoint) => ({
				endpoint,
				reason: NEVER_CALLED[endpoint] ?? (options.write ? 'not reached' : 'writes: run with --write for the scratch round trip'),
			}));
		return { baseUrl: options.baseUrl, write: options.write, rows, notProbed, fatal, summary: summarise(rows) };
	};

	// One call first: without an answer or with a refused key, every row would say the same.
	if (options.signal?.aborted) return report('stopped before the first call');
	const first = await client.call('listBots', { qs: { limit: 1 } });
	if (!first.raw) return report(`could not call ${options.baseUrl}: ${first.error?.message ?? 'unknown error'}`);
	if (first.raw.status === 401 || first.raw.status === 403) {
		return report(`Worken refused the key (${first.raw.status}): check WORKEN_API_KEY and WORKEN_BASE_URL`);
	}

	const scratch = options.write ? new ScratchRoundTrip(client, rows, options.now ?? new Date()) : undefined;
	try {
		if (scratch) await scratch.createAndUpdate();
		await probeReads(client, rows);
		if (scratch) await scratch.remove();
	} catch (error) {
		if (!(error instanceof ProbeStopped)) throw error;
		return report('stopped (Ctrl-C) before every row was called');
	} finally {
		if (scratch) await scratch.cleanUp();
	}
	return report();
}
