import type { NodeConnectionType } from 'n8n-workflow';

/**
 * The ordinary item connection, as a typed string rather than `NodeConnectionTypes.Main`: that value only
 * exists in n8n-workflow from n8n 1.85, and an older n8n cannot load a node description that reads it.
 */
export const MAIN_CONNECTION: NodeConnectionType = 'main';
