/**
 * The Worken sandbox: a local HTTP server implementing the Worken public REST API contract
 * (docs/worken-api.md; the sandbox itself: sandbox/README.md), for tests, benchmarks and demos.
 */
export { startSandbox } from './server';
export type { Sandbox } from './server';
export { SandboxControl } from './control';
export { ApiError } from './errors';
export type { FaultMixSpec, MixFaultKind, RedirectSpec } from './chaos';
export type { ThreadChange } from './changeJournal';
export { startCatcher } from './catcher';
export type { Catcher, CaughtRequest } from './catcher';
export { PLAN_LIMITS } from './rateLimit';
export { ManualClock, realClock } from './clock';
export type { SandboxClock } from './clock';
export { DEVIATIONS, parseDeviations } from './deviations';
export type { Deviation } from './deviations';
export * from './types';
export { createDemoProject, DEMO_SEED } from './demo';
export type { DemoProject as SeededDemoProject } from './demo';

/**
 * Where `npm run sandbox` and the demo listen. Not 5678 (n8n), 5679 (n8n 2.x's task broker), 5680/5681 (its
 * runner health checks): a sandbox started first must never keep the user's own n8n from starting.
 */
export const DEFAULT_SANDBOX_PORT = 5690;
