import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';

/**
 * The vehicles list seeks on its indexes: a page deep into 5,000 vehicles — newest first and by make —
 * reads the page's rows, not the rows before it (the plan's index condition carries the row
 * comparison; nothing is filtered away), and the tab's total comes from the counter.
 */

let app: TestApp;
let admin: string;
let principalId: string;
const ROWS = 5_000;

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  const world = await buildWorld(em);
  await em.flush();
  principalId = world.principalA.id;
  // creation times a millisecond apart with ties, a few makes: keyset orders with many equal values
  await em.getConnection().execute(
    `insert into vehicle (id, created_at, updated_at, principal_id, vin, make, model)
     select gen_random_uuid(), timestamptz '2026-01-01' + (i / 3) * interval '1 millisecond', now(), ?,
            'KS' || lpad(i::text, 15, '0'), (array['Audi', 'BMW', 'Kia', 'Skoda'])[1 + i % 4], 'M'
       from generate_series(1, ?) as i`,
    [principalId, ROWS],
  );
  await em.getConnection().execute('analyze vehicle');
  admin = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

const PAGE = `query($after: String, $first: Int, $orderBy: VehicleOrder) { vehicles(first: $first, after: $after, orderBy: $orderBy) { totalCount edges { cursor node { id } } } }`;

/** The plan of a captured statement run again with its parameters, its nodes flattened. */
async function planOf(statement: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const [{ 'QUERY PLAN': plan }] = await app.systemEm().getConnection().execute(`explain (analyze, format json) ${statement}`, params);
  const nodes: Record<string, unknown>[] = [];
  const walk = (node: Record<string, unknown>) => {
    nodes.push(node);
    for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk(plan[0].Plan);
  return nodes;
}

describe('the vehicles list, deep', () => {
  for (const [field, column, direction, comparison] of [
    ['CREATED_AT', 'created_at', 'DESC', '<'],
    ['MAKE', 'make', 'ASC', '>'],
  ] as const) {
    it(`reads a page after 4,000 vehicles by ${field} with an index condition, filtering nothing away`, async () => {
      const [row] = await app.systemEm().getConnection().execute(
        `select id, ${column} as value from vehicle where principal_id = ? and archived_at is null order by ${column} ${direction}, id ${direction} offset 4000 limit 1`,
        [principalId],
      );
      const value = row.value instanceof Date ? row.value.toISOString() : row.value;
      const cursor = Buffer.from(JSON.stringify([value, row.id, row.value instanceof Date ? 'd' : 'v'])).toString('base64url');
      const statements = await app.captureStatements(async () => {
        const { data, errors } = await app.gql(PAGE, { after: cursor, first: 50, orderBy: { field, direction } }, { sessionToken: admin });
        expect(errors).toBeUndefined();
        expect(data?.['vehicles'].edges).toHaveLength(50);
        expect(data?.['vehicles'].totalCount).toBe(ROWS);
      });
      const page = statements.find((s) => /from "vehicle" as t/.test(s) && /limit/.test(s));
      expect(page, statements.join('\n')).toBeDefined();
      expect(statements.some((s) => /count\(\*\)/.test(s)), statements.join('\n')).toBe(false);
      const nodes = await planOf(page!, [principalId, value, row.id, 51]);
      const scan = nodes.find((n) => String(n['Node Type']).startsWith('Index') && n['Relation Name'] === 'vehicle');
      expect(scan?.['Index Cond'], JSON.stringify(nodes)).toMatch(new RegExp(`ROW\\(${column}, id\\) \\${comparison} ROW`));
      const removed = nodes.reduce((sum, n) => sum + Number(n['Rows Removed by Filter'] ?? 0), 0);
      expect(removed).toBeLessThan(100);
      expect(Number(scan?.['Actual Rows'])).toBeLessThanOrEqual(51);
    });
  }
});
