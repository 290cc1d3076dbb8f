import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeVehicle } from '../../modules/vehicle/vehicle.factory.js';

/**
 * Keyset pages seek on the index: a page deep into 20,000 jobs reads the page's rows, not the rows
 * before it (the plan's index condition carries the row comparison; nothing is filtered away).
 */

let app: TestApp;
let admin: string;
let principalId: string;
const ROWS = 20_000;

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  const world = await buildWorld(em);
  const vehicle = makeVehicle(em, world.principalA);
  await em.flush();
  principalId = world.principalA.id;
  // distinct creation times a millisecond apart, as the API writes them, plus ties on one instant
  await em.getConnection().execute(
    `insert into job (id, created_at, updated_at, principal_id, kind, status, vehicle_id, configuration)
     select gen_random_uuid(), timestamptz '2026-01-01' + (i / 3) * interval '1 millisecond', now(), ?, 'INSTALLATION', 'PENDING', ?, '{"settings": {}}'
       from generate_series(1, ?) as i`,
    [principalId, vehicle.id, ROWS],
  );
  await em.getConnection().execute('analyze job');
  admin = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

const PAGE = `query($after: String, $first: Int) { jobs(first: $first, after: $after, filter: { kind: INSTALLATION }, orderBy: { field: CREATED_AT, direction: DESC }) { edges { cursor node { id } } } }`;

/** The cursor of the row at `position` (0-based) in the list's order, as the API would have handed it out. */
async function cursorAt(position: number): Promise<{ cursor: string; createdAt: Date; id: string }> {
  const [row] = await app.systemEm().getConnection().execute(
    `select id, created_at from job where principal_id = ? and kind = 'INSTALLATION' and deleted_at is null order by created_at desc, id desc offset ? limit 1`,
    [principalId, position],
  );
  const createdAt = new Date(row.created_at);
  return { cursor: Buffer.from(JSON.stringify([createdAt.toISOString(), row.id, 'd'])).toString('base64url'), createdAt, id: row.id };
}

describe('keyset pagination', () => {
  it('walks every row exactly once across pages, ties on the sort column included', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let pages = 0;
    do {
      const { data, errors } = await app.gql(PAGE, { after, first: 200 }, { sessionToken: admin });
      expect(errors).toBeUndefined();
      const edges = data?.['jobs'].edges as { cursor: string; node: { id: string } }[];
      for (const edge of edges) seen.add(edge.node.id);
      after = edges.length === 200 ? (edges.at(-1)?.cursor ?? null) : null;
      pages++;
    } while (after && pages < 200);
    expect(seen.size).toBe(ROWS);
  });

  it('reads a page after 15,000 rows with an index condition, filtering nothing away', async () => {
    const after = await cursorAt(15_000);
    const statements = await app.captureStatements(() => app.gql(PAGE, { after: after.cursor, first: 50 }, { sessionToken: admin }));
    const page = statements.find((s) => /from "job"/.test(s) && /limit/.test(s));
    expect(page, statements.join('\n')).toBeDefined();
    const [{ 'QUERY PLAN': plan }] = await app.systemEm().getConnection().execute(`explain (analyze, format json) ${page}`, [principalId, 'INSTALLATION', after.createdAt, after.id, 51]);
    const nodes: Record<string, unknown>[] = [];
    const walk = (node: Record<string, unknown>) => {
      nodes.push(node);
      for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(plan[0].Plan);
    const scan = nodes.find((n) => String(n['Node Type']).startsWith('Index'));
    expect(scan?.['Index Cond'], JSON.stringify(plan)).toMatch(/ROW\(created_at, id\) < ROW/);
    const removed = nodes.reduce((sum, n) => sum + Number(n['Rows Removed by Filter'] ?? 0), 0);
    expect(removed).toBeLessThan(100);
    expect(Number(scan?.['Actual Rows'])).toBeLessThanOrEqual(51);
  });

  it('refuses a cursor that does not come from a page', async () => {
    const forged = Buffer.from(JSON.stringify([['a', 'b'], '0190a0a0-0000-7000-8000-000000000000', 'v'])).toString('base64url');
    const { data, errors } = await app.gql(PAGE, { after: forged, first: 5 }, { sessionToken: admin });
    expect(data?.['jobs']).toBeFalsy();
    expect(errors?.[0]?.message).toMatch(/cursor is not valid/);
  });
});
