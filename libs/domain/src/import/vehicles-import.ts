import { emailSchema } from '../identity/schemas.js';
import { partnerCodeSchema } from '../partner/partner-code.js';
import { checkVin } from '../vehicle/vin.js';
import { vehicleSchema } from '../vehicle/vehicle.js';
import type { VehicleFields } from '../vehicle/vehicle.js';
import { mapHeader, recordValues, sortProblems } from './csv-table.js';
import type { CsvTable, ImportProblem } from './csv-table.js';

/**
 * The vehicles.csv import (DESIGN.md §4), without a database: header mapping, per-row checks
 * with the same rules as the vehicle form (a wrong North-American check digit is a warning),
 * and the plan of what a file would create — vehicles, the owners named by `owner_email` that
 * do not exist yet, each vehicle's OWNER access and its assignment to `partner_id`. The API
 * looks up the principal's existing VINs, partners and owners in a few set-based queries.
 */

/** The columns of vehicles.csv, in the order an export writes them. */
export const VEHICLE_IMPORT_COLUMNS = [
  'vin',
  'make',
  'model',
  'year',
  'license_plate',
  'device_serial',
  'device_model',
  'firmware',
  'owner_email',
  'partner_id',
] as const;
export type VehicleImportColumn = (typeof VEHICLE_IMPORT_COLUMNS)[number];

export const VEHICLE_IMPORT_REQUIRED_COLUMNS: readonly VehicleImportColumn[] = ['vin', 'make', 'model'];

/** Vehicle form field → the CSV column it comes from. */
const FIELD_COLUMN: Record<string, VehicleImportColumn> = {
  vin: 'vin',
  make: 'make',
  model: 'model',
  year: 'year',
  plate: 'license_plate',
  deviceSerial: 'device_serial',
  deviceModel: 'device_model',
  firmware: 'firmware',
};

const COLUMN_ORDER: readonly VehicleImportColumn[] = VEHICLE_IMPORT_COLUMNS;

/** One row of vehicles.csv that passed its own checks. */
export interface VehicleImportRow {
  line: number;
  /** the vehicle as the form would save it (VIN and plate normalized, empty cells `null`) */
  vehicle: VehicleFields;
  /** the owner's e-mail, lower-cased, or `null` when the row names none */
  ownerEmail: string | null;
  /** the Partner ID to assign the vehicle to (normalized), or `null` */
  partnerId: string | null;
}

/**
 * The keys a row names, each when it is valid — also when other cells of the row have problems,
 * so a dry run reports a duplicate VIN or an unknown partner together with the row's own problems.
 */
export interface VehicleRowKeys {
  line: number;
  vin: string | null;
  ownerEmail: string | null;
  partnerId: string | null;
}

export interface VehicleRowResult {
  row: VehicleImportRow | null;
  keys: VehicleRowKeys;
  problems: ImportProblem[];
  warnings: ImportProblem[];
}

/**
 * Checks one row: VIN (a wrong North-American check digit is only a warning), make, model, year,
 * plate and the telematics unit with the vehicle form's rules and messages; `owner_email` as an
 * e-mail address; `partner_id` as a Partner ID — each problem on its own column.
 */
export function readVehicleRow(line: number, values: Record<VehicleImportColumn, string>): VehicleRowResult {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const problem = (column: VehicleImportColumn, message: string) => problems.push({ row: line, column, message });

  const parsed = vehicleSchema.safeParse({
    vin: values.vin,
    make: values.make,
    model: values.model,
    year: values.year.trim(),
    plate: values.license_plate,
    deviceSerial: values.device_serial,
    deviceModel: values.device_model,
    firmware: values.firmware,
  });
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const column = FIELD_COLUMN[String(issue.path[0])] ?? 'vin';
      if (seen.has(column)) continue;
      seen.add(column);
      problem(column, issue.message);
    }
  }
  const vinCheck = checkVin(values.vin);
  if (!vinCheck.error && vinCheck.warning) warnings.push({ row: line, column: 'vin', message: vinCheck.warning });

  let ownerEmail: string | null = null;
  if (values.owner_email.trim() !== '') {
    const email = emailSchema.safeParse(values.owner_email);
    if (email.success) ownerEmail = email.data;
    else problem('owner_email', email.error.issues[0]?.message ?? 'Enter a valid e-mail address.');
  }

  let partnerId: string | null = null;
  if (values.partner_id.trim() !== '') {
    const code = partnerCodeSchema.safeParse(values.partner_id);
    if (code.success) partnerId = code.data;
    else problem('partner_id', code.error.issues[0]?.message ?? 'A Partner ID has 5 letters or digits.');
  }

  const keys = { line, vin: vinCheck.error ? null : vinCheck.vin, ownerEmail, partnerId };
  // in the order of the columns, as people read the row
  problems.sort((a, b) => COLUMN_ORDER.indexOf(a.column as VehicleImportColumn) - COLUMN_ORDER.indexOf(b.column as VehicleImportColumn));
  if (problems.length > 0 || !parsed.success) return { row: null, keys, problems, warnings };
  return { row: { line, vehicle: parsed.data, ownerEmail, partnerId }, keys, problems, warnings };
}

