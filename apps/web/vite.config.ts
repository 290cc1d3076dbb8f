import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';
import { sharedAlias } from '../../.config/vitest.shared.ts';

const API_ORIGIN = process.env['API_ORIGIN'] ?? 'http://localhost:4000';

/**
 * Workspace libraries resolve to their TypeScript sources. The shared `graphql` alias (one CJS file,
 * for Node test runs) is left out: in the browser every package must get graphql's ESM build, or
 * GraphiQL and Apollo would load two copies of it.
 */
const libAlias = sharedAlias.filter((entry) => String(entry.find) !== String(/^graphql$/));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [
    react(),
    // Every text asset is stored beside itself as .br and .gz at build time, so the api serves them without
    // compressing per request (apps/api/src/app/web-assets.ts picks the variant the browser accepts).
    compression({
      include: /\.(js|mjs|css|html|svg|json|txt|wasm)$/,
      exclude: /\.map$/,
      threshold: 1024,
      algorithms: [defineAlgorithm('gzip', { level: 9 }), defineAlgorithm('brotliCompress')],
    }),
  ],
  resolve: { alias: libAlias },
  server: {
    port: 4200,
    proxy: {
      '/graphql': { target: API_ORIGIN, changeOrigin: false, ws: true },
      '/imports': { target: API_ORIGIN, changeOrigin: false },
      '/healthz': { target: API_ORIGIN },
      '/exports': { target: API_ORIGIN },
    },
  },
  preview: {
    port: 4300,
    proxy: {
      '/graphql': { target: API_ORIGIN, changeOrigin: false, ws: true },
      '/imports': { target: API_ORIGIN, changeOrigin: false },
      '/healthz': { target: API_ORIGIN },
      '/exports': { target: API_ORIGIN },
    },
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps are written for error tracking but not referenced from the bundles; the api never serves *.map.
    sourcemap: 'hidden',
    // .vite/manifest.json: which chunks each entry loads (the sign-in page's JavaScript budget is checked on it).
    manifest: true,
    // Monaco (loaded on demand with the explorer) is one ~2.8 MB chunk; everything else stays far below.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL ships React-Compiler "use no memo" directives, which are meaningless in a bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // Long-lived framework code gets its own cacheable chunks; antd and page code split automatically,
        // so components only a lazy page uses (tables, date pickers, GraphiQL) load with that page.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            {
              name: 'apollo',
              test: /node_modules[\\/](@apollo[\\/]client|rxjs|@wry[\\/][^\\/]+|optimism|tslib)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    // the jsdom shims antd needs live with the component library
    setupFiles: [fileURLToPath(new URL('../../libs/ui/src/test-setup.ts', import.meta.url))],
    // A safety net, not a pace: tests wait for what the screen shows (Testing Library's waits, test-setup.ts).
    // On a 2-core machine shared with other work, a dialog test took 25 s alone (20 s failed three suites) and over 90 s beside two other files.
    testTimeout: 180_000,
    // Each worker runs its test files one after another in one jsdom with one module cache: antd, Apollo and the
    // generated documents load once per worker, not once per file (with isolation, loading them and setting up jsdom
    // took over 40 % of the suite). Tests share no state through modules: each renders its own Apollo cache and
    // router; the set-up cleans the DOM and the storages after every test (libs/ui/src/test-setup.ts).
    isolate: false,
  },
});
