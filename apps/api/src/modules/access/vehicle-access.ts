import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { entriesFor, seesAssignments, whoCanAccessAt } from '@partner-hub/domain';
import type { AccessEntry, AccessSubject, AssignmentRecord, GrantRecord } from '@partner-hub/domain';
import { validate as isUuid } from 'uuid';
import { batched, contextLoaders, loaderById } from '../../common/context/loaders.js';
import { memoize, viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { idIn } from '../../common/db/subquery.js';
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
export async function accessViaEntries(ctx: RequestContext, vehicleId: string): Promise<AccessEntry[] | null> {
  const subject = accessSubject(ctx);
  if (subject.kind === 'PRINCIPAL_STAFF') return null;
  return entriesFor(subject, await ledgerLoader(ctx).load(vehicleId));
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
 * {@link findVisibleVehicle} for reading: a plain row (common/db/plain-rows.ts) where the viewer sees
 * every vehicle of its principal (principal staff: only the tenant filter applies), the entity
 * otherwise. Never for a change — load the entity for that.
 */
export async function readVisibleVehicle(ctx: RequestContext, id: string, field = 'id'): Promise<Vehicle> {
  if (accessSubject(ctx).kind !== 'PRINCIPAL_STAFF') return findVisibleVehicle(ctx, id, field);
  const vehicle = isUuid(id) ? await loaderById(ctx, Vehicle).load(id) : null;
  if (!vehicle) throw new NotFound('vehicle', field);
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
