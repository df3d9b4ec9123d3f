/** What every e2e check gets: the n8n session, the sandbox project, and the run's Worken credential. */
import type { N8nSession } from '../../scripts/n8n/session';
import type { DemoProject } from '../../scripts/n8n/worken-sandbox';
import type { CredentialRef } from '../../scripts/n8n/workflows';
import { createCredentialVia } from '../../scripts/n8n/credentials';

export interface E2EContext {
	version: string;
	major: number;
	session: N8nSession;
	worken: DemoProject;
	/** The Worken credential pointing at the sandbox with the demo key (created by the credentials check). */
	cred?: CredentialRef;
}

/** Create a Worken credential through n8n's public API. */
export async function createWorkenCredential(
	ctx: E2EContext,
	name: string,
	data: { apiKey: string; baseUrl: string },
): Promise<CredentialRef> {
	return createCredentialVia(ctx.session.client, name, data);
}
