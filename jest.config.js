/** Unit and integration tests: the built nodes run inside n8n-core against the in-process sandbox. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/global-setup.js',
	setupFiles: ['<rootDir>/test/setup-env.js'],
	// A guard against a hung test, not a speed check: a test that reads a thousand pages takes 10 s alone and
	// over 30 s on a machine shared with other jobs.
	testTimeout: 120000,
};
