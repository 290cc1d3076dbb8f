import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IMPORT_LIMITS, planVehiclesImport, readVehiclesTable, vehicleKeysNamedIn } from '@partner-hub/domain';
import type { ImportOwnerRef, ImportPartnerRef, VehicleFields, VehiclesImportPlan } from '@partner-hub/domain';
import { v7 as uuidv7 } from 'uuid';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { Owner } from '../owner/owner.entity.js';
import { OwnerVehicleAccess } from '../owner/owner-vehicle-access.entity.js';
import { Vehicle } from './vehicle.entity.js';
import { VehicleAssignment } from './vehicle-assignment.entity.js';
import { readCsv } from '../import/csv-reader.js';
import type { ImportBatch } from '../import/import-batch.entity.js';
import { INSERT_CHUNK } from '../import/import-common.js';
import type { CsvImportInput } from '../import/import-common.js';
import { commitCsvImport, validateCsvImport } from '../import/import-commit.js';
import type { CsvImporter, ImportAnalysis, ImportOutcome } from '../import/import-commit.js';

/**
 * The vehicles.csv import (DESIGN.md §4) on the database: a dry run that reports every problem
 * by line and column, the warnings, and what would be created (vehicles, new owners, OWNER
 * accesses, assignments); a commit that creates all of it or nothing in one transaction, kept as
 * an import batch that every created row points at. Three lookups serve the whole file (its
 * VINs, Partner IDs and owner e-mails among the principal's) — never a query per row — and the
 * rows are written with multi-row INSERTs. Principal staff with `vehicles:write` only.
 */

export interface VehiclesImportAnalysis extends ImportAnalysis<VehiclesImportPlan> {
  /** the names of the partners the file assigns to, by Partner ID (for the preview) */
  partnerNames: ReadonlyMap<string, string>;
}

/** The principal's vehicles among the file's VINs (archived ones too: a VIN stays taken), one query on the (principal, vin) index. */
async function existingVinsOf(em: EntityManager, principalId: string, vins: readonly string[]): Promise<Map<string, { archived: boolean }>> {
  if (vins.length === 0) return new Map();
  const rows: { vin: string; archived: boolean }[] = await em
    .getConnection()
    .execute('select vin, archived_at is not null as archived from vehicle where principal_id = ? and vin in (select jsonb_array_elements_text(?::jsonb))', [
      principalId,
      JSON.stringify(vins),
    ]);
  return new Map(rows.map((r) => [r.vin, { archived: r.archived }]));
}

/** The principal's partners the file names, with id, archive state and name: one query on the (principal, code) index. */
async function partnersNamed(em: EntityManager, principalId: string, codes: readonly string[]): Promise<Map<string, ImportPartnerRef & { name: string }>> {
  if (codes.length === 0) return new Map();
  const rows: { code: string; id: string; archived: boolean; name: string }[] = await em.getConnection().execute(
    `select p.code, p.id, p.archived_at is not null as archived, o.name
       from partner p join organization o on o.id = p.organization_id
      where p.principal_id = ? and p.code in (select jsonb_array_elements_text(?::jsonb))`,
    [principalId, JSON.stringify(codes)],
  );
  return new Map(rows.map((r) => [r.code, { id: r.id, archived: r.archived, name: r.name }]));
}

/** The principal's owners the file names, by lower-cased e-mail: one query on the (principal, email) index. */
async function ownersNamed(em: EntityManager, principalId: string, emails: readonly string[]): Promise<Map<string, ImportOwnerRef>> {
  if (emails.length === 0) return new Map();
  const rows: { email: string; id: string; archived: boolean }[] = await em
    .getConnection()
    .execute('select email, id, archived_at is not null as archived from owner where principal_id = ? and email in (select jsonb_array_elements_text(?::jsonb))', [
      principalId,
      JSON.stringify(emails),
    ]);
  return new Map(rows.map((r) => [r.email, { id: r.id, archived: r.archived }]));
}

