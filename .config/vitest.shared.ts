import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Aliases every Vitest config shares:
 * - workspace libraries resolve to their TypeScript sources (no build needed to test);
 * - the bare `graphql` import resolves to one file, so only one copy of graphql loads
 *   ("Cannot use GraphQLSchema from another module or realm" otherwise).
 */
export const sharedAlias = [
  { find: /^graphql$/, replacement: require.resolve('graphql/index.js') },
  { find: /^@partner-hub\/domain$/, replacement: fileURLToPath(new URL('../libs/domain/src/index.ts', import.meta.url)) },
  {
    find: /^@partner-hub\/graphql-client$/,
    replacement: fileURLToPath(new URL('../libs/graphql-client/src/index.ts', import.meta.url)),
  },
  { find: /^@partner-hub\/ui$/, replacement: fileURLToPath(new URL('../libs/ui/src/index.ts', import.meta.url)) },
];
