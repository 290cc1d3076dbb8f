import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withPgClient } from '../db/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

async function databaseExists(name: string): Promise<boolean> {
  return withPgClient(inject('testDbAdminUrl'), async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  });
}

describe('createTestDatabase', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('gives the test file its own database cloned from the migrated template', async () => {
    expect(db.name).toMatch(new RegExp(`^${inject('testDbTemplate').replace('ph_template_', 'ph_test_')}_`));
    const current = await withPgClient(db.url, async (c) => (await c.query('SELECT current_database() AS name')).rows[0]);
    expect(current?.['name']).toBe(db.name);
    expect(await databaseExists(inject('testDbTemplate'))).toBe(true);
  });

  it('keeps databases apart: a table made in one is absent from another', async () => {
    const other = await createTestDatabase();
    try {
      await withPgClient(db.url, (c) => c.query('CREATE TABLE only_here (id int)'));
      const found = await withPgClient(other.url, async (c) => (await c.query(`SELECT to_regclass('only_here') AS t`)).rows[0]);
      expect(found?.['t']).toBeNull();
    } finally {
      await other.drop();
    }
    expect(await databaseExists(other.name)).toBe(false);
  });

  it('drops even while a connection is still open, and more than once', async () => {
    const extra = await createTestDatabase();
    await withPgClient(extra.url, async () => {
      await extra.drop();
    });
    await extra.drop();
    expect(await databaseExists(extra.name)).toBe(false);
  });
});
