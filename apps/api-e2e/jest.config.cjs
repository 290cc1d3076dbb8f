/** Black-box tests of the built server (apps/api/dist/main.js) over HTTP and WebSocket. */
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // Each spec file starts its own server on a copy of the data dir prepared once here (initdb, migrations, seed).
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  // a safety net, not a pace: on a busy 2-core machine a test that waits for a server can take a while
  testTimeout: 120_000,
  // Two servers with PostgreSQL at once is what a 2-core CI machine handles well.
  maxWorkers: 2,
};
