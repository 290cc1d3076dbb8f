import type { FilterQuery } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/postgresql';
import { validate as isUuid } from 'uuid';
import { memoize, viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { idIn } from '../../common/db/subquery.js';
import { NotFound } from '../../common/errors/app-errors.js';
import { accessSubject, heldVehiclesSql, heldVehiclesWhere } from './vehicle-access.js';
import type { VehicleSql } from './vehicle-access.js';
import { Vehicle } from '../vehicle/vehicle.entity.js';
import { OwnerVehicleAccess } from '../owner/owner-vehicle-access.entity.js';
import { Owner } from '../owner/owner.entity.js';

/**
 * Which owners a viewer may see (DESIGN.md §3), derived from the vehicle access ledger:
 * - principal staff: every owner of their principal (the tenant filter narrows to it);
 * - a partner's admins and staff: the owners with access to a vehicle the viewer holds now (assigned
 *   to its subtree), and of each owner only those accesses — never the rest of the owner's fleet.
 *   A job grant lets a service partner see a vehicle, never its owners (DESIGN.md §3).
 * Anything else answers exactly like a missing id.
 */

/**
 * `select id from vehicle where <the vehicles the viewer holds>` as a subquery (wrapped: a knex query
 * is thenable, and a promise resolving to it would run it), or `null` when the viewer sees every
 * vehicle of its principal (principal staff): no narrowing needed.
 */
async function visibleVehicleIds(ctx: RequestContext): Promise<{ subquery: Knex.QueryBuilder } | null> {
  if (accessSubject(ctx).kind === 'PRINCIPAL_STAFF') return null;
  const scope = await heldVehiclesWhere(ctx);
  return { subquery: ctx.em.createQueryBuilder(Vehicle, 'v').select('v.id').where(scope as never).getKnexQuery() };
}

/** `select <column> from owner_vehicle_access where vehicle_id in (<vehicle ids>)` as a subquery. */
function accessesTo(ctx: RequestContext, vehicleIds: Knex.QueryBuilder, column: 'id' | 'owner_id'): Knex.QueryBuilder {
  return ctx.em.getKnex().select(column).from('owner_vehicle_access').whereIn('vehicle_id', vehicleIds);
}

/** The filter that narrows an owners query to the owners the viewer may see (memoized per request). */
export function ownerScopeWhere(ctx: RequestContext): Promise<FilterQuery<Owner>> {
  return memoize(ctx, 'ownerScopeWhere', async () => {
    const vehicleIds = await visibleVehicleIds(ctx);
    return vehicleIds ? idIn<Owner>(accessesTo(ctx, vehicleIds.subquery, 'owner_id')) : {};
  });
}

/** The filter that narrows owners' vehicle accesses to the vehicles the viewer may see (a partner never learns the rest of an owner's fleet). */
export async function visibleAccessWhere(ctx: RequestContext): Promise<FilterQuery<OwnerVehicleAccess>> {
  const vehicleIds = await visibleVehicleIds(ctx);
  return vehicleIds ? idIn<OwnerVehicleAccess>(accessesTo(ctx, vehicleIds.subquery, 'id')) : {};
}

/**
 * {@link ownerScopeWhere} in SQL on the owner table's alias `t` (the read path's queries): the same
 * rule — for a partner, the owners with access to a vehicle it holds. Principal staff: no condition.
 */
export function ownerScopeSql(ctx: RequestContext): Promise<VehicleSql> {
  return memoize(ctx, 'ownerScopeSql', async () => {
    if (accessSubject(ctx).kind === 'PRINCIPAL_STAFF') return { where: [], params: [] };
    const held = await heldVehiclesSql(ctx, 'o."vehicle_id"');
    return { where: [`t."id" in (select o."owner_id" from "owner_vehicle_access" o where ${held.where.join(' and ')})`], params: held.params };
  });
}

/** {@link visibleAccessWhere} in SQL on the owner_vehicle_access table's alias `t`: the same rule. */
export async function visibleAccessSql(ctx: RequestContext): Promise<VehicleSql> {
  if (accessSubject(ctx).kind === 'PRINCIPAL_STAFF') return { where: [], params: [] };
  return heldVehiclesSql(ctx, 't."vehicle_id"');
}

/** Whether the viewer may read the principal's private annotations: its own principal's staff with the permission. */
export function readsAnnotations(ctx: RequestContext): boolean {
  const viewer = viewerOf(ctx);
  return viewer.organizationKind === 'PRINCIPAL' && viewer.permissions.has('ownerAnnotations:read');
}

/** Loads an owner the viewer may see, or fails exactly as if it did not exist. */
export async function findVisibleOwner(ctx: RequestContext, id: string, field = 'id'): Promise<Owner> {
  const owner = isUuid(id) ? await ctx.em.findOne(Owner, { $and: [{ id }, await ownerScopeWhere(ctx)] }) : null;
  if (!owner) throw new NotFound('owner', field);
  return owner;
}
