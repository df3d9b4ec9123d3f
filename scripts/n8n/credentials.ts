/** Worken credentials in n8n, created through n8n's public API (what a user's "Create credential" does). */
import type { N8nClient } from './api';
import type { CredentialRef } from './workflows';

export const WORKEN_CREDENTIAL_TYPE = 'workenApi';

/**
 * n8n (1.1xx and 2.x) injects "Allowed HTTP Request Domains" fields into credentials that authenticate
 * requests; the public API's schema for them then demands `allowedDomains` unless
 * `allowedHttpRequestDomains` says otherwise. The editor saves `all` by default, so do the same whenever the
 * schema has the field.
 */
export async function createCredentialVia(
	client: N8nClient,
	name: string,
	data: { apiKey: string; baseUrl: string } | Record<string, string>,
	/** Another credential type (the benchmark's Header Auth for n8n's HTTP Request node). */
	type = WORKEN_CREDENTIAL_TYPE,
): Promise<CredentialRef> {
	return createCredentialOfType(client, type, name, data);
}

/** Any credential type (e.g. `openAiApi`, `httpBearerAuth` for the AI checks), with the same domain rule. */
export async function createCredentialOfType(
	client: N8nClient,
	type: string,
	name: string,
	data: Record<string, unknown>,
): Promise<CredentialRef> {
	const schema = await client.api<{ properties?: Record<string, unknown> }>('GET', `/credentials/schema/${type}`);
	const body: Record<string, unknown> = { ...data };
	if (schema.properties && 'allowedHttpRequestDomains' in schema.properties) body.allowedHttpRequestDomains = 'all';
	const created = await client.api<{ id: string; name: string }>('POST', '/credentials', { name, type, data: body });
	return { id: created.id, name: created.name };
}
