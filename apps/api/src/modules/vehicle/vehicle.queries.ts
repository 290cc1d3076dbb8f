import type { RequestContext } from '../../common/context/request-context.js';
import { primeRows } from '../../common/context/loaders.js';
import { viewerOf } from '../../common/context/request-context.js';
import { containsPattern, escapeLike } from '../../common/db/like.js';
import { rowShape, selectRows } from '../../common/db/plain-rows.js';
import type { RowNeeds } from '../../common/db/plain-rows.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import { keysetRows } from '../../common/graphql/connection.js';
import type { Page } from '../../common/graphql/connection.js';
import { filterIdsOpen } from '../access/filter-ids.js';
import { subtreesOf } from '../access/partner-tree.queries.js';
import { vehicleScopeSql } from '../access/vehicle-access.js';
import type { VehicleSql } from '../access/vehicle-access.js';
import { Vehicle } from './vehicle.entity.js';
import type { VehicleFilterInput } from './vehicle.service.js';

/**
 * The vehicles list's read (issue 12): one hand-written statement for the page, plain rows shaped
 * like the vehicle (plain-rows.ts) — the condition of `vehiclesWhere` (vehicle.service.ts, which the
 * CSV export and the bulk actions keep) written as SQL on the vehicle table's alias `t`: the ledger's
 * rule (`vehicleScopeSql`), the search on the trigram indexes, the partner filter on the
 * open-assignment index.
 */
export async function vehiclesWhereSql(ctx: RequestContext, filter: VehicleFilterInput): Promise<VehicleSql> {
  // a partner, owner or batch the viewer may not open filters to nothing, like an id that does not exist
  if (!(await filterIdsOpen(ctx, filter, { partnerId: 'partner', ownerId: 'owner', importBatchId: 'importBatch' }))) return { where: ['false'], params: [] };
  const scope = await vehicleScopeSql(ctx);
  const where = [...scope.where];
  const params = [...scope.params];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  const pattern = containsPattern(filter.search);
  if (pattern) add('(t."vin" ilike ? or t."plate" ilike ? or t."device_serial" ilike ?)', pattern, pattern, pattern);
  if (filter.partnerId) {
    const partnerIds = filter.directOnly ? [filter.partnerId] : (await subtreesOf(ctx.em, [filter.partnerId])).map((r) => r.id);
    add('t."id" in (select a."vehicle_id" from "vehicle_assignment" a where a."partner_id" = any(?::uuid[]) and a."unassigned_at" is null)', uuidArray(partnerIds));
  }
  // an anti-join on the open-assignment index (`not in` over every open assignment degrades past work_mem)
  if (filter.unassigned) add('not exists (select 1 from "vehicle_assignment" a where a."vehicle_id" = t."id" and a."unassigned_at" is null)');
  if (filter.ownerId) add('t."id" in (select o."vehicle_id" from "owner_vehicle_access" o where o."owner_id" = ?)', filter.ownerId);
  if (filter.make?.trim()) add('t."make" ilike ?', escapeLike(filter.make.trim()));
  if (filter.model?.trim()) add('t."model" ilike ?', escapeLike(filter.model.trim()));
  add(filter.archived ? 't."archived_at" is not null' : 't."archived_at" is null');
  if (filter.importBatchId) add('t."import_batch_id" = ?', filter.importBatchId);
  return { where, params };
}

/**
 * Whether the maintained counters (`vehicle_count`, kept by triggers on `vehicle`) answer this list's
 * total: principal staff looking at a tab (active or archived) with no other filter. Every other list
 * counts its rows — bounded by the filter that narrows it (a search, a partner's, owner's or batch's
 * vehicles, a partner viewer's own).
 */
function countersCover(ctx: RequestContext, filter: VehicleFilterInput): boolean {
  const narrowed = filter.search?.trim() || filter.partnerId || filter.unassigned || filter.ownerId || filter.make?.trim() || filter.model?.trim() || filter.importBatchId;
  return viewerOf(ctx).organizationKind === 'PRINCIPAL' && !narrowed;
}

/** How many active (or archived) vehicles the principal has, from the counters. */
async function countVehicles(ctx: RequestContext, archived: boolean): Promise<number> {
  const [row] = await selectRows<{ n: string | null }>(ctx.em, 'select sum(n) as n from "vehicle_count" where "principal_id" = ? and "archived" = ?', [
    viewerOf(ctx).organizationId,
    archived,
  ]);
  return Number(row?.n ?? 0);
}

/**
 * A page of the vehicles the viewer may see as plain rows — narrowed to `needs` (what the query's selection
 * needs of each row, graphql/row-reads.ts), whole without it; `totalCount` from the counters where they
 * cover the filter.
 */
export async function vehiclesPage(
  ctx: RequestContext,
  filter: VehicleFilterInput,
  order: { orderBy: 'vin' | 'make' | 'createdAt'; direction: 'asc' | 'desc' },
  first: number,
  after: string | null | undefined,
  needs: RowNeeds | null = null,
): Promise<Page<Vehicle>> {
  const total = countersCover(ctx, filter) ? () => countVehicles(ctx, Boolean(filter.archived)) : undefined;
  return keysetRows(ctx.em, rowShape(ctx.em, Vehicle), {
    ...(await vehiclesWhereSql(ctx, filter)),
    first,
    after,
    ...order,
    total,
    // the principal (which names it: `principalName`) in the same statement — whole, primed into its by-id
    // loader, or narrowed to what the selection needs, kept for `rowNow` (common/context/loaders.ts)
    along: ['principal'],
    needs,
    related: (rows) => primeRows(ctx, rows),
  });
}
