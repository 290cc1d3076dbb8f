import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entriesFor, seesAssignments, whoCanAccessAt } from '@partner-hub/domain';
import type { AccessEntry, AccessSubject, AssignmentRecord, GrantRecord } from '@partner-hub/domain';
import { validate as isUuid } from 'uuid';
import { batched, contextLoaders, loaderById } from '../../common/context/loaders.js';
import { rowsWhere } from '../../common/db/plain-rows.js';
import { memoize, viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { thenNow } from '../../common/context/now.js';
import type { Now } from '../../common/context/now.js';
import { idIn } from '../../common/db/subquery.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import { NotFound } from '../../common/errors/app-errors.js';
import { partnerScope } from './partner-scope.js';
import { chainsAbove } from './partner-tree.queries.js';
import { AccessGrant } from '../vehicle/access-grant.entity.js';
import { Vehicle } from '../vehicle/vehicle.entity.js';
import { VehicleAssignment } from '../vehicle/vehicle-assignment.entity.js';

/**
 * Vehicle access, enforced from one ledger (DESIGN.md §3): assignment periods and job grants,
 * decided by the pure rules of libs/domain (vehicle-access.ts). Three readers share it:
 * - `accessVia`: the ledger entries of a vehicle that reach the viewer;
 * - `whoCanAccess`: every entry of a vehicle at a given time;
 * - `vehicleScopeWhere`: the same rule as a SQL filter for lists and for `findVisibleVehicle`'s
 *   lookup (a property test keeps it in agreement with the entries).
 */

/** The viewer as the ledger sees it. */
export function accessSubject(ctx: RequestContext): AccessSubject {
  const viewer = viewerOf(ctx);
  if (viewer.organizationKind === 'PRINCIPAL') return { kind: 'PRINCIPAL_STAFF' };
  return { kind: 'PARTNER', role: viewer.role, partnerIds: viewer.partnerships.map((p) => p.partnerId) };
}

const activeAt = (at: Date) => ({
  assignments: { assignedAt: { $lte: at }, $or: [{ unassignedAt: null }, { unassignedAt: { $gt: at } }] },
  grants: {
    startsAt: { $lte: at },
    $and: [{ $or: [{ endsAt: null }, { endsAt: { $gt: at } }] }, { $or: [{ endedAt: null }, { endedAt: { $gt: at } }] }],
  },
});

/** Every ledger entry of the given vehicles at `at`: two queries for the periods, one recursive query for the partners above. */
export async function ledgerEntries(em: EntityManager, vehicleIds: readonly string[], at: Date): Promise<Map<string, AccessEntry[]>> {
  const active = activeAt(at);
  const [assignmentRows, grantRows] = await Promise.all([
    em.find(VehicleAssignment, { vehicle: { $in: [...vehicleIds] }, ...active.assignments } as FilterQuery<VehicleAssignment>),
    em.find(AccessGrant, { vehicle: { $in: [...vehicleIds] }, ...active.grants } as FilterQuery<AccessGrant>),
  ]);
  const assignments: AssignmentRecord[] = assignmentRows.map((a) => ({
    id: a.id,
    vehicleId: a.vehicle.id,
    partnerId: a.partner.id,
    from: a.assignedAt,
    until: a.unassignedAt ?? null,
  }));
  const grants: GrantRecord[] = grantRows.map((g) => ({
    id: g.id,
    vehicleId: g.vehicle.id,
    partnerId: g.partner.id,
    jobId: g.jobId ?? null,
    startsAt: g.startsAt,
    endsAt: g.endsAt ?? null,
    endedAt: g.endedAt ?? null,
  }));
  const chains = await chainsAbove(em, [...new Set(assignments.map((a) => a.partnerId))]);
  const chainOf = (partnerId: string) => (chains.get(partnerId) ?? []).map((row) => row.id);
  return new Map(
    vehicleIds.map((id) => [
      id,
      whoCanAccessAt(
        at,
        assignments.filter((a) => a.vehicleId === id),
        grants.filter((g) => g.vehicleId === id),
        chainOf,
      ),
    ]),
  );
}

/** The context's loader of the ledger entries of each vehicle now, batched per tick. */
const ledgerLoader = contextLoaders((em) => batched((ids) => ledgerEntries(em, ids, new Date()), [] as AccessEntry[]));

/**
 * Why the viewer may see this vehicle now: `null` for principal staff (they see every vehicle of
 * their principal), otherwise the entries that reach the viewer (empty: it may not).
 */
export function accessViaEntries(ctx: RequestContext, vehicleId: string): Now<AccessEntry[] | null> {
  const subject = accessSubject(ctx);
  if (subject.kind === 'PRINCIPAL_STAFF') return null;
  return thenNow(ledgerLoader(ctx).now(vehicleId), (entries) => entriesFor(subject, entries));
}

/**
 * Loads a vehicle the viewer may see now, or fails exactly as if it did not exist: the ledger's rule
 * is part of the lookup's SQL (`vehicleScopeWhere`), so a vehicle out of reach costs the very
 * statements a missing id costs — its refusal cannot be told apart by time either.
 */
export async function findVisibleVehicle(ctx: RequestContext, id: string, field = 'id'): Promise<Vehicle> {
  const vehicle = isUuid(id) ? await ctx.em.findOne(Vehicle, { $and: [{ id }, await vehicleScopeWhere(ctx)] }) : null;
  if (!vehicle) throw new NotFound('vehicle', field);
  return vehicle;
}

/**
 * {@link findVisibleVehicle} for reading: a plain row (common/db/plain-rows.ts) — by the context's
 * by-id loader for principal staff (only the tenant filter applies), by one statement carrying the
 * ledger's rule ({@link vehicleScopeSql}) for a partner's people. Never for a change — load the
 * entity for that.
 */
export async function readVisibleVehicle(ctx: RequestContext, id: string, field = 'id'): Promise<Vehicle> {
  if (!isUuid(id)) throw new NotFound('vehicle', field);
  if (accessSubject(ctx).kind === 'PRINCIPAL_STAFF') {
    const vehicle = await loaderById(ctx, Vehicle).load(id);
    if (!vehicle) throw new NotFound('vehicle', field);
    return vehicle;
  }
  // the ledger's rule in the lookup's SQL, as findVisibleVehicle: out of reach costs what a missing id costs
  const scope = await vehicleScopeSql(ctx);
  const { rows } = await rowsWhere(ctx.em, Vehicle, { where: ['t."id" = ?', ...scope.where], params: [id, ...scope.params], orderBy: 't."id"' });
  const vehicle = rows[0];
  if (!vehicle) throw new NotFound('vehicle', field);
  loaderById(ctx, Vehicle).prime(id, vehicle);
  return vehicle;
}

/**
 * The vehicles the viewer may see now, as a filter for lists — the ledger's rule in SQL:
 * an open assignment to a partner in the viewer's subtree (admins and staff), or an active
 * grant for one of the viewer's partnerships (any role).
 */
export function vehicleScopeWhere(ctx: RequestContext): Promise<FilterQuery<Vehicle>> {
  return memoize(ctx, 'vehicleScopeWhere', async () => {
    const subject = accessSubject(ctx);
    if (subject.kind === 'PRINCIPAL_STAFF') return {};
    const reachable: FilterQuery<Vehicle>[] = [];
    if (subject.partnerIds.length > 0) {
      const grants = ctx.em
        .createQueryBuilder(AccessGrant, 'g')
        .select('g.vehicle_id')
        .where({ partner: { $in: [...subject.partnerIds] }, ...activeAt(new Date()).grants });
      reachable.push(idIn<Vehicle>(grants.getKnexQuery()));
      if (seesAssignments(subject.role)) reachable.push(await heldVehiclesWhere(ctx));
    }
    return reachable.length === 0 ? { id: null } : { $or: reachable };
  });
}

/**
 * The vehicles the viewer *holds*: every vehicle of the principal for principal staff; for a
 * partner, those with an open assignment in its subtree — what it may pass on and take back.
 * A job grant lets a partner see a vehicle, never hold it.
 */
export function heldVehiclesWhere(ctx: RequestContext): Promise<FilterQuery<Vehicle>> {
  return memoize(ctx, 'heldVehiclesWhere', async () => {
    const subject = accessSubject(ctx);
    if (subject.kind === 'PRINCIPAL_STAFF') return {};
    if (!seesAssignments(subject.role) || subject.partnerIds.length === 0) return { id: null };
    const scope = await partnerScope(ctx);
    const assignments = ctx.em
      .createQueryBuilder(VehicleAssignment, 'a')
      .select('a.vehicle_id')
      .where({ partner: { $in: [...scope.visible] }, unassignedAt: null });
    return idIn<Vehicle>(assignments.getKnexQuery());
  });
}

/** A condition on the vehicle table's alias `t` with its parameters (the read path's queries). */
export interface VehicleSql {
  where: string[];
  params: unknown[];
}

/**
 * {@link vehicleScopeWhere} in SQL on the vehicle table's alias `t` (the read path's queries): the
 * same rule — an active grant for one of the viewer's partnerships, or (admins and staff) an open
 * assignment in the viewer's subtree. Principal staff: no condition beyond the tenant filter.
 */
export function vehicleScopeSql(ctx: RequestContext): Promise<VehicleSql> {
  return memoize(ctx, 'vehicleScopeSql', async () => {
    const subject = accessSubject(ctx);
    if (subject.kind === 'PRINCIPAL_STAFF') return { where: [], params: [] };
    if (subject.partnerIds.length === 0) return { where: ['false'], params: [] };
    const now = new Date().toISOString();
    const reachable = [
      `t."id" in (select g."vehicle_id" from "access_grant" g where g."partner_id" = any(?::uuid[]) and g."starts_at" <= ?
         and (g."ends_at" is null or g."ends_at" > ?) and (g."ended_at" is null or g."ended_at" > ?))`,
    ];
    const params: unknown[] = [uuidArray(subject.partnerIds), now, now, now];
    if (seesAssignments(subject.role)) {
      const held = await heldVehiclesSql(ctx);
      reachable.push(...held.where);
      params.push(...held.params);
    }
    return { where: [`(${reachable.join(' or ')})`], params };
  });
}

/**
 * {@link heldVehiclesWhere} in SQL: the same rule, on a column holding a vehicle's id — the vehicle
 * table's `t."id"`, or another table's vehicle column (an owner's accesses: owner-access.ts).
 */
export async function heldVehiclesSql(ctx: RequestContext, vehicleId = 't."id"'): Promise<VehicleSql> {
  const subject = accessSubject(ctx);
  if (subject.kind === 'PRINCIPAL_STAFF') return { where: [], params: [] };
  if (!seesAssignments(subject.role) || subject.partnerIds.length === 0) return { where: ['false'], params: [] };
  const scope = await partnerScope(ctx);
  return {
    where: [`${vehicleId} in (select a."vehicle_id" from "vehicle_assignment" a where a."partner_id" = any(?::uuid[]) and a."unassigned_at" is null)`],
    params: [uuidArray([...scope.visible])],
  };
}
