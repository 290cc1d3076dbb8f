import { defineConfig } from 'vitest/config';

/** Browser tests: the built server and web app in headless Chromium, one file at a time. */
export default defineConfig({
  test: {
    name: 'web-e2e',
    include: ['src/**/*.e2e-spec.ts'],
    globalSetup: ['src/support/global-setup.ts'],
    // A safety net, not a pace: tests wait for what the page shows; on a 2-core machine shared with other work
    // one browser test took over 60 s. The servers' start has its own bound (SERVER_START_BUDGET_MS in suite.ts).
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
