import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { N8nFunctions } from './context';

export const CREDENTIAL_NAME = 'workenApi';

/** A Worken key: "sk-" and hex. The credential's own pre-request check uses the same rule. */
export const KEY_PATTERN = /^sk-[0-9a-f]+$/i;

/**
 * Plain http:// sends the key unencrypted: accepted only when Base URL is this machine (the local Worken
 * sandbox, a local tunnel). The credential test and every request refuse it otherwise.
 */
export function sendsKeyInClear(baseUrl: string): boolean {
	const host = /^http:\/\/(\[[^\]]*\]|[^/:?#\s]+)/i.exec(baseUrl.trim())?.[1]?.toLowerCase();
	if (host === undefined) return false;
	return !(host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]');
}

export const CLEAR_TEXT_REFUSAL =
	'Base URL starts with http:// and points at another machine, so the API key would travel unencrypted. Use https:// (Worken itself is https://api.worken.ru). Plain http:// is accepted only for this machine (localhost or 127.0.0.1, e.g. the local Worken sandbox). Nothing was sent to Worken.';

export interface WorkenConnection {
	baseUrl: string;
	/** Only for masking: never put it in an output, an error or a log line. */
	apiKey: string;
	/**
	 * The credential as n8n decrypted it, handed back with each request: otherwise n8n reads and decrypts
	 * it again for every request, and without the item's index (expressions in it would see item 0).
	 */
	decrypted: ICredentialsDecrypted;
}

/**
 * Reads and checks the credential before any request is sent: a key that cannot be a Worken key, or a
 * base URL that is not a URL, fails here with a message that says which field to fix.
 */
export async function readConnection(ctx: N8nFunctions, itemIndex: number): Promise<WorkenConnection> {
	const credentials: ICredentialDataDecryptedObject = await ctx.getCredentials(CREDENTIAL_NAME, itemIndex);
	const apiKey = String(credentials.apiKey ?? '').trim();
	const baseUrl = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');

	if (!KEY_PATTERN.test(apiKey)) {
		throw new NodeOperationError(ctx.getNode(), 'The API Key in the Worken credential is not a Worken key', {
			itemIndex,
			description:
				'A Worken API key starts with "sk-" followed by hex characters (0-9, a-f). Open the Worken credential and paste the key again from your Worken project settings. Nothing was sent to Worken.',
		});
	}
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		throw new NodeOperationError(ctx.getNode(), 'The Base URL in the Worken credential is not a URL', {
			itemIndex,
			description:
				'Set Base URL to https://api.worken.ru (or the address of your Worken server, starting with http:// or https://). Nothing was sent to Worken.',
		});
	}
	if (sendsKeyInClear(baseUrl)) {
		throw new NodeOperationError(ctx.getNode(), 'The Base URL in the Worken credential would send the API key unencrypted', {
			itemIndex,
			description: CLEAR_TEXT_REFUSAL,
		});
	}
	// n8n uses only `data`; the id and name are the node's own, for completeness.
	const { id, name } = ctx.getNode().credentials?.[CREDENTIAL_NAME] ?? {};
	return { apiKey, baseUrl, decrypted: { id: id ?? '', name: name ?? '', type: CREDENTIAL_NAME, data: credentials } };
}
