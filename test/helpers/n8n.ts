/**
 * The tests' way into n8n-core's engine: the built pack run in WorkflowExecute, PollContext,
 * LoadOptionsContext and RoutingNode (see scripts/engine, shared with the benchmarks and the probe).
 */
export * from '../../scripts/engine';
