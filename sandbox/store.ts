import { ChangeJournal } from './changeJournal';
import { MonotonicClock } from './clock';
import { ApiError, badRequest, notFound } from './errors';
import { IdPrefix, KEY_FORMAT, newId, newKey } from './ids';
import type {
	Bot,
	BotSettings,
	Chat,
	CreatedProject,
	CreateProjectOptions,
	Integration,
	Message,
	Plan,
	ProjectInfo,
	Thread,
	UsageRecord,
} from './types';
import { PLANS } from './types';

/**
 * Everything one project owns. Each map iterates in insertion order, which is the order lists are served
 * in (creation order), except `feed`, which is re-inserted on every thread change so that its iteration
 * order is the thread feed's order.
 */
export interface ProjectState {
	id: string;
	name: string;
	plan: Plan;
	balance: number;
	created_at: string;
	/**
	 * The project's own clock: every change in the project takes one reading, so timestamps are unique and
	 * ordered within the project — the only place a client can compare them. Per project (not global) so
	 * that seeding a fresh project can place its objects in the recent past (see MonotonicClock.reserve).
	 */
	clock: MonotonicClock;
	bots: Map<string, Bot>;
	settings: Map<string, BotSettings>;
	chats: Map<string, Chat>;
	threads: Map<string, Thread>;
	/** thread id → change sequence number; iteration order == ascending sequence number. */
	feed: Map<string, number>;
	/** thread id → its messages, oldest first. */
	messages: Map<string, Message[]>;
	integrations: Map<string, Integration>;
	/** `${date}|${bot_id}` → one usage row. */
	usage: Map<string, UsageRecord>;
}

interface KeyState {
	projectId: string;
	revoked: boolean;
}

/**
 * The sandbox's whole in-memory state: projects, their keys and objects, and the feed's change counter. Domain operations (sandbox/domain/*) mutate it; routes and control only call those.
 */
export class Store {
	private projects = new Map<string, ProjectState>();
	private keys = new Map<string, KeyState>();
	/** Global change counter behind feed cursors; shared by all projects, so gaps in one project are normal. */
	private seq = 0;
	/** Every thread change, for soak and chaos checks (changeJournal.ts). */
	readonly journal = new ChangeJournal();

	newId(prefix: IdPrefix): string {
		return newId(prefix);
	}

	nextSeq(): number {
		this.seq += 1;
		return this.seq;
	}

	currentSeq(): number {
		return this.seq;
	}

	reset(): void {
		this.projects.clear();
		this.keys.clear();
		this.seq = 0;
		this.journal.clear();
	}

	// ---- projects and keys ----

	createProject(opts: CreateProjectOptions = {}): CreatedProject {
		const plan = opts.plan ?? 'enterprise';
		if (!PLANS.includes(plan)) throw badRequest(`plan must be one of ${PLANS.join(', ')}`);
		if (opts.balance !== undefined && (typeof opts.balance !== 'number' || !Number.isFinite(opts.balance))) {
			throw badRequest('balance must be a number');
		}
		if (opts.name !== undefined && typeof opts.name !== 'string') throw badRequest('name must be a string');
		if (opts.key !== undefined) this.assertUsableKey(opts.key);
		const id = newId('prj');
		const project: ProjectState = {
			id,
			name: opts.name ?? `Project ${this.projects.size + 1}`,
			plan,
			balance: opts.balance ?? 1000,
			// Wall time, not a clock reading: the project's creation is not one of its changes.
			created_at: new Date().toISOString(),
			clock: new MonotonicClock(),
			bots: new Map(),
			settings: new Map(),
			chats: new Map(),
			threads: new Map(),
			feed: new Map(),
			messages: new Map(),
			integrations: new Map(),
			usage: new Map(),
		};
		this.projects.set(id, project);
		const key = opts.key ?? newKey();
		this.keys.set(key, { projectId: id, revoked: false });
		return { projectId: id, key };
	}

	createKey(projectId: string): string {
		this.project(projectId);
		const key = newKey();
		this.keys.set(key, { projectId, revoked: false });
		return key;
	}

	revokeKey(key: string): void {
		const state = this.keys.get(key);
		if (!state) throw new ApiError(404, 'Key not found');
		state.revoked = true;
	}

	setPlan(projectId: string, plan: Plan): void {
		if (!PLANS.includes(plan)) throw badRequest(`plan must be one of ${PLANS.join(', ')}`);
		this.project(projectId).plan = plan;
	}

	/** The project a live key belongs to, or undefined for unknown and revoked keys. */
	projectForKey(key: string): ProjectState | undefined {
		const state = this.keys.get(key);
		if (!state || state.revoked) return undefined;
		return this.projects.get(state.projectId);
	}

	/** A project by id or by one of its keys (revoked keys included: control is not access control). */
	project(idOrKey: string): ProjectState {
		const byId = this.projects.get(idOrKey);
		if (byId) return byId;
		const keyState = this.keys.get(idOrKey);
		const byKey = keyState && this.projects.get(keyState.projectId);
		if (byKey) return byKey;
		throw notFound('Project');
	}

	projectInfo(idOrKey: string): ProjectInfo {
		const p = this.project(idOrKey);
		return { id: p.id, name: p.name, plan: p.plan, balance: p.balance, created_at: p.created_at };
	}

	/** Finds the project holding an object, for control getters that are not project-scoped. */
	findOwner(pick: (p: ProjectState) => boolean): ProjectState | undefined {
		for (const p of this.projects.values()) if (pick(p)) return p;
		return undefined;
	}

	private assertUsableKey(key: string): void {
		if (typeof key !== 'string' || !KEY_FORMAT.test(key)) throw badRequest('key must be sk- followed by hex');
		if (this.keys.has(key)) throw new ApiError(409, 'key is already in use');
	}
}
