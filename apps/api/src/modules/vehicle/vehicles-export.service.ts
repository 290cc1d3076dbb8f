import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { csvLines } from '../import/csv-writer.js';
import { checkExportSize, exportBatches } from '../import/csv-export.js';
import { VEHICLE_IMPORT_COLUMNS, seesAssignments } from '@partner-hub/domain';
import type { VehicleImportColumn } from '@partner-hub/domain';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import { visibleAccessWhere } from '../access/owner-access.js';
import { OwnerVehicleAccess } from '../owner/owner-vehicle-access.entity.js';
import { partnerScope } from '../access/partner-scope.js';
import { accessSubject } from '../access/vehicle-access.js';
import { Vehicle } from './vehicle.entity.js';
import { VEHICLE_SORT_COLUMNS, vehiclesWhere } from './vehicle.service.js';
import type { VehicleFilterInput, VehicleOrderInput } from './vehicle.service.js';

/**
 * CSV export of the vehicles list (DESIGN.md §4): the same filter, scope and order as `vehicles`,
 * every page, in exactly the columns of vehicles.csv, so an export imports again (into another
 * principal that has the same Partner IDs). Read in keyset batches of 1,000 vehicles with two
 * set-based queries per batch (owners, assignments) — never a query per row.
 *
 * - `owner_email`: the e-mail of the vehicle's first OWNER (the earliest OWNER access) among the
 *   owners the `owners` field shows the viewer; USERs are not exported. Empty for a viewer without
 *   `owners:read` (a technician) and for a vehicle seen only through a job grant.
 * - `partner_id`: the Partner ID of the vehicle's earliest open assignment (by assignment time)
 *   among the partners the viewer may see — a partner never learns of assignments outside its
 *   own subtree. Empty for a viewer who does not see assignments (a technician). A vehicle
 *   assigned to several partners exports one of them; the others are not in the file.
 */

/** The most rows one export writes; a larger view must be narrowed by its filters first. */
export const MAX_VEHICLE_EXPORT_ROWS = 100_000;

/**
 * The first OWNER's e-mail of each vehicle among the owner accesses the viewer may see — the
 * `owners` field's rule (`visibleAccessWhere`: none through a job grant): one query for a batch.
 */
async function firstOwnerEmails(em: EntityManager, vehicleIds: readonly string[], visibleAccess: FilterQuery<OwnerVehicleAccess>): Promise<Map<string, string>> {
  const rows = await em.find(
    OwnerVehicleAccess,
    { $and: [{ vehicle: { $in: [...vehicleIds] }, kind: 'OWNER' }, visibleAccess] },
    { populate: ['owner'], fields: ['vehicle', 'owner.email'], strategy: 'joined', orderBy: { createdAt: 'asc', id: 'asc' } },
  );
  const emails = new Map<string, string>();
  for (const row of rows) if (!emails.has(row.vehicle.id)) emails.set(row.vehicle.id, row.owner.email);
  return emails;
}

/** The Partner ID of each vehicle's earliest open assignment, among `partnerIds` when given: one query for a batch. */
async function firstAssignedCodes(em: EntityManager, vehicleIds: readonly string[], partnerIds: readonly string[] | null): Promise<Map<string, string>> {
  const rows: { vehicle_id: string; code: string }[] = await em.getConnection().execute(
    `select distinct on (a.vehicle_id) a.vehicle_id, p.code
       from vehicle_assignment a join partner p on p.id = a.partner_id
      where a.vehicle_id = any(?::uuid[]) and a.unassigned_at is null ${partnerIds ? 'and a.partner_id = any(?::uuid[])' : ''}
      order by a.vehicle_id, a.assigned_at, a.id`,
    partnerIds ? [uuidArray(vehicleIds), uuidArray(partnerIds)] : [uuidArray(vehicleIds)],
  );
  return new Map(rows.map((r) => [r.vehicle_id, r.code]));
}

interface RowContext {
  vehicle: Vehicle;
  ownerEmail: string;
  partnerCode: string;
}

const CELL: Record<VehicleImportColumn, (row: RowContext) => string | number> = {
  vin: ({ vehicle }) => vehicle.vin,
  make: ({ vehicle }) => vehicle.make,
  model: ({ vehicle }) => vehicle.model,
  year: ({ vehicle }) => vehicle.year ?? '',
  license_plate: ({ vehicle }) => vehicle.plate ?? '',
  device_serial: ({ vehicle }) => vehicle.deviceSerial ?? '',
  device_model: ({ vehicle }) => vehicle.deviceModel ?? '',
  firmware: ({ vehicle }) => vehicle.firmware ?? '',
  owner_email: ({ ownerEmail }) => ownerEmail,
  partner_id: ({ partnerCode }) => partnerCode,
};

/**
 * The vehicles list as CSV text (header first), exactly the rows and order the list shows, in
 * vehicles.csv's columns.
 * @throws ValidationFailed when the view has more than {@link MAX_VEHICLE_EXPORT_ROWS} vehicles
 */
export async function exportVehiclesCsv(ctx: RequestContext, filter: VehicleFilterInput, order: VehicleOrderInput): Promise<string> {
  const where = await vehiclesWhere(ctx, filter);
  const subject = accessSubject(ctx);
  // the cell follows the `owners` field: its permission, and of the owners only those it shows
  const visibleAccess = viewerOf(ctx).permissions.has('owners:read') ? await visibleAccessWhere(ctx) : null;
  const withAssignments = subject.kind === 'PRINCIPAL_STAFF' || seesAssignments(subject.role);
  const scope = await partnerScope(ctx);
  const partnerIds = scope.all ? null : [...scope.visible];
  // a fork of its own, cleared after each batch, so 100,000 rows never sit in the request's identity map
  const em = ctx.em.fork();
  await checkExportSize(em, Vehicle, where, MAX_VEHICLE_EXPORT_ROWS, 'vehicles');
  const lines: string[] = [csvLines([[...VEHICLE_IMPORT_COLUMNS]])];
  for await (const vehicles of exportBatches(em, Vehicle, where, { orderBy: VEHICLE_SORT_COLUMNS[order.field], direction: order.direction, maxRows: MAX_VEHICLE_EXPORT_ROWS })) {
    const ids = vehicles.map((v) => v.id);
    const [owners, codes] = await Promise.all([
      visibleAccess ? firstOwnerEmails(em, ids, visibleAccess) : new Map<string, string>(),
      withAssignments && (partnerIds === null || partnerIds.length > 0) ? firstAssignedCodes(em, ids, partnerIds) : new Map<string, string>(),
    ]);
    const records = vehicles.map((vehicle) => {
      const row = { vehicle, ownerEmail: owners.get(vehicle.id) ?? '', partnerCode: codes.get(vehicle.id) ?? '' };
      return VEHICLE_IMPORT_COLUMNS.map((column) => CELL[column](row));
    });
    lines.push(csvLines(records));
  }
  return lines.join('');
}
