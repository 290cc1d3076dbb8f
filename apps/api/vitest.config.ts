import { defineConfig } from 'vitest/config';
// The shared config lives outside every Nx project, which the boundary rule cannot express.
import { sharedAlias } from '../../.config/vitest.shared.js';

/**
 * Unit tests (`*.spec.ts`) and integration tests (`*.int-spec.ts`, real PostgreSQL) of the api.
 * The global setup provides a migrated template database; see src/testing/test-database.ts.
 * Decorator metadata comes from tsconfig.json (experimentalDecorators + emitDecoratorMetadata),
 * which Vite 8's transformer honours.
 */
export default defineConfig({
  resolve: { alias: sharedAlias },
  test: {
    include: ['src/**/*.spec.ts', 'src/**/*.int-spec.ts'],
    environment: 'node',
    globalSetup: ['./src/testing/global-setup.ts'],
    // every test file: a field resolver reading more of a partial row than it declares fails loudly
    setupFiles: ['./src/testing/guard-partial-rows.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
