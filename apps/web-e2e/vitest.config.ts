import { defineConfig } from 'vitest/config';

/** Browser tests: the built server and web app in headless Chromium, one file at a time. */
export default defineConfig({
  test: {
    name: 'web-e2e',
    include: ['src/**/*.e2e-spec.ts'],
    globalSetup: ['src/support/global-setup.ts'],
    testTimeout: 60_000,
    // beforeAll starts the server (up to 60 s until ready) and the browser.
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
