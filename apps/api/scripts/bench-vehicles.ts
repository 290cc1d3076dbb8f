/**
 * The vehicles part of `npm run bench`: 200,000 vehicles of one principal (plus 50,000 of
 * another) assigned over the partners tree that bench.ts seeded, measured through the real list
 * service (the viewer's ledger scope, filters, keyset page and total count) for principal staff
 * and for a partner admin whose subtree holds about 11,000 vehicles.
 */
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { contextForViewer } from '../src/app/request-context.js';
import { makeViewer } from '../src/common/auth/viewer.js';
import type { Viewer } from '../src/common/auth/viewer.js';
import { listVehicles } from '../src/modules/vehicle/vehicle.service.js';
import type { VehicleFilterInput, VehicleOrderInput } from '../src/modules/vehicle/vehicle.service.js';
import { benchId, seedAssignments, seedVehicles } from './bench-data.js';

export const VEHICLES = 200_000;
const partnerId = (g: number) => benchId('partner', g);
/** root 11 of the bench tree: 11 → 110..119 → 1100..1199 → 11000..11999, about 1,111 partners */
const SUBTREE_ROOT = 11;

type Timer = (label: string, runs: number, fn: () => Promise<unknown>) => Promise<void>;

/** reads need no mailer, pub/sub or configuration */
const contextOf = (orm: MikroORM, viewer: Viewer) => contextForViewer(orm, null as never, viewer);

export async function benchVehicles(orm: MikroORM, time: Timer, principalId: string, otherId: string, partnerCount: number): Promise<void> {
  const connection = orm.em.getConnection();
  const fill = performance.now();
  await seedVehicles(connection, principalId, VEHICLES);
  await seedVehicles(connection, otherId, VEHICLES / 4, VEHICLES);
  await seedAssignments(connection, principalId, VEHICLES, partnerCount);
  process.stdout.write(`\nseeded ${VEHICLES + VEHICLES / 4} vehicles and their assignments in ${((performance.now() - fill) / 1000).toFixed(1)} s\n\n`);

  const staff = makeViewer({ kind: 'USER', userId: null, apiKeyId: null, sessionId: null, sessionExpiresAt: null, organizationId: principalId, organizationKind: 'PRINCIPAL', role: 'ADMIN', label: 'bench' });
  const root = await connection.execute(`select organization_id from partner where id = ?`, [partnerId(SUBTREE_ROOT)]);
  const dealer = makeViewer({
    kind: 'USER', userId: null, apiKeyId: null, sessionId: null, sessionExpiresAt: null,
    organizationId: (root[0] as { organization_id: string }).organization_id, organizationKind: 'PARTNER', role: 'ADMIN', label: 'bench dealer',
    partnerships: [{ partnerId: partnerId(SUBTREE_ROOT), principalId }],
  });
  const newest: VehicleOrderInput = { field: 'CREATED_AT', direction: 'DESC' };
  /** a page of 50 with its total count, as the web app asks for it */
  const page = async (viewer: Viewer, filter: VehicleFilterInput, order = newest, after: string | null = null) => {
    const result = await listVehicles(contextOf(orm, viewer), filter, order, 50, after);
    await result.totalCount;
    return result;
  };
  let deep: string | null = null;
  for (let i = 0; i < 40; i++) deep = (await listVehicles(contextOf(orm, staff), {}, { field: 'VIN', direction: 'ASC' }, 200, deep)).pageInfo.endCursor;

  await time('vehicles (staff): newest 50 + total', 20, () => page(staff, {}));
  await time('vehicles (staff): by VIN after 8,000 rows', 20, () => page(staff, {}, { field: 'VIN', direction: 'ASC' }, deep));
  await time('vehicles (staff): search a plate/VIN/serial part', 20, () => page(staff, { search: '4711' }));
  await time('vehicles (staff): a partner and its subtree (~11k)', 20, () => page(staff, { partnerId: partnerId(SUBTREE_ROOT) }));
  await time('vehicles (staff): unassigned', 20, () => page(staff, { unassigned: true }));
  await time('vehicles (staff): make + model', 20, () => page(staff, { make: 'Aurora', model: 'Vega' }));
  await time('vehicles (dealer, ~11k in its subtree): newest 50', 20, () => page(dealer, {}));
  await time('vehicles (dealer): search', 20, () => page(dealer, { search: '4711' }));

  process.stdout.write('\nplan of a dealer\'s first page (ledger scope as a semi-join on the open-assignment index):\n');
  const subtree = (await connection.execute(
    `with recursive sub as (select id from partner where id = ? union all select p.id from partner p join sub s on p.parent_id = s.id) select id from sub`,
    [partnerId(SUBTREE_ROOT)],
  )) as { id: string }[];
  const plan = await connection.execute(
    `explain (analyze, costs off, timing off) select v.* from vehicle v
      where v.principal_id = ? and v.archived_at is null
        and v.id in (select a.vehicle_id from vehicle_assignment a where a.partner_id = any(?::uuid[]) and a.unassigned_at is null)
      order by v.created_at desc, v.id desc limit 51`,
    [principalId, `{${subtree.map((r) => r.id).join(',')}}`],
  );
  for (const row of plan as { 'QUERY PLAN': string }[]) process.stdout.write(`  ${row['QUERY PLAN'].replace(/'\{[^}]*\}'/g, "'{…}'")}\n`);
}
