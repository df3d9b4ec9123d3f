/**
 * One production poll. Everything is staged in local variables and written to the node's static data
 * only at the very end, after every request succeeded: a poll that throws leaves the stored state as it
 * was, and the next poll starts again from the old cursor.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { AdaptiveLimiter } from '../transport/concurrency';
import type { WorkenContext } from '../transport/context';
import { openWorkenContext } from '../transport/context';
import { asNodeError } from '../transport/errors';
import { normaliseList } from '../transport/normalise';
import { RETRY_OPTIONS_NAME, retryPolicy } from '../transport/requestOptions';
import { workenRequest } from '../transport/transport';
import type { PollBudget } from './budget';
import { startBudget } from './budget';
import { eventsForThreads } from './events';
import { CURSOR_REFUSED, readChanges, walkFeed } from './feed';
import { stringField } from './fields';
import { sampleEvents } from './sample';
import type { TriggerSettings } from './settings';
import { readSettings } from './settings';
import type { ActivatingState, TriggerState, WatchingState } from './state';
import { STATE_VERSION, SeenThreads, loadState, saveState } from './state';
import { laterTime } from './time';

/**
 * The new messages of this many threads are read at once. Every one of them is needed (nothing can land
 * past an end, unlike a list's pages): more at once only drains a backlog sooner, at the price of more
 * 429s when a plan's budget runs out mid-poll.
 */
export const MESSAGE_READS_IN_FLIGHT = 12;

function newActivation(settings: TriggerSettings, includeExisting: boolean): ActivatingState {
	return {
		version: STATE_VERSION,
		phase: 'activating',
		filterKey: settings.filterKey,
		includeExisting,
		cursor: '',
		startedAt: '',
		seen: [],
	};
}

/**
 * With filters, the walk only sees matching threads, but a thread that existed already may match later
 * (e.g. switched to manual mode). So that it counts as existing, not as a New Thread, watching starts no
 * earlier than the creation of the newest thread of the whole project (one unfiltered request).
 */
async function newestHiddenThread(worken: WorkenContext, settings: TriggerSettings): Promise<string> {
	if (Object.keys(settings.filters).length === 0) return '';
	const body = await workenRequest(worken, 'listThreads', { qs: { limit: 1, offset: 0 } });
	const [newest] = normaliseList(body).items;
	return newest ? stringField(newest, 'created_at') : '';
}

/**
 * First activation (or new filters): walk the feed to its head to learn where "now" is. Without Include
 * Existing Threads, watching starts at the head and nothing is emitted; with it, watching starts at the
 * beginning of the feed, so every existing thread comes out once as New Thread. A huge feed may take
 * several polls to walk (see budget.ts); the walk's progress is stored in between.
 */
async function activate(
	worken: WorkenContext,
	settings: TriggerSettings,
	state: ActivatingState,
	budget: PollBudget,
): Promise<TriggerState | typeof CURSOR_REFUSED> {
	const seen = state.includeExisting ? undefined : new SeenThreads(state.seen);
	// Asked before the walk starts, so that a thread created while it runs is never taken for an old one.
	const fresh = state.cursor === '' && state.startedAt === '';
	const newest = fresh ? await newestHiddenThread(worken, settings) : state.startedAt;
	const progress = await walkFeed(worken, settings.filters, { cursor: state.cursor, newest }, seen, budget);
	if (progress === CURSOR_REFUSED) return progress;
	if (!progress.done) {
		return { ...state, cursor: progress.cursor, startedAt: progress.newest, seen: seen?.toEntries() ?? [] };
	}
	const startedAt = progress.newest;
	return {
		version: STATE_VERSION,
		phase: 'watching',
		filterKey: settings.filterKey,
		cursor: state.includeExisting ? '' : progress.cursor,
		startedAt,
		caughtUpAt: state.includeExisting ? '' : startedAt,
		seen: seen?.toEntries() ?? [],
	};
}

interface TakenChanges {
	state: WatchingState;
	items: IDataObject[];
}