async function analyze(ctx: RequestContext, principalId: string, input: CsvImportInput, fileName: string): Promise<VehiclesImportAnalysis> {
  const csv = readCsv(input.content, IMPORT_LIMITS);
  if (!csv.table) {
    const read = { rowCount: csv.rowCount, rows: [], problems: csv.problems, warnings: [], keys: [] };
    const plan = planVehiclesImport(read, { existingVins: new Map(), partners: new Map(), owners: new Map() });
    return { fileName, plan, partnerNames: new Map(), unreadable: true };
  }
  const read = readVehiclesTable(csv.table);
  const keys = vehicleKeysNamedIn(read);
  const [existingVins, partners, owners] = await Promise.all([
    existingVinsOf(ctx.em, principalId, keys.vins),
    partnersNamed(ctx.em, principalId, keys.partnerCodes),
    ownersNamed(ctx.em, principalId, keys.ownerEmails),
  ]);
  const plan = planVehiclesImport({ ...read, rowCount: csv.rowCount, problems: [...csv.problems, ...read.problems] }, { existingVins, partners, owners });
  return { fileName, plan, partnerNames: new Map([...partners].map(([code, p]) => [code, p.name])), unreadable: false };
}

/**
 * The rows a planned import writes, as plain column values with ids made here (UUIDv7), each
 * pointing at the batch: the new owners, the vehicles, the OWNER accesses, the open assignments.
 */
function importRows(plan: VehiclesImportPlan, principalId: string, batchId: string, assignedBy: string) {
  const now = new Date();
  const base = () => ({ id: uuidv7(), createdAt: now, updatedAt: now, principal: principalId, importBatch: batchId });
  const owners = plan.newOwners.map((o) => ({ ...base(), email: o.email }));
  const ownerIdOf = new Map(owners.map((o) => [o.email, o.id]));
  const vehicles: (ReturnType<typeof base> & VehicleFields)[] = [];
  const accesses: (ReturnType<typeof base> & { owner: string; vehicle: string; kind: 'OWNER' })[] = [];
  const assignments: (ReturnType<typeof base> & { vehicle: string; partner: string; assignedAt: Date; assignedByLabel: string })[] = [];
  for (const row of plan.planned) {
    const vehicle = { ...base(), ...row.vehicle };
    vehicles.push(vehicle);
    if (row.owner) {
      const owner = row.owner.id ?? ownerIdOf.get(row.owner.email);
      if (!owner) throw new Error(`import plan: owner ${row.owner.email} of line ${row.line} is neither existing nor new`);
      accesses.push({ ...base(), owner, vehicle: vehicle.id, kind: 'OWNER' });
    }
    if (row.partner) assignments.push({ ...base(), vehicle: vehicle.id, partner: row.partner.id, assignedAt: now, assignedByLabel: assignedBy });
  }
  return { owners, vehicles, accesses, assignments };
}

async function insertChunked<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: readonly RequiredEntityData<T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await em.insertMany(entity, rows.slice(start, start + INSERT_CHUNK));
}

/**
 * Writes the new owners, the vehicles, each named owner's OWNER access and each `partner_id`'s open
 * assignment (assigned now, by the viewer), all pointing at the batch.
 */
async function writeVehicles(ctx: RequestContext, batch: ImportBatch, { plan }: VehiclesImportAnalysis, principalId: string): Promise<void> {
  const em = ctx.em;
  const rows = importRows(plan, principalId, batch.id, viewerOf(ctx).label);
  // multi-row inserts of plain rows in chunks: making and tracking 35,000 entities costs more than writing them
  await insertChunked(em, Owner, rows.owners);
  await insertChunked(em, Vehicle, rows.vehicles);
  await insertChunked(em, OwnerVehicleAccess, rows.accesses);
  await insertChunked(em, VehicleAssignment, rows.assignments);
}

const vehiclesImporter: CsvImporter<VehiclesImportAnalysis> = {
  kind: 'VEHICLES',
  audit: 'vehicle',
  analyze,
  created: ({ plan }) => ({
    createdCount: plan.counts.vehicles,
    ownersCreated: plan.counts.newOwners,
    ownerAccessesCreated: plan.counts.ownerAccesses,
    assignmentsCreated: plan.counts.assignments,
  }),
  write: writeVehicles,
  takenMeanwhile: 'Another change recorded some of these VINs or owner e-mails just now. Validate the file again.',
};

/** The dry run: every problem by line and column, the warnings, and what the file would create. Creates nothing. */
export function validateVehiclesImport(ctx: RequestContext, input: CsvImportInput): Promise<VehiclesImportAnalysis> {
  return validateCsvImport(ctx, vehiclesImporter, input);
}

/** The commit (see `commitCsvImport`): the vehicles, new owners, OWNER accesses and assignments of the file, or nothing. */
export function importVehicles(ctx: RequestContext, input: CsvImportInput): Promise<ImportOutcome<VehiclesImportAnalysis>> {
  return commitCsvImport(ctx, vehiclesImporter, input);
}
