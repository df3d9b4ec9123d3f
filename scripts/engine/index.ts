/**
 * Runs the built pack (dist/) inside n8n-core's real execution engine, with a credentials helper that
 * applies the credential's declared authentication as n8n's server does. Used by the tests, the benchmarks
 * and `npm run probe`; requests go over real HTTP.
 */
export * from './pack';
export * from './credentials-helper';
export * from './workflow';
export * from './run';
export * from './credential-test';
export * from './transport-call';
