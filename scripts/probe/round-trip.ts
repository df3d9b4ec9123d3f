/**
 * `--write`: a create → update → delete round trip on a scratch bot (and its clone), chat and thread named
 * `probe-<time>`. Whatever was created is removed again, also when a step fails or the probe is stopped by
 * an error; a scratch object that cannot be removed is reported with its id.
 */
import type { IDataObject } from 'n8n-workflow';

import type { EndpointName, PathParams } from '../../nodes/transport/endpoints';
import type { ProbeClient } from './client';
import type { Row } from './rows';
import { rowFor, skippedRow } from './rows';

type DeleteEndpoint = 'deleteBot' | 'deleteChat' | 'deleteThread';

interface ScratchObject {
	what: string;
	remove: DeleteEndpoint;
	pathParams: PathParams;
	removed: boolean;
}

export class ScratchRoundTrip {
	readonly name: string;
	/** In creation order; removed in reverse. */
	private readonly created: ScratchObject[] = [];

	constructor(
		private readonly client: ProbeClient,
		private readonly rows: Row[],
		now: Date,
	) {
		this.name = `probe-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
	}

	/** Runs one write; returns the id of the object it answered with, if any. */
	private async step(name: EndpointName, pathParams: Record<string, string | undefined>, body: IDataObject, variant?: string): Promise<string | undefined> {
		const missing = Object.entries(pathParams).find(([, value]) => value === undefined);
		if (missing) {
			this.rows.push(skippedRow(this.client, name, `no scratch ${missing[0].replace(/Id$/, '')}: its create failed`, variant));
			return undefined;
		}
		const call = await this.client.call(name, { pathParams: pathParams as PathParams, body });
		this.rows.push(rowFor(this.client, name, call, { variant }));
		const answer = call.body;
		const id = typeof answer === 'object' && answer !== null ? (answer as IDataObject).id : undefined;
		return typeof id === 'string' && id !== '' ? id : undefined;
	}

	private remember(what: string, remove: DeleteEndpoint, key: string, id: string | undefined): string | undefined {
		if (id) this.created.push({ what, remove, pathParams: { [key]: id }, removed: false });
		return id;
	}

	/** Creates and changes the scratch objects (before the reads, so an empty project has something to read). */
	async createAndUpdate(): Promise<void> {
		const { name } = this;
		const botId = this.remember('bot', 'deleteBot', 'botId', await this.step('createBot', {}, { name, description: 'Scratch bot of npm run probe: safe to delete' }));
		await this.step('updateBot', { botId }, { name: `${name} (updated)` });
		await this.step('setBotStatus', { botId }, { status: 'disabled' });
		await this.step('updateBotSettings', { botId }, { ai: { instruction: 'Scratch bot of npm run probe.' } });
		this.remember('bot clone', 'deleteBot', 'botId', await this.step('cloneBot', { botId }, {}));

		const chatId = this.remember('chat', 'deleteChat', 'chatId', await this.step('createChat', {}, botId ? { name, bot_id: botId } : { name }));
		await this.step('updateChat', { chatId }, { name: `${name} (updated)` });

		const threadId = this.remember('thread', 'deleteThread', 'threadId', await this.step('createThread', { chatId }, { title: name }));
		await this.step('updateThread', { threadId }, { title: `${name} (updated)` });
		await this.step('setThreadMode', { threadId }, { mode: 'manual' });
		await this.step('sendOperatorMessage', { threadId }, { text: 'Scratch message of npm run probe.' });
	}

	/** Deletes thread, chat, clone and bot, each as a row of its own. */
	async remove(): Promise<void> {
		for (const object of [...this.created].reverse()) {
			const call = await this.client.call(object.remove, { pathParams: object.pathParams });
			const row = rowFor(this.client, object.remove, call, { variant: object.what === 'bot clone' ? 'the clone' : undefined });
			this.rows.push(row);
			if (call.raw && call.raw.status >= 200 && call.raw.status < 300) object.removed = true;
		}
	}

	/**
	 * The safety net (run in a finally): removes what is still there. Deleting a bot may already have taken
	 * its chat and thread with it, so a 404 here means "already gone".
	 */
	async cleanUp(): Promise<void> {
		for (const object of [...this.created].reverse()) {
			if (object.removed) continue;
			const call = await this.client.call(object.remove, { pathParams: object.pathParams }, { evenIfStopped: true });
			const status = call.raw?.status;
			if (status !== undefined && ((status >= 200 && status < 300) || status === 404)) {
				object.removed = true;
				continue;
			}
			const id = Object.values(object.pathParams)[0];
			const { method, path } = this.client.endpoints[object.remove];
			this.rows.push({
				endpoint: object.remove,
				method,
				path,
				variant: 'clean-up',
				status,
				outcome: 'differs',
				differences: [
					{
						text: `could not remove the scratch ${object.what} ${id} (${this.name}): remove it by hand`,
						nodesCope: false,
						fix: `delete the ${object.what} ${id} in Worken`,
					},
				],
			});
		}
	}
}
