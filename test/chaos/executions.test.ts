/**
 * Which items of an execution the chaos run counts as delivered: the trigger's run, or, when n8n was
 * killed before that run was saved, the items waiting in the execution stack (what n8n's Retry runs).
 */
import { triggerItems } from './executions';

const TRIGGER = 'Worken Trigger';
const emitted = [{ json: { eventId: 'newThread:thr_1' } }, { json: { eventId: 'newMessage:msg_1' } }];
const stack = { nodeExecutionStack: [{ node: { name: TRIGGER }, data: { main: [emitted] } }] };

describe('items of a chaos execution', () => {
	it('a finished run: the trigger node output', () => {
		const execution = { id: 1, startedAt: '', data: { resultData: { runData: { [TRIGGER]: [{ data: { main: [emitted] } }] } } } };
		expect(triggerItems(execution, TRIGGER)).toEqual(emitted.map((item) => item.json));
	});

	it('killed before the trigger node ran: the items in the execution stack', () => {
		const execution = { id: 2, startedAt: '', data: { resultData: { runData: {} }, executionData: stack } };
		expect(triggerItems(execution, TRIGGER)).toEqual(emitted.map((item) => item.json));
	});

	it("recovered by n8n with a placeholder for the trigger's run: the items in the execution stack", () => {
		const placeholder = { data: { main: [[{ json: { isArtificialRecoveredEventItem: true } }]] } };
		const execution = { id: 3, startedAt: '', data: { resultData: { runData: { [TRIGGER]: [placeholder] } }, executionData: stack } };
		expect(triggerItems(execution, TRIGGER)).toEqual(emitted.map((item) => item.json));
	});
});
