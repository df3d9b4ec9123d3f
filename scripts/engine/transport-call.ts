/**
 * A real n8n-core execution context of the Worken action node, for calling the built transport directly
 * (what an operation does inside `execute`), with a tap that keeps every raw HTTP answer the transport got
 * (status, headers, body) — the transport itself only hands back the body of a 2xx.
 */
import { ExecuteContext } from 'n8n-core';
import type { IDataObject, IExecuteData, IExecuteFunctions, IHttpRequestOptions, INodeParameters } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import { ACTION_TYPE } from './pack';
import type { EngineOptions } from './workflow';
import { additionalDataFor, makeNode, makeWorkflow } from './workflow';

export interface RawAnswer {
	method: string;
	url: string;
	status: number;
	headers: IDataObject;
	body: unknown;
}

export interface TappedContext {
	ctx: IExecuteFunctions;
	/** Every answer received through `httpRequestWithAuthentication`, in order (retries included). */
	answers: RawAnswer[];
}

export function transportContext(options: EngineOptions & { parameters?: INodeParameters }): TappedContext {
	const node = makeNode(ACTION_TYPE, options.parameters ?? {});
	const workflow = makeWorkflow(node);
	const executeData: IExecuteData = { node, data: { main: [[{ json: {} }]] }, source: null };
	const ctx = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(options),
		'manual',
		createRunExecutionData({}),
		0,
		[{ json: {} }],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const answers: RawAnswer[] = [];
	const original = ctx.helpers.httpRequestWithAuthentication;
	ctx.helpers.httpRequestWithAuthentication = async function (this: IExecuteFunctions, credentialsType, requestOptions, ...rest) {
		const response = (await original.call(this, credentialsType, requestOptions, ...rest)) as unknown;
		const full = requestOptions as IHttpRequestOptions;
		if (full.returnFullResponse && typeof response === 'object' && response !== null) {
			const { statusCode, headers, body } = response as { statusCode: number; headers?: IDataObject; body: unknown };
			answers.push({ method: full.method ?? 'GET', url: full.url, status: statusCode, headers: headers ?? {}, body });
		}
		return response;
	};
	return { ctx, answers };
}
