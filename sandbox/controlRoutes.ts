import type { SandboxControl } from './control';
import { parseDeviations } from './deviations';
import { badRequest, notFound } from './errors';
import { Router } from './router';
import type { CreateProjectOptions, Plan, SeedOptions } from './types';
import { bodyObject, requiredString } from './validate';

/**
 * The HTTP face of SandboxControl, under /__sandbox. JSON in and out, no auth, never logged, never rate
 * limited, never faulted — so a test or the e2e harness in another process can drive the sandbox.
 */

interface ControlContext {
	control: SandboxControl;
	params: Record<string, string>;
	body: unknown;
}
type ControlHandler = (ctx: ControlContext) => unknown;

export const CONTROL_PREFIX = '/__sandbox';
const OK = { ok: true };

function orNotFound<T>(value: T | undefined, resource: string): T {
	if (value === undefined) throw notFound(resource);
	return value;
}

export function controlRouter(): Router<ControlHandler> {
	const r = new Router<ControlHandler>();
	r.add('GET', '/health', () => OK);
	r.add('POST', '/reset', ({ control }) => {
		control.reset();
		return OK;
	});

	r.add('POST', '/projects', ({ control, body }) => control.createProject(bodyObject(body) as CreateProjectOptions));
	r.add('GET', '/projects/:project', ({ control, params }) => control.getProject(params.project));
	r.add('POST', '/projects/:project/keys', ({ control, params }) => ({ key: control.createKey(params.project) }));
	r.add('POST', '/projects/:project/plan', ({ control, params, body }) => {
		control.setPlan(params.project, requiredString(bodyObject(body), 'plan') as Plan);
		return OK;
	});
	// The key travels in the body, not the URL, so it does not end up in access logs.
	r.add('POST', '/keys/revoke', ({ control, body }) => {
		control.revokeKey(requiredString(bodyObject(body), 'key'));
		return OK;
	});

	r.add('POST', '/seed', ({ control, body }) => {
		const b = bodyObject(body);
		return control.seed(requiredString(b, 'project'), b as SeedOptions);
	});
	r.add('POST', '/threads/:thread_id/messages', ({ control, params, body }) => {
		const b = bodyObject(body);
		return control.addMessage(params.thread_id, { role: b.role as never, content: b.content as never });
	});

	r.add('GET', '/faults', ({ control }) => control.pendingFaults());
	r.add('POST', '/faults', ({ control, body }) => {
		if (Array.isArray(body)) throw badRequest('send one fault object per request');
		control.injectFaults(bodyObject(body) as never);
		return { ok: true, pending: control.pendingFaults().length };
	});
	r.add('DELETE', '/faults', ({ control }) => {
		control.clearFaults();
		return OK;
	});

	r.add('GET', '/deviations', ({ control }) => ({ deviations: control.deviations() }));
	r.add('POST', '/deviations', ({ control, body }) => {
		control.setDeviations(parseDeviations(bodyObject(body).deviations));
		return { deviations: control.deviations() };
	});
	r.add('DELETE', '/deviations', ({ control }) => {
		control.setDeviations([]);
		return { deviations: [] };
	});

	r.add('GET', '/requests', ({ control }) => control.requests());
	r.add('DELETE', '/requests', ({ control }) => {
		control.clearRequests();
		return OK;
	});

	r.add('GET', '/bots/:id', ({ control, params }) => orNotFound(control.getBot(params.id), 'Bot'));
	r.add('GET', '/bots/:id/settings', ({ control, params }) => orNotFound(control.getBotSettings(params.id), 'Bot'));
	r.add('GET', '/chats/:id', ({ control, params }) => orNotFound(control.getChat(params.id), 'Chat'));
	r.add('GET', '/threads/:id', ({ control, params }) => orNotFound(control.getThread(params.id), 'Thread'));
	r.add('GET', '/threads/:id/messages', ({ control, params }) =>
		orNotFound(control.listMessages(params.id), 'Thread'),
	);
	r.add('GET', '/integrations/:id', ({ control, params }) =>
		orNotFound(control.getIntegration(params.id), 'Integration'),
	);
	return r;
}
