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

export const VEHICLES = 200_000;
/** bench.ts's partner ids: row g of the tree is `00000000-0000-7000-9000-<g in hex>` */
const partnerId = (g: number) => `00000000-0000-7000-9000-${g.toString(16).padStart(12, '0')}`;
/** root 11 of the bench tree: 11 → 110..119 → 1100..1199 → 11000..11999, about 1,111 partners */
const SUBTREE_ROOT = 11;

type Timer = (label: string, runs: number, fn: () => Promise<unknown>) => Promise<void>;

/** reads need no mailer, pub/sub or configuration */
const contextOf = (orm: MikroORM, viewer: Viewer) => contextForViewer(orm, null as never, viewer);

export async function benchVehicles(orm: MikroORM, time: Timer, principalId: string, otherId: string, partnerCount: number): Promise<void> {
  const connection = orm.em.getConnection();
  const fill = performance.now();
  for (const [principal, count, offset] of [[principalId, VEHICLES, 0], [otherId, VEHICLES / 4, VEHICLES]] as const) {
    // VIN-like, unique, searchable: 'W' + 16 characters derived from g; plates and serials likewise
    await connection.execute(
      `insert into vehicle (id, created_at, updated_at, principal_id, vin, make, model, year, plate, device_serial, device_model, firmware)
       select ('00000000-0000-7000-a000-' || lpad(to_hex(g), 12, '0'))::uuid, now() - (g || ' seconds')::interval, now(), ?::uuid,
              'W' || upper(substr(translate(md5(g::text), 'io', 'xy'), 1, 10)) || lpad(g::text, 6, '0'),
              (array['Aurora','Aurora Commercial','Borealis'])[1 + g % 3], (array['Orion','Vega','Nova','Cargo 3.5'])[1 + g % 4], 2015 + g % 12,
              'B-' || chr(65 + g % 26) || chr(65 + (g / 26) % 26) || ' ' || (g % 9999), 'CB' || lpad(g::text, 8, '0'), 'CloudBoxx 4', '4.2.1'
       from generate_series(? + 1, ? + ?) g`,
      [principal, offset, offset, count],
    );
  }
  // every vehicle but each tenth is assigned to one partner of the tree; some taken back earlier
  await connection.execute(
    `insert into vehicle_assignment (id, created_at, updated_at, principal_id, vehicle_id, partner_id, assigned_at, assigned_by_label, unassigned_at, unassigned_by_label)
     select ('00000000-0000-7000-b000-' || lpad(to_hex(g), 12, '0'))::uuid, now(), now(), ?::uuid,
            ('00000000-0000-7000-a000-' || lpad(to_hex(g), 12, '0'))::uuid,
            ('00000000-0000-7000-9000-' || lpad(to_hex(1 + g % ?), 12, '0'))::uuid,
            now() - interval '30 days', 'bench', case when g % 50 = 0 then now() - interval '1 day' end, case when g % 50 = 0 then 'bench' end
     from generate_series(1, ?) g where g % 10 <> 0`,
    [principalId, partnerCount, VEHICLES],
  );
  // a vacuumed table, as autovacuum keeps a live one: counts can use index-only scans
  await connection.execute('vacuum analyze vehicle');
  await connection.execute('vacuum analyze vehicle_assignment');
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
