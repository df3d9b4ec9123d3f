/**
 * Object shapes of the Worken public API (see docs/worken-api.md, "Objects") plus the sandbox's own
 * option and control types. The API shapes are copied field for field from the contract: the sandbox must
 * never add or drop a field, because the node pack's response normaliser is tested against it.
 */

import type { SandboxClock } from './clock';
import type { Deviation } from './deviations';

export type Plan = 'free' | 'starter' | 'pro' | 'enterprise';
export const PLANS: readonly Plan[] = ['free', 'starter', 'pro', 'enterprise'];

export type BotStatus = 'active' | 'disabled' | 'error';
export const BOT_STATUSES: readonly BotStatus[] = ['active', 'disabled', 'error'];

export interface Bot {
	id: string;
	name: string;
	description: string | null;
	status: BotStatus;
	project_id: string;
	created_at: string;
	updated_at: string;
}

export type ToolMode = 'user_approve' | 'operator_approve' | 'auto';
export const TOOL_MODES: readonly ToolMode[] = ['user_approve', 'operator_approve', 'auto'];

export interface BotSettings {
	ai: {
		instruction: string;
		model: {
			id: string;
			temperature: number;
			max_tokens: number;
			top_p: number;
			frequency_penalty: number;
			presence_penalty: number;
		};
		memory: {
			lastMessages: number;
			semanticRecall: boolean;
			workingMemory: { enabled: boolean };
			generateTitle: boolean;
		};
		formatting: { removeEmojis: boolean; removeMarkdown: boolean };
		tools: Record<string, ToolMode>;
	};
}

export interface Chat {
	id: string;
	name: string;
	bot_id: string;
	project_id: string;
	created_at: string;
	updated_at: string;
}

export type ThreadMode = 'auto' | 'manual';
export const THREAD_MODES: readonly ThreadMode[] = ['auto', 'manual'];

export interface Thread {
	id: string;
	chat_id: string;
	bot_id: string;
	project_id: string;
	title: string | null;
	mode: ThreadMode;
	message_count: number;
	last_message_at: string | null;
	created_at: string;
	updated_at: string;
}

export type MessageRole = 'user' | 'assistant' | 'operator' | 'system';
export const MESSAGE_ROLES: readonly MessageRole[] = ['user', 'assistant', 'operator', 'system'];

export interface Message {
	id: string;
	thread_id: string;
	chat_id: string;
	role: MessageRole;
	content: string;
	created_at: string;
}

/** The statuses a client may set; Worken sets others itself (e.g. needs attention), so stored ones are open. */
export type IntegrationStatus = 'active' | 'disabled' | 'error';
export const INTEGRATION_STATUSES: readonly IntegrationStatus[] = ['active', 'disabled', 'error'];

export interface Integration {
	id: string;
	type: string;
	name: string;
	bot_id: string | null;
	status: string;
	config: Record<string, unknown>;
	created_at: string;
	updated_at: string;
}

export interface Billing {
	plan: Plan;
	balance: number;
	currency: string;
	period_start: string;
	period_end: string;
}

export interface UsageRecord {
	date: string;
	bot_id: string;
	requests: number;
	input_tokens: number;
	output_tokens: number;
	cost: number;
}

// ---- sandbox options and control types ----

export interface SandboxOptions {
	/** 0 = a random free port. Default 0. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Length of the rate-limit window; the plan's per-minute budget applies per window. Default 60000. */
	rateLimitWindowMs?: number;
	/** Pause between SSE events of the stream endpoint. Default 0. */
	streamChunkDelayMs?: number;
	/** Deliberate departures from the contract (sandbox/deviations.ts). Default none. */
	deviations?: Deviation[];
	/** Time and timers for the rate-limit window, fault delays and stream pauses. Default the real ones. */
	clock?: SandboxClock;
}

export interface CreateProjectOptions {
	name?: string;
	/** Default 'enterprise' (unlimited) so tests are never throttled by accident. */
	plan?: Plan;
	balance?: number;
	/** A fixed first key (`sk-` + hex); a random one is generated when omitted. */
	key?: string;
}

export interface CreatedProject {
	projectId: string;
	key: string;
}

export interface ProjectInfo {
	id: string;
	name: string;
	plan: Plan;
	balance: number;
	created_at: string;
}

export interface SeedOptions {
	bots?: number;
	chatsPerBot?: number;
	threadsPerChat?: number;
	messagesPerThread?: number;
	integrations?: number;
	usageDays?: number;
}

export interface SeedResult {
	botIds: string[];
	chatIds: string[];
	threadIds: string[];
	integrationIds: string[];
}

export interface FaultSpec {
	/** How many matching requests consume this fault. */
	count: number;
	/** Answer with this status and `{"error": <reason phrase>}` instead of handling the request. */
	status?: number;
	/** With `status`: also send this `message` in the error body, as a validation error would. */
	message?: string;
	/** Retry-After header (seconds) sent with a 429 fault; default 1. */
	retryAfter?: number;
	/** Destroy the socket without answering. */
	reset?: boolean;
	/** Wait this long before doing anything else (alone: a slow but otherwise normal answer). */
	delayMs?: number;
	/** Only requests with this method consume the fault (case-insensitive). */
	method?: string;
	/** Only requests whose path starts with this consume the fault. */
	pathPrefix?: string;
	/** Only requests whose query string has all of these values consume the fault (e.g. `{offset: '400'}`). */
	query?: Record<string, string>;
	/** Stream endpoint only: send this many text-delta events, then an error event, then end. */
	afterStreamChunks?: number;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-cased names; `authorization` is replaced by "Bearer <redacted>". */
	headers: Record<string, string>;
	/** Parsed JSON body, the raw text when it was not JSON, or null when empty. */
	body: unknown;
	/** Status sent; 0 when the socket was destroyed without an answer. */
	status: number;
	projectId: string | null;
	at: string;
}

export interface AddMessageInput {
	role: MessageRole;
	content: string;
}
