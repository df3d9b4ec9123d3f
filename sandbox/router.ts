/**
 * A minimal method + path router: patterns like `/bots/:bot_id/settings`, exact segment counts, params
 * URL-decoded. Used for both the public API table and the `/__sandbox` control surface.
 */

export type RouteMatch<H> =
	| { kind: 'found'; handler: H; params: Record<string, string> }
	| { kind: 'method-not-allowed'; allowed: string[] }
	| { kind: 'not-found' };

interface Route<H> {
	methods: string[];
	segments: string[];
	handler: H;
}

export class Router<H> {
	private routes: Route<H>[] = [];

	add(methods: string | string[], pattern: string, handler: H): this {
		this.routes.push({
			methods: (Array.isArray(methods) ? methods : [methods]).map((m) => m.toUpperCase()),
			segments: splitPath(pattern),
			handler,
		});
		return this;
	}

	match(method: string, path: string): RouteMatch<H> {
		const segments = splitPath(path);
		const allowed: string[] = [];
		for (const route of this.routes) {
			const params = matchSegments(route.segments, segments);
			if (!params) continue;
			if (route.methods.includes(method.toUpperCase())) return { kind: 'found', handler: route.handler, params };
			allowed.push(...route.methods);
		}
		return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
	}
}

/** `/bots/` and `/bots` are the same path. */
export function splitPath(path: string): string[] {
	return path.split('/').filter((s) => s !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
	if (pattern.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i].startsWith(':')) {
			let value: string;
			try {
				value = decodeURIComponent(actual[i]);
			} catch {
				return undefined;
			}
			params[pattern[i].slice(1)] = value;
		} else if (pattern[i] !== actual[i]) {
			return undefined;
		}
	}
	return params;
}
