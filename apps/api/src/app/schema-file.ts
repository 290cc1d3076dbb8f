import { fileURLToPath } from 'node:url';

/** The committed schema, from apps/api/src/app (or dist/app) to libs/graphql-client. */
export const SCHEMA_FILE = fileURLToPath(new URL('../../../../libs/graphql-client/schema.graphql', import.meta.url));
