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
	testTimeout: 30000,
};
