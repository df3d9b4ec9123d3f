/**
 * The demo project: what `npm run sandbox`, `npm run demo` and the e2e suite seed, so all three show
 * the same kind of project (a few bots with chats, threads, messages, integrations and two weeks of usage).
 */
import type { SandboxControl } from './control';
import type { Plan, SeedOptions, SeedResult } from './types';

export const DEMO_SEED: SeedOptions = {
	bots: 3,
	chatsPerBot: 2,
	threadsPerChat: 2,
	messagesPerThread: 4,
	integrations: 3,
	usageDays: 14,
};

export interface DemoProject {
	projectId: string;
	key: string;
	seeded: SeedResult;
}

export function createDemoProject(control: SandboxControl, opts: { key?: string; plan?: Plan } = {}): DemoProject {
	const { projectId, key } = control.createProject({ name: 'Demo project', plan: opts.plan ?? 'pro', key: opts.key });
	return { projectId, key, seeded: control.seed(projectId, DEMO_SEED) };
}
