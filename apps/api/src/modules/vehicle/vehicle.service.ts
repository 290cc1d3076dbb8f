import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { checkVin, vehicleDetailsSchema, vehicleSchema } from '@partner-hub/domain';
import { v7 as uuidv7, validate as isUuid } from 'uuid';
import { expectVersion } from '../../common/db/versioned.js';
import type { ExpectedVersion } from '../../common/db/versioned.js';
import { inTransaction, viewerOf } from '../../common/context/request-context.js';
import { filterIdsOpen } from '../access/filter-ids.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { principalIdsOf } from '../../common/auth/viewer.js';
import { idIn } from '../../common/db/subquery.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import { NotFound, ValidationFailed } from '../../common/errors/app-errors.js';
import { parseInput, parseUpdate } from '../../common/errors/parse-input.js';
import type { Page } from '../../common/graphql/connection.js';
import type { NodeSelection } from '../../common/graphql/node-selection.js';
import { diffFields, recordAudit } from '../audit/audit.service.js';
import { OwnerVehicleAccess } from '../owner/owner-vehicle-access.entity.js';
import type { Partner } from '../partner/partner.entity.js';
import { canSee, findManagedPartner, findVisiblePartner, partnerScope, partnerScopeNow } from '../access/partner-scope.js';
import { thenNow } from '../../common/context/now.js';
import type { Now } from '../../common/context/now.js';
import { subtreesOf } from '../access/partner-tree.queries.js';
import { findVisibleVehicle, readVisibleVehicle, heldVehiclesWhere, vehicleScopeWhere } from '../access/vehicle-access.js';
import { Vehicle } from './vehicle.entity.js';
import { VehicleAssignment } from './vehicle-assignment.entity.js';
import { containsPattern, escapeLike } from '../../common/db/like.js';
import { vehicleLoaders } from './vehicle.loaders.js';
import { vehiclesPage } from './vehicle.queries.js';

export const VEHICLE_SORT_FIELDS = ['VIN', 'MAKE', 'CREATED_AT'] as const;
export type VehicleSortField = (typeof VEHICLE_SORT_FIELDS)[number];

/** The column each sort field orders by (shared by the list and its CSV export); all NOT NULL, so keyset-sortable. */
export const VEHICLE_SORT_COLUMNS: Record<VehicleSortField, 'vin' | 'make' | 'createdAt'> = {
  VIN: 'vin',
  MAKE: 'make',
  CREATED_AT: 'createdAt',
};

export interface VehicleFilterInput {
  /** part of a VIN, plate or device serial */
  search?: string | null;
  /** only vehicles assigned to this partner (and, unless `directOnly`, to any partner below it) */
  partnerId?: string | null;
  directOnly?: boolean | null;
  /** only vehicles assigned to no partner at all */
  unassigned?: boolean | null;
  ownerId?: string | null;
  make?: string | null;
  model?: string | null;
  /** false (default): active only; true: archived only */
  archived?: boolean | null;
  importBatchId?: string | null;
}

export interface VehicleOrderInput {
  field: VehicleSortField;
  direction: 'ASC' | 'DESC';
}


const openAssignmentsOf = (em: EntityManager, partnerIds: readonly string[]) =>
  em.createQueryBuilder(VehicleAssignment, 'a').select('a.vehicle_id').where({ partner: { $in: [...partnerIds] }, unassignedAt: null }).getKnexQuery();

/**
 * The principal's vehicles without an open assignment, as `not exists` — an anti-join (`not in`
 * over a subquery of every open assignment degrades to a per-row scan once it outgrows work_mem).
 */
function unassignedVehicles(ctx: RequestContext): Knex.QueryBuilder {
  const knex = ctx.em.getKnex();
  return knex('vehicle as u')
    .select('u.id')
    .whereIn('u.principal_id', principalIdsOf(viewerOf(ctx)))
    .whereNotExists(knex('vehicle_assignment as a').select(knex.raw('1')).whereRaw('a.vehicle_id = u.id').whereNull('a.unassigned_at'));
}

/**
 * The filter of a vehicles export or bulk action (the list's, in SQL: vehicle.queries.ts): the viewer's ledger scope (or, for bulk assignment, the vehicles
 * it holds) plus the user's filters. The search
 * runs on trigram indexes; the partner filter on the open-assignment index.
 */
