/** Black-box tests of the built server (apps/api/dist/main.js) over HTTP and WebSocket. */
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // Each spec file starts its own server and embedded PostgreSQL (a few seconds each).
  testTimeout: 60_000,
  // Two servers with PostgreSQL at once is what a 2-core CI machine handles well.
  maxWorkers: 2,
};
