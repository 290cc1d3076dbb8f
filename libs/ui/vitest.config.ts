import { defineConfig } from 'vitest/config';
import { sharedAlias } from '../../.config/vitest.shared.ts';

export default defineConfig({
  resolve: { alias: sharedAlias },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    testTimeout: 180_000,
    // one jsdom and one module cache per worker, as in apps/web (antd loads once per worker, not once per file)
    isolate: false,
  },
});
