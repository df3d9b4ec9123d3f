import { notFound } from '../errors';
import type { ProjectState, Store } from '../store';
import type { Integration, IntegrationStatus } from '../types';

export function findIntegration(p: ProjectState, id: string): Integration {
	const integration = p.integrations.get(id);
	if (!integration) throw notFound('Integration');
	return integration;
}

export function createIntegration(
	store: Store,
	p: ProjectState,
	input: { type: string; name: string; bot_id?: string | null; config?: Record<string, unknown> },
): Integration {
	const at = p.clock.now();
	const integration: Integration = {
		id: store.newId('int'),
		type: input.type,
		name: input.name,
		bot_id: input.bot_id ?? null,
		status: 'active',
		config: input.config ?? {},
		created_at: at,
		updated_at: at,
	};
	p.integrations.set(integration.id, integration);
	return integration;
}

/** `config`, when given, replaces the whole config object (it is one field of a partial update). */
export function updateIntegration(
	p: ProjectState,
	integration: Integration,
	changes: { name?: string; bot_id?: string | null; status?: IntegrationStatus; config?: Record<string, unknown> },
): Integration {
	let changed = false;
	if (changes.name !== undefined && changes.name !== integration.name) {
		integration.name = changes.name;
		changed = true;
	}
	if (changes.bot_id !== undefined && changes.bot_id !== integration.bot_id) {
		integration.bot_id = changes.bot_id;
		changed = true;
	}
	if (changes.status !== undefined && changes.status !== integration.status) {
		integration.status = changes.status;
		changed = true;
	}
	if (changes.config !== undefined) {
		integration.config = changes.config;
		changed = true;
	}
	if (changed) integration.updated_at = p.clock.now();
	return integration;
}
