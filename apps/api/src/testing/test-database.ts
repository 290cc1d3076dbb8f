/**
 * One PostgreSQL database per integration-test file, cloned from the migrated template that
 * ./global-setup.ts prepared for this run (`CREATE DATABASE ... TEMPLATE ...` copies files, so a
 * clone takes milliseconds and starts with the full schema and no rows).
 *
 * Usage in a `*.int-spec.ts`:
 *
 * ```ts
 * import { afterAll, beforeAll } from 'vitest';
 * import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
 *
 * let db: TestDatabase;
 * beforeAll(async () => {
 *   db = await createTestDatabase();
 *   orm = await MikroORM.init({ ...config, clientUrl: db.url });
 * });
 * afterAll(async () => {
 *   await orm?.close();   // close every connection first: drop() forces the rest closed
 *   await db?.drop();
 * });
 * ```
 *
 * Tests in one file share the database, so each test builds its own data (factories) and
 * never relies on another test's rows or order.
 */
import { inject } from 'vitest';
import { quoteIdent, withPgClient } from '../db/embedded-postgres.js';
import { testDatabaseName, withDatabase } from './db-names.js';

export interface TestDatabase {
  /** connection URL of the new database */
  url: string;
  /** database name, `ph_test_<run>_<random>` */
  name: string;
  /** Drops the database (closing leftover connections). Safe to call more than once. */
  drop(): Promise<void>;
}

/** Creates a fresh, migrated database for the calling test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('testDbAdminUrl');
  const template = inject('testDbTemplate');
  if (!adminUrl || !template) {
    throw new Error('No test database server: run integration tests through apps/api/vitest.config.ts (globalSetup).');
  }
  const name = testDatabaseName(template);
  await withPgClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
  let dropping: Promise<void> | undefined;
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () =>
      (dropping ??= withPgClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      })),
  };
}
