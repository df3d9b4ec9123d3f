import type { Deviation } from './deviations';
import { parseDeviations } from './deviations';
import type { ThreadChange } from './changeJournal';
import type { FaultMixSpec, RedirectSpec } from './chaos';
import { addMessage as appendMessage } from './domain/threads';
import { badRequest, notFound } from './errors';
import { seedProject } from './seed';
import type { SandboxState } from './state';
import type { ProjectState } from './store';
import type {
	AddMessageInput,
	Bot,
	BotSettings,
	Chat,
	CreatedProject,
	CreateProjectOptions,
	FaultSpec,
	Integration,
	Message,
	Plan,
	ProjectInfo,
	RequestLogEntry,
	SeedOptions,
	SeedResult,
	Thread,
} from './types';
import { MESSAGE_ROLES } from './types';
import { oneOf } from './validate';

/**
 * The sandbox's back door, for tests, benchmarks and demos: create projects and keys, seed data, play the
 * customer, inject faults, read the request log and the raw state. Not part of the Worken API. Every method
 * is also reachable over HTTP under /__sandbox (see controlRoutes.ts and README.md). Errors are thrown as
 * ApiError (400 for bad input, 404 for unknown ids). Getters return copies, or undefined when absent.
 */
export class SandboxControl {
	constructor(private readonly s: SandboxState) {}

	createProject(opts: CreateProjectOptions = {}): CreatedProject {
		return this.s.store.createProject(opts);
	}

	/** Another live key for the project. */
	createKey(projectId: string): string {
		return this.s.store.createKey(projectId);
	}

	/** The key answers 401 from now on. */
	revokeKey(key: string): void {
		this.s.store.revokeKey(key);
	}

	setPlan(projectId: string, plan: Plan): void {
		this.s.store.setPlan(projectId, plan);
	}

	getProject(projectIdOrKey: string): ProjectInfo {
		return this.s.store.projectInfo(projectIdOrKey);
	}

	seed(projectIdOrKey: string, opts: SeedOptions = {}): SeedResult {
		return seedProject(this.s.store, this.s.store.project(projectIdOrKey), opts);
	}

	/** A message arriving through an integration (e.g. a customer writing): changes the thread like any message. */
	addMessage(threadId: string, input: AddMessageInput): Message {
		const store = this.s.store;
		const project = store.findOwner((p) => p.threads.has(threadId));
		const thread = project?.threads.get(threadId);
		if (!project || !thread) throw notFound('Thread');
		const role = oneOf(input?.role, MESSAGE_ROLES, 'role');
		if (typeof input.content !== 'string') throw badRequest('content must be a string');
		return structuredClone(appendMessage(store, project, thread, role, input.content));
	}

	/** A status Worken sets on its own (e.g. "needs_attention" when a channel's token expires): any string. */
	setIntegrationStatus(integrationId: string, status: string): Integration {
		const project = this.s.store.findOwner((p) => p.integrations.has(integrationId));
		const integration = project?.integrations.get(integrationId);
		if (!project || !integration) throw notFound('Integration');
		if (typeof status !== 'string' || status === '') throw badRequest('status must be a non-empty string');
		integration.status = status;
		integration.updated_at = project.clock.now();
		return structuredClone(integration);
	}

	/** Queues a fault; see FaultSpec. Faults are consumed in order by matching authenticated requests. */
	injectFaults(spec: FaultSpec): void {
		this.s.faults.add(spec);
	}

	clearFaults(): void {
		this.s.faults.clear();
	}

	/** Faults still queued, `count` = remaining uses. */
	pendingFaults(): FaultSpec[] {
		return this.s.faults.pending();
	}

	/** Soak/chaos faults (chaos.ts): each matching request fails with probability `rate`; undefined stops it. */
	setFaultMix(spec: FaultMixSpec | undefined): void {
		this.s.chaos.setMix(spec);
	}

	/** The next matching requests are answered 3xx to `location` (chaos.ts). */
	redirectNext(spec: RedirectSpec): void {
		this.s.chaos.addRedirect(spec);
	}

	/** How many faults of each kind the mix and the redirects dealt. */
	chaosDealt(): Record<string, number> {
		return this.s.chaos.dealt();
	}

	/** The sandbox's record of every change of the project's threads, oldest first (changeJournal.ts). */
	threadChanges(projectId: string): ThreadChange[] {
		return this.s.store.journal.list(projectId);
	}

	requests(): RequestLogEntry[] {
		return this.s.log.list();
	}

	/** Also starts counting `peakInFlight` afresh. */
	clearRequests(): void {
		this.s.log.clear();
		this.s.inFlight.reset();
	}

	/** The most requests of the project the sandbox was handling at the same moment (since clearRequests). */
	peakInFlight(projectId: string): number {
		return this.s.inFlight.peak(projectId);
	}

	/** Answers deviate from the contract as listed (replaces the previous list; [] = as the contract says). */
	setDeviations(deviations: Deviation[]): void {
		this.s.deviations.set(parseDeviations(deviations));
	}

	deviations(): Deviation[] {
		return this.s.deviations.list();
	}

	/** Forgets projects, keys, objects, faults, deviations, the request log and rate-limit counters. */
	reset(): void {
		this.s.store.reset();
		this.s.faults.clear();
		this.s.chaos.reset();
		this.s.log.clear();
		this.s.inFlight.reset();
		this.s.limiter.reset();
		this.s.deviations.set([]);
	}

	// ---- raw state, across projects ----

	getBot(id: string): Bot | undefined {
		return this.find((p) => p.bots.get(id));
	}

	getBotSettings(botId: string): BotSettings | undefined {
		return this.find((p) => p.settings.get(botId));
	}

	getChat(id: string): Chat | undefined {
		return this.find((p) => p.chats.get(id));
	}

	getThread(id: string): Thread | undefined {
		return this.find((p) => p.threads.get(id));
	}

	/** The thread's messages, oldest first; undefined for an unknown thread. */
	listMessages(threadId: string): Message[] | undefined {
		return this.find((p) => p.messages.get(threadId));
	}

	getIntegration(id: string): Integration | undefined {
		return this.find((p) => p.integrations.get(id));
	}

	private find<T>(pick: (p: ProjectState) => T | undefined): T | undefined {
		let found: T | undefined;
		this.s.store.findOwner((p) => (found = pick(p)) !== undefined);
		return found === undefined ? undefined : structuredClone(found);
	}
}