export interface VehiclesTableRead {
  rowCount: number;
  /** the rows that passed their own checks */
  rows: VehicleImportRow[];
  problems: ImportProblem[];
  warnings: ImportProblem[];
  /** the keys of every row, in file order — also of rows with problems of their own */
  keys: VehicleRowKeys[];
}

/**
 * Reads every row of a vehicles.csv table (header mapping included). A required column missing
 * from the header is one problem of line 1; its rows are then not imported, without repeating it.
 */
export function readVehiclesTable(table: CsvTable): VehiclesTableRead {
  const mapping = mapHeader(table.header, VEHICLE_IMPORT_COLUMNS, VEHICLE_IMPORT_REQUIRED_COLUMNS);
  const problems = [...mapping.problems];
  const warnings: ImportProblem[] = [];
  const rows: VehicleImportRow[] = [];
  const keys: VehicleRowKeys[] = [];
  // a required column missing from the header is said once, on line 1, not again on every row
  const missing = new Set<string>(VEHICLE_IMPORT_REQUIRED_COLUMNS.filter((column) => !mapping.indexOf.has(column)));
  for (const record of table.records) {
    const result = readVehicleRow(record.line, recordValues(record, mapping, VEHICLE_IMPORT_COLUMNS));
    problems.push(...result.problems.filter((p) => !missing.has(p.column ?? '')));
    warnings.push(...result.warnings);
    keys.push(result.keys);
    if (result.row) rows.push(result.row);
  }
  return { rowCount: table.records.length, rows, problems, warnings, keys };
}

/** What the API must look up for a file: its VINs, Partner IDs and owner e-mails, each once. */
export function vehicleKeysNamedIn(read: Pick<VehiclesTableRead, 'keys'>): { vins: string[]; partnerCodes: string[]; ownerEmails: string[] } {
  const named = (pick: (keys: VehicleRowKeys) => string | null) => [...new Set(read.keys.flatMap((k) => pick(k) ?? []))];
  return { vins: named((k) => k.vin), partnerCodes: named((k) => k.partnerId), ownerEmails: named((k) => k.ownerEmail) };
}

/** A partner of the principal that a file's `partner_id` names. */
export interface ImportPartnerRef {
  id: string;
  archived: boolean;
}

/** An owner of the principal that a file's `owner_email` names. */
export interface ImportOwnerRef {
  id: string;
  archived: boolean;
}

export interface VehiclesImportContext {
  /** the VINs of the file that the principal already has (archived vehicles included), with their archive state */
  existingVins: ReadonlyMap<string, { archived: boolean }>;
  /** the partners the file names, by Partner ID (unknown ones are absent) */
  partners: ReadonlyMap<string, ImportPartnerRef>;
  /** the owners the file names, by lower-cased e-mail (new ones are absent) */
  owners: ReadonlyMap<string, ImportOwnerRef>;
}

/** One vehicle a file would create, with its owner and assignment. */
export interface PlannedVehicle extends VehicleImportRow {
  /** the partner it is assigned to, or `null` */
  partner: (ImportPartnerRef & { code: string }) | null;
  /** its owner: an existing one (by id) or one the import creates (`id: null`), or `null` */
  owner: { email: string; id: string | null } | null;
}

/** An owner the import creates: the first line that names the e-mail, and how many vehicles it gets. */
export interface PlannedOwner {
  email: string;
  line: number;
  vehicleCount: number;
}