export async function vehiclesWhere(
  ctx: RequestContext,
  filter: VehicleFilterInput,
  field = 'filter',
  scope: 'visible' | 'held' = 'visible',
): Promise<FilterQuery<Vehicle>> {
  // a partner, owner or batch the viewer may not open filters to nothing, like an id that does not exist
  if (!(await filterIdsOpen(ctx, filter, { partnerId: 'partner', ownerId: 'owner', importBatchId: 'importBatch' }, field))) return { id: null };
  const conditions: FilterQuery<Vehicle>[] = [scope === 'held' ? await heldVehiclesWhere(ctx) : await vehicleScopeWhere(ctx)];
  const pattern = containsPattern(filter.search, `${field}.search`);
  if (pattern) {
    conditions.push({ $or: [{ vin: { $ilike: pattern } }, { plate: { $ilike: pattern } }, { deviceSerial: { $ilike: pattern } }] });
  }
  if (filter.partnerId) {
    const partnerIds = filter.directOnly ? [filter.partnerId] : (await subtreesOf(ctx.em, [filter.partnerId])).map((r) => r.id);
    conditions.push(idIn<Vehicle>(openAssignmentsOf(ctx.em, partnerIds)));
  }
  if (filter.unassigned) conditions.push(idIn<Vehicle>(unassignedVehicles(ctx)));
  if (filter.ownerId) {
    const owned = ctx.em.createQueryBuilder(OwnerVehicleAccess, 'o').select('o.vehicle_id').where({ owner: filter.ownerId }).getKnexQuery();
    conditions.push(idIn<Vehicle>(owned));
  }
  if (filter.make?.trim()) conditions.push({ make: { $ilike: escapeLike(filter.make.trim()) } });
  if (filter.model?.trim()) conditions.push({ model: { $ilike: escapeLike(filter.model.trim()) } });
  conditions.push({ archivedAt: filter.archived ? { $ne: null } : null });
  if (filter.importBatchId) {
    conditions.push({ importBatch: filter.importBatchId });
  }
  return { $and: conditions };
}

/**
 * A page of the vehicles the viewer may see, filtered and sorted (keyset-paginated): plain rows
 * (vehicle.queries.ts), narrowed to what the query's `selection` asks of the nodes.
 */
export function listVehicles(
  ctx: RequestContext,
  filter: VehicleFilterInput,
  order: VehicleOrderInput,
  first: number,
  after?: string | null,
  selection?: NodeSelection,
): Promise<Page<Vehicle>> {
  const direction = order.direction === 'ASC' ? 'asc' : 'desc';
  return vehiclesPage(ctx, filter, { orderBy: VEHICLE_SORT_COLUMNS[order.field], direction }, first, after, selection?.needs);
}

/** One vehicle the viewer may see, to read (`vehicle(id)`). */
export const getVehicle = readVisibleVehicle;

export interface VehicleDetailsInput {
  make: string;
  model: string;
  year?: number | null;
  plate?: string | null;
  deviceSerial?: string | null;
  deviceModel?: string | null;
  firmware?: string | null;
}

export interface CreateVehicleInput extends VehicleDetailsInput {
  vin: string;
}

const DETAIL_FIELDS = ['make', 'model', 'year', 'plate', 'deviceSerial', 'deviceModel', 'firmware'] as const;

/** A vehicle as it was created, with the doubts that did not stop it (a North-American check digit that does not match). */
export interface VehicleChange {
  vehicle: Vehicle;
  warnings: string[];
}

async function assertVinFree(em: EntityManager, principalId: string, vin: string): Promise<void> {
  if (await em.count(Vehicle, { principal: principalId, vin })) {
    throw ValidationFailed.of('vin', `A vehicle with the VIN ${vin} already exists.`);
  }
}

/** Records a new vehicle of the viewer's principal; the VIN must be new to the principal. */
export async function createVehicle(ctx: RequestContext, input: CreateVehicleInput): Promise<VehicleChange> {
  const fields = parseInput(vehicleSchema, input);
  const principalId = viewerOf(ctx).organizationId;
  return inTransaction(ctx, async (tx) => {
    await assertVinFree(tx.em, principalId, fields.vin);
    const vehicle = tx.em.create(Vehicle, { principal: principalId, ...fields });
    recordAudit(tx, {
      action: 'vehicle.created',
      objectType: 'Vehicle',
      objectId: vehicle.id,
      organizationId: principalId,
      changes: diffFields({}, fields, ['vin', ...DETAIL_FIELDS]),
    });
    await tx.em.flush();
    const { warning } = checkVin(fields.vin);
    return { vehicle, warnings: warning ? [warning] : [] };
  });
}

