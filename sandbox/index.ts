/**
 * The Worken sandbox: a local HTTP server implementing the Worken public REST API contract
 * (/work/shared/worken-api.md → docs in sandbox/README.md), for tests, benchmarks and demos.
 */
export { startSandbox } from './server';
export type { Sandbox } from './server';
export { SandboxControl } from './control';
export { ApiError } from './errors';
export { PLAN_LIMITS } from './rateLimit';
export * from './types';
export { createDemoProject, DEMO_SEED } from './demo';
export type { DemoProject as SeededDemoProject } from './demo';