/** How many objects of each kind a file would create (or did). */
export interface VehiclesImportCounts {
  vehicles: number;
  /** owners created because their e-mail is new to the principal */
  newOwners: number;
  /** owners that exist already and get access to imported vehicles */
  existingOwners: number;
  /** OWNER accesses: one per row with an `owner_email` */
  ownerAccesses: number;
  /** open assignments: one per row with a `partner_id` */
  assignments: number;
}

export interface VehiclesImportPlan {
  rowCount: number;
  /** the vehicles that would be created, in file order (rows with problems of their own are left out) */
  planned: PlannedVehicle[];
  /** the owners that would be created, in order of first use */
  newOwners: PlannedOwner[];
  counts: VehiclesImportCounts;
  /** blocking problems, in file order; the import creates nothing while there is one */
  problems: ImportProblem[];
  /** notes that do not block the import (e.g. a North-American check digit that does not match) */
  warnings: ImportProblem[];
}

/**
 * Plans an import of read rows against what the principal already has: a VIN twice in the file
 * (a problem on each later row), a VIN the principal already has, an unknown or archived partner,
 * an archived owner — checked on every row, also on rows with problems of their own, so one dry
 * run reports everything. Owner e-mails new to the principal become one new owner each, however
 * many rows name them.
 */
export function planVehiclesImport(read: VehiclesTableRead, context: VehiclesImportContext): VehiclesImportPlan {
  const problems: ImportProblem[] = [];
  const problem = (line: number, column: VehicleImportColumn, message: string) => problems.push({ row: line, column, message });

  // every row's keys, also of rows with problems of their own: a dry run reports all at once
  const firstLineOfVin = new Map<string, number>();
  const badLines = new Set<number>();
  for (const { line, vin, partnerId, ownerEmail } of [...read.keys].sort((a, b) => a.line - b.line)) {
    const earlier = vin ? firstLineOfVin.get(vin) : undefined;
    const existing = vin ? context.existingVins.get(vin) : undefined;
    if (vin && earlier !== undefined) {
      problem(line, 'vin', `The VIN ${vin} is already on line ${earlier} of this file.`);
      badLines.add(line);
    } else if (vin) {
      firstLineOfVin.set(vin, line);
      if (existing) {
        problem(line, 'vin', existing.archived ? `A vehicle with the VIN ${vin} already exists (archived): restore it instead of importing it again.` : `A vehicle with the VIN ${vin} already exists.`);
        badLines.add(line);
      }
    }
    if (partnerId) {
      const partner = context.partners.get(partnerId);
      if (!partner) problem(line, 'partner_id', `No partner with the Partner ID ${partnerId} exists among your partners.`);
      else if (partner.archived) problem(line, 'partner_id', `The partner ${partnerId} is archived: restore it first, or leave partner_id empty.`);
      if (!partner || partner.archived) badLines.add(line);
    }
    if (ownerEmail && context.owners.get(ownerEmail)?.archived) {
      problem(line, 'owner_email', `The owner ${ownerEmail} is archived: restore them first, or leave owner_email empty.`);
      badLines.add(line);
    }
  }

  const planned: PlannedVehicle[] = [];
  const newOwners = new Map<string, PlannedOwner>();
  const existingOwners = new Set<string>();
  for (const row of read.rows) {
    if (badLines.has(row.line)) continue;
    const partnerRef = row.partnerId ? context.partners.get(row.partnerId) : undefined;
    const partner = row.partnerId && partnerRef ? { ...partnerRef, code: row.partnerId } : null;
    const owner = row.ownerEmail ? { email: row.ownerEmail, id: context.owners.get(row.ownerEmail)?.id ?? null } : null;
    planned.push({ ...row, partner, owner });
    if (owner?.id) existingOwners.add(owner.id);
    else if (owner) {
      const entry = newOwners.get(owner.email) ?? { email: owner.email, line: row.line, vehicleCount: 0 };
      entry.vehicleCount += 1;
      newOwners.set(owner.email, entry);
    }
  }

  return {
    rowCount: read.rowCount,
    planned,
    newOwners: [...newOwners.values()],
    counts: {
      vehicles: planned.length,
      newOwners: newOwners.size,
      existingOwners: existingOwners.size,
      ownerAccesses: planned.filter((p) => p.owner).length,
      assignments: planned.filter((p) => p.partner).length,
    },
    problems: sortProblems([...read.problems, ...problems]),
    warnings: sortProblems(read.warnings),
  };
}