/**
 * Changes a vehicle's details (not its VIN, which is its identity): only the fields it is given, and
 * only if the vehicle is still the `expectedVersion` the client read (common/db/versioned.ts).
 */
export async function updateVehicle(ctx: RequestContext, id: string, input: VehicleDetailsInput & ExpectedVersion): Promise<Vehicle> {
  const fields = parseUpdate(vehicleDetailsSchema, input, DETAIL_FIELDS);
  return inTransaction(ctx, async (tx) => {
    const vehicle = await findVisibleVehicle(tx, id);
    expectVersion(vehicle, input.expectedVersion);
    const before = { ...vehicle };
    tx.em.assign(vehicle, fields);
    recordAudit(tx, {
      action: 'vehicle.updated',
      objectType: 'Vehicle',
      objectId: vehicle.id,
      organizationId: vehicle.principal.id,
      changes: diffFields(before, vehicle, DETAIL_FIELDS),
    });
    await tx.em.flush();
    return vehicle;
  });
}

/** Archives (or restores) a vehicle: hidden from lists by default, its assignments and history kept. */
export async function setVehicleArchived(ctx: RequestContext, id: string, archived: boolean): Promise<Vehicle> {
  return inTransaction(ctx, async (tx) => {
    const vehicle = await findVisibleVehicle(tx, id);
    const before = vehicle.archivedAt ?? null;
    if ((before !== null) === archived) {
      throw ValidationFailed.of('id', archived ? 'This vehicle is already archived.' : 'This vehicle is not archived.');
    }
    vehicle.archivedAt = archived ? new Date() : null;
    recordAudit(tx, {
      action: archived ? 'vehicle.archived' : 'vehicle.restored',
      objectType: 'Vehicle',
      objectId: vehicle.id,
      organizationId: vehicle.principal.id,
      changes: { archivedAt: { from: before, to: vehicle.archivedAt } },
    });
    await tx.em.flush();
    return vehicle;
  });
}

/** Which vehicles a bulk assignment is about: listed ids, or every vehicle matching a filter. */
export interface VehicleSelectionInput {
  vehicleIds?: string[] | null;
  filter?: VehicleFilterInput | null;
}

export interface AssignmentChange {
  partner: Partner;
  /** vehicles whose assignment changed */
  changedCount: number;
  /** selected vehicles that were already in the asked state */
  unchangedCount: number;
}

/**
 * Resolves a selection to vehicle ids the viewer holds and that are not archived — listed ids
 * must all qualify (an unknown or unheld one is NOT_FOUND for the whole request, never naming
 * which); a filter selects what it matches.
 */
async function selectedVehicleIds(ctx: RequestContext, selection: VehicleSelectionInput): Promise<string[]> {
  const hasIds = (selection.vehicleIds?.length ?? 0) > 0;
  if (hasIds === Boolean(selection.filter)) {
    throw ValidationFailed.of('vehicleIds', 'Select vehicles by their ids or by a filter (exactly one of the two).');
  }
  if (selection.filter) {
    const rows = await ctx.em.find(Vehicle, await vehiclesWhere(ctx, selection.filter, 'filter', 'held'), { fields: ['id'] });
    return rows.map((r) => r.id);
  }
  const ids = [...new Set(selection.vehicleIds)];
  if (!ids.every((id) => isUuid(id))) throw new NotFound('vehicle', 'vehicleIds');
  const rows = await ctx.em.find(Vehicle, { $and: [await heldVehiclesWhere(ctx), { id: { $in: ids } }] }, { fields: ['id', 'archivedAt'] });
  if (rows.length !== ids.length) throw new NotFound('vehicle', 'vehicleIds');
  const archived = rows.filter((r) => r.archivedAt).length;
  if (archived > 0) throw ValidationFailed.of('vehicleIds', `${archived} of the selected vehicles are archived; restore them first.`);
  return ids;
}

