import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { containsPattern } from '../../common/db/like.js';
import { rowShape, selectRows } from '../../common/db/plain-rows.js';
import { keysetRows } from '../../common/graphql/connection.js';
import type { Page } from '../../common/graphql/connection.js';
import { filterIdsOpen } from '../access/filter-ids.js';
import { ownerScopeSql, readsAnnotations } from '../access/owner-access.js';
import type { VehicleSql } from '../access/vehicle-access.js';
import { Owner } from './owner.entity.js';
import type { OwnerFilterInput } from './owner.service.js';

/**
 * The owners list's read (issue 12): one hand-written statement for the page, plain rows shaped like
 * the owner (plain-rows.ts) — the condition of `ownersWhere` (owner.service.ts, which the CSV export
 * keeps) written as SQL on the owner table's alias `t`. The search reaches the private annotation only
 * for viewers who may read it (a match on annotation text would reveal it to anyone else).
 */
export async function ownersWhereSql(ctx: RequestContext, filter: OwnerFilterInput): Promise<VehicleSql> {
  // a vehicle the viewer may not open filters to nothing, like an id that does not exist (else it would tell who else uses it)
  if (!(await filterIdsOpen(ctx, filter, { vehicleId: 'vehicle' }))) return { where: ['false'], params: [] };
  const scope = await ownerScopeSql(ctx);
  const where = [...scope.where];
  const params = [...scope.params];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  const pattern = containsPattern(filter.search);
  if (pattern) {
    if (readsAnnotations(ctx)) {
      // the tenant filter does not reach a subquery: name the viewer's own principal explicitly
      add(
        `(t."name" ilike ? or t."email" ilike ? or t."id" in (select oa."owner_id" from "owner_annotation" oa
           where oa."principal_id" = ? and (oa."display_name" ilike ? or oa."external_user_id" ilike ?)))`,
        pattern,
        pattern,
        viewerOf(ctx).organizationId,
        pattern,
        pattern,
      );
    } else {
      add('(t."name" ilike ? or t."email" ilike ?)', pattern, pattern);
    }
  }
  if (filter.vehicleId) add('t."id" in (select o."owner_id" from "owner_vehicle_access" o where o."vehicle_id" = ?)', filter.vehicleId);
  add(filter.archived ? 't."archived_at" is not null' : 't."archived_at" is null');
  return { where, params };
}

/**
 * `totalCount` from the maintained counters (`owner_count`, kept by triggers on `owner`) for principal
 * staff looking at a tab (active or archived) with no other filter; every other list counts its rows,
 * bounded by what narrows it (a search, a vehicle's owners, a partner's held vehicles' owners).
 */
function countersTotal(ctx: RequestContext, filter: OwnerFilterInput): (() => Promise<number>) | undefined {
  if (viewerOf(ctx).organizationKind !== 'PRINCIPAL' || filter.search?.trim() || filter.vehicleId) return undefined;
  return async () => {
    const [row] = await selectRows<{ n: string | null }>(ctx.em, 'select sum(n) as n from "owner_count" where "principal_id" = ? and "archived" = ?', [
      viewerOf(ctx).organizationId,
      Boolean(filter.archived),
    ]);
    return Number(row?.n ?? 0);
  };
}

/** A page of the owners the viewer may see as plain rows. */
export async function ownersPage(
  ctx: RequestContext,
  filter: OwnerFilterInput,
  order: { orderBy: 'email' | 'createdAt'; direction: 'asc' | 'desc' },
  first: number,
  after: string | null | undefined,
): Promise<Page<Owner>> {
  return keysetRows(ctx.em, rowShape(ctx.em, Owner), {
    ...(await ownersWhereSql(ctx, filter)),
    first,
    after,
    ...order,
    total: countersTotal(ctx, filter),
  });
}