/** Reads the changes after the cursor and turns them into items. Undefined when nothing changed. */
async function takeChanges(
	worken: WorkenContext,
	settings: TriggerSettings,
	state: WatchingState,
	budget: PollBudget,
): Promise<TakenChanges | typeof CURSOR_REFUSED | undefined> {
	const batch = await readChanges(worken, state.cursor, settings.filters, settings.maxItems, budget);
	if (batch === CURSOR_REFUSED) return batch;
	if (batch.threads.length === 0) return undefined;

	const seen = new SeenThreads(state.seen);
	const classifier = {
		events: settings.events,
		seen,
		caughtUpAt: state.caughtUpAt,
		messagesAfter: laterTime(state.startedAt, state.caughtUpAt),
	};
	const items: IDataObject[] = [];
	let newest = '';
	let pagesDone = 0;
	let next = 0;
	// One limiter for the whole poll: a 429's pause and the fewer requests in flight after it carry over.
	const limiter = new AdaptiveLimiter(MESSAGE_READS_IN_FLIGHT);
	// Page by page (threads are in page order), so that running out of budget while fetching messages
	// can stop at a page boundary: the cursor after that page is then exactly right, and the threads of
	// the later pages come again next time.
	for (let page = 0; page < batch.pageCursors.length; page++) {
		if (page > 0 && budget.spent()) break;
		const threads: IDataObject[] = [];
		for (; next < batch.threads.length && batch.threads[next].page === page; next++) {
			threads.push(batch.threads[next].thread);
			newest = laterTime(newest, stringField(batch.threads[next].thread, 'updated_at'));
		}
		items.push(...(await eventsForThreads(worken, threads, classifier, limiter)));
		pagesDone = page + 1;
	}

	const caughtUp = batch.drained && pagesDone === batch.pageCursors.length;
	return {
		state: {
			...state,
			cursor: batch.pageCursors[pagesDone - 1],
			caughtUpAt: caughtUp ? laterTime(state.caughtUpAt, newest) : state.caughtUpAt,
			seen: seen.toEntries(),
		},
		items,
	};
}

async function productionPoll(
	ctx: IPollFunctions,
	worken: WorkenContext,
	settings: TriggerSettings,
): Promise<INodeExecutionData[][] | null> {
	const budget = startBudget(ctx);
	const stored = ctx.getWorkflowStaticData('node');
	const loaded = loadState(stored, settings.filterKey);
	let state: TriggerState = loaded ?? newActivation(settings, settings.includeExisting);

	let taken: TakenChanges | typeof CURSOR_REFUSED | undefined;
	try {
		if (state.phase === 'activating') {
			const { includeExisting } = state;
			const activated = await activate(worken, settings, state, budget);
			if (activated === CURSOR_REFUSED) return await startOver(ctx, worken, settings, budget);
			state = activated;
			// Without Include Existing Threads the first poll only finds the head of the feed.
			if (state.phase === 'activating' || !includeExisting) {
				saveState(stored, state);
				return null;
			}
		}
		taken = await takeChanges(worken, settings, state, budget);
	} catch (error) {
		throw asNodeError(ctx.getNode(), error, 0);
	}
	if (taken === CURSOR_REFUSED) return await startOver(ctx, worken, settings, budget);

	if (!taken) {
		// Nothing changed. Store only a state that is new (the activation just finished), never rewrite.
		if (!loaded || loaded.phase === 'activating') saveState(stored, state);
		return null;
	}
	saveState(stored, taken.state);
	return taken.items.length > 0 ? [taken.items.map((json) => ({ json }))] : null;
}

/** Retrying cannot help a refused cursor: watching starts again from the head of the feed, as on activation. */
async function startOver(
	ctx: IPollFunctions,
	worken: WorkenContext,
	settings: TriggerSettings,
	budget: PollBudget,
): Promise<null> {
	ctx.logger.warn(
		'Worken Trigger: Worken no longer accepts the stored feed cursor; watching starts again from now (changes since the last successful poll are not emitted)',
	);
	try {
		// A walk from the beginning sends no cursor, so it cannot be refused again.
		const state = await activate(worken, settings, newActivation(settings, false), budget);
		if (state !== CURSOR_REFUSED) saveState(ctx.getWorkflowStaticData('node'), state);
	} catch (error) {
		throw asNodeError(ctx.getNode(), error, 0);
	}
	return null;
}

export async function pollWorken(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	// Read at every poll, so that a changed key or Retry Options apply from the next poll on.
	const worken = await openWorkenContext(this, 0, retryPolicy(this.getNodeParameter(RETRY_OPTIONS_NAME, {})));
	if (this.getMode() === 'manual') return await sampleEvents(worken, settings);
	return await productionPoll(this, worken, settings);
}
