/**
 * Errors leaving the trigger are n8n node errors, so n8n shows their message and description. The
 * shared transport already throws NodeApiError; anything else (e.g. an unreadable response) is wrapped.
 */
import type { IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export function asNodeError(ctx: IPollFunctions, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	// The same classes from another copy of n8n-workflow (n8n's own, when the pack brings one).
	if (error instanceof Error && (error.name === 'NodeApiError' || error.name === 'NodeOperationError')) {
		return error as NodeOperationError;
	}
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), {
		description: 'Worken answered in an unexpected way. Try again; if it keeps happening, check the Base URL in the Worken credential.',
	});
}
