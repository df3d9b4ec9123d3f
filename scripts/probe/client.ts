/**
 * Calls Worken the way the nodes do: the built transport (dist/nodes/transport) in a real n8n-core
 * execution context with the real credential, and keeps the raw answer each call got from the tap.
 */
import type { IDataObject } from 'n8n-workflow';

import type { WorkenContext, openWorkenContext } from '../../nodes/transport/context';
import type { EndpointName, ENDPOINTS as EndpointTable, PathParams } from '../../nodes/transport/endpoints';
import type { DEFAULT_RETRY_POLICY } from '../../nodes/transport/retry';
import type { WorkenRequest } from '../../nodes/transport/transport';
import type { RawAnswer, WorkenCredentialData } from '../engine';
import { builtModule, transportContext } from '../engine';
import type { Normaliser } from './compare';

interface BuiltTransport {
	workenRequest(ctx: WorkenContext, name: EndpointName, request?: WorkenRequest): Promise<unknown>;
}

export interface CallResult {
	/** The last HTTP answer (after any retries); absent when nothing came back. */
	raw?: RawAnswer;
	/** What the transport returned (the body of a 2xx). */
	body?: unknown;
	/** What the transport threw, as the nodes would show it. */
	error?: Error & { description?: string };
}

/** Thrown instead of sending once the probe was asked to stop (Ctrl-C): only the clean-up still calls. */
export class ProbeStopped extends Error {
	constructor() {
		super('stopped');
	}
}

/** A few retries on 429/5xx, as the nodes do, but bounded so the probe ends in a few minutes at worst. */
const PROBE_RETRY = { maxRetries: 2, maxWaitMs: 60_000 };

export class ProbeClient {
	readonly endpoints: typeof EndpointTable;
	readonly normaliser: Normaliser;
	private readonly transport: BuiltTransport;
	private readonly tapped;
	private worken?: Promise<WorkenContext>;

	constructor(
		credentials: WorkenCredentialData,
		private readonly signal?: AbortSignal,
	) {
		this.transport = builtModule<BuiltTransport>('nodes/transport/transport.js');
		this.normaliser = builtModule<Normaliser>('nodes/transport/normalise.js');
		this.endpoints = builtModule<{ ENDPOINTS: typeof EndpointTable }>('nodes/transport/endpoints.js').ENDPOINTS;
		this.tapped = transportContext({ credentials });
	}

	async call(
		name: EndpointName,
		request: { pathParams?: PathParams; qs?: IDataObject; body?: IDataObject } = {},
		options: { evenIfStopped?: boolean } = {},
	): Promise<CallResult> {
		if (this.signal?.aborted && !options.evenIfStopped) throw new ProbeStopped();
		const before = this.tapped.answers.length;
		const result: CallResult = {};
		try {
			result.body = await this.transport.workenRequest(await this.context(), name, request);
		} catch (error) {
			result.error = error as CallResult['error'];
		}
		if (this.tapped.answers.length > before) result.raw = this.tapped.answers[this.tapped.answers.length - 1];
		return result;
	}

	/** The credential read once, as the nodes do, with the probe's own retry bounds. */
	private async context(): Promise<WorkenContext> {
		if (!this.worken) {
			const { openWorkenContext: open } = builtModule<{ openWorkenContext: typeof openWorkenContext }>('nodes/transport/context.js');
			const { DEFAULT_RETRY_POLICY: defaults } = builtModule<{ DEFAULT_RETRY_POLICY: typeof DEFAULT_RETRY_POLICY }>('nodes/transport/retry.js');
			this.worken = open(this.tapped.ctx, 0, { ...defaults, ...PROBE_RETRY });
		}
		return await this.worken;
	}
}