/**
 * The partner an assignment change targets: principal staff may target any partner of theirs;
 * a partner admin only the partners below its own (it passes on what it holds, and takes it back).
 */
async function assignmentTarget(ctx: RequestContext, partnerId: string): Promise<Partner> {
  const scope = await partnerScope(ctx);
  const partner = scope.all ? await findVisiblePartner(ctx, partnerId, 'partnerId') : await findManagedPartner(ctx, partnerId, 'partnerId');
  if (partner.archivedAt) throw ValidationFailed.of('partnerId', 'This partner is archived; restore it before assigning vehicles to it.');
  return partner;
}

const CHUNK = 5_000;

/** Assigns the selected vehicles to a partner (those already assigned to it stay as they are), all or nothing. */
export async function assignVehicles(ctx: RequestContext, partnerId: string, selection: VehicleSelectionInput): Promise<AssignmentChange> {
  const viewer = viewerOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const partner = await assignmentTarget(tx, partnerId);
    const ids = await selectedVehicleIds(tx, selection);
    const now = new Date();
    let changedCount = 0;
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = ids.slice(i, i + CHUNK).map((vehicleId) => ({
        id: uuidv7(),
        created_at: now,
        updated_at: now,
        principal_id: partner.principal.id,
        vehicle_id: vehicleId,
        partner_id: partner.id,
        assigned_at: now,
        assigned_by_label: viewer.label,
      }));
      const query = tx.em
        .getKnex()
        .insert(rows)
        .into('vehicle_assignment')
        .onConflict(tx.em.getKnex().raw('(vehicle_id, partner_id) where unassigned_at is null'))
        .ignore()
        .returning('id');
      const transaction = tx.em.getTransactionContext<Knex.Transaction>();
      const inserted: unknown[] = await (transaction ? query.transacting(transaction) : query);
      changedCount += inserted.length;
    }
    recordAudit(tx, {
      action: 'partner.vehiclesAssigned',
      objectType: 'Partner',
      objectId: partner.id,
      organizationId: partner.principal.id,
      changes: { vehiclesAssigned: { from: null, to: changedCount } },
    });
    await tx.em.flush();
    return { partner, changedCount, unchangedCount: ids.length - changedCount };
  });
}

/**
 * Takes the selected vehicles back from a partner and from every partner below it (what it
 * passed on goes back too). The periods are closed, not deleted: the ledger keeps them.
 */
export async function unassignVehicles(ctx: RequestContext, partnerId: string, selection: VehicleSelectionInput): Promise<AssignmentChange> {
  const viewer = viewerOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const partner = await assignmentTarget(tx, partnerId);
    const ids = await selectedVehicleIds(tx, selection);
    const subtree = (await subtreesOf(tx.em, [partner.id])).map((r) => r.id);
    const now = new Date();
    const taken = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows: { vehicle_id: string; partner_id: string }[] = await tx.em.getConnection().execute(
        `update vehicle_assignment set unassigned_at = ?, unassigned_by_label = ?, updated_at = ?
          where unassigned_at is null and partner_id = any(?::uuid[]) and vehicle_id = any(?::uuid[])
          returning vehicle_id, partner_id`,
        [now, viewer.label, now, uuidArray(subtree), uuidArray(ids.slice(i, i + CHUNK))],
        'all',
        tx.em.getTransactionContext(),
      );
      for (const row of rows) taken.add(row.vehicle_id);
    }
    recordAudit(tx, {
      action: 'partner.vehiclesUnassigned',
      objectType: 'Partner',
      objectId: partner.id,
      organizationId: partner.principal.id,
      changes: { vehiclesUnassigned: { from: null, to: taken.size } },
    });
    await tx.em.flush();
    return { partner, changedCount: taken.size, unchangedCount: ids.length - taken.size };
  });
}

/** The assignment periods of a vehicle the viewer may see — only to partners in the viewer's scope (never a sibling's). */
export function vehicleAssignments(ctx: RequestContext, vehicleId: string, includeEnded: boolean): Now<VehicleAssignment[]> {
  return thenNow(partnerScopeNow(ctx), (scope) =>
    thenNow(vehicleLoaders(ctx).assignmentsByVehicle.now(vehicleId), (rows) => rows.filter((a) => (includeEnded || !a.unassignedAt) && canSee(scope, a.partner.id))),
  );
}
