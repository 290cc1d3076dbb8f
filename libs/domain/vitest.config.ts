import { defineConfig } from 'vitest/config';

/** Unit tests of the shared domain rules: pure TypeScript, no DOM, no database. */
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts'],
    environment: 'node',
  },
});
