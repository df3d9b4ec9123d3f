import { unauthorized } from './errors';
import { KEY_FORMAT } from './ids';
import type { ProjectState, Store } from './store';

/**
 * Resolves `Authorization: Bearer sk-<hex>` to its project. Missing header, another scheme, a malformed key,
 * an unknown key and a revoked key all give the same `401 {"error":"Unauthorized"}`. The internal
 * `Worken-Organization` / `Worken-Project` / `Worken-User` headers are deliberately never read here.
 */
export function authenticate(store: Store, header: string | undefined): ProjectState {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	if (!match || !KEY_FORMAT.test(match[1])) throw unauthorized();
	const project = store.projectForKey(match[1]);
	if (!project) throw unauthorized();
	return project;
}
