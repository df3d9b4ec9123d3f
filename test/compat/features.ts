/**
 * What each n8n release can do with the pack, as the compat suite expects it. The thresholds were read in
 * n8n's source and are confirmed (or refuted) by the smoke run on the versions of COMPAT_VERSIONS:
 * - `<type>Tool` variants of community nodes with `usableAsTool`: on by default from n8n 1.85 (1.79–1.84
 *   only with N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true);
 * - live streaming: `isStreaming()` and `sendChunk(type, itemIndex, content)` on the execute context from
 *   n8n-core 1.103 (n8n 1.104); n8n 1.101 has only `sendChunk(type, content)`, which the node does not use.
 */
import { compareVersions } from '../../scripts/n8n/versions';

export interface Features {
	/** n8n derives the `workenTool` node an AI Agent can use. */
	aiTools: boolean;
	/** The Worken node streams a reply into a streaming Chat Trigger while it is written. */
	liveStreaming: boolean;
	/**
	 * The AI example (its AI Agent node is version 3) runs, so tool use can be checked end to end. n8n 1.104
	 * lacks that agent version (measured: activation fails with "Cannot read properties of undefined
	 * (reading 'execute')"); 2.0 has it.
	 */
	agentExample: boolean;
}

export function featuresOf(version: string): Features {
	return {
		aiTools: compareVersions(version, '1.85.0') >= 0,
		liveStreaming: compareVersions(version, '1.104.0') >= 0,
		agentExample: compareVersions(version, '2.0.0') >= 0,
	};
}

/**
 * The versions a plain `npm run test:compat` runs: the oldest release that resolves here, the last one
 * without `NodeConnectionTypes`, the first with it (and tool use on by default), the first with live
 * streaming, and the first 2.x. The newest 1.x and 2.x have the full e2e suite instead.
 */
export const COMPAT_VERSIONS = ['1.49.0', '1.82.3', '1.85.4', '1.104.2', '2.0.3'] as const;
