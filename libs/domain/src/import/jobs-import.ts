import { JOB_KINDS } from '../job/job-lifecycle.js';
import type { JobKind } from '../job/job-lifecycle.js';
import { JOB_CONFIGURATION_FIELDS, SETTING_NAME, jobConfigurationSchema, mergeWithTemplate } from '../job/job-configuration.js';
import type { JobConfiguration, JobConfigurationField } from '../job/job-configuration.js';
import { JOB_FIELD_MESSAGES, isCalendarDay, optionalJobTextSchema } from '../job/job-fields.js';
import { partnerCodeSchema } from '../partner/partner-code.js';
import type { PartnerRole, PartnerStatus } from '../partner/partner-roles.js';
import { checkVin } from '../vehicle/vin.js';
import { normalizePlate } from '../vehicle/vehicle.js';
import { mapHeader, normalizeHeaderName, recordValues, sortProblems } from './csv-table.js';
import type { CsvRecord, CsvTable, HeaderMapping, ImportProblem } from './csv-table.js';

/**
 * The jobs.csv import (DESIGN.md §4), without a database: header mapping (fixed columns and any
 * number of `setting.<name>` columns, all case-insensitive), per-row checks by column, and the
 * plan of what a file would create — one job per row on an existing vehicle (by VIN or plate),
 * filled from a template when the row names one, PENDING or ASSIGNED to the service partner of
 * `assigned_installer_company_id`. The API looks up the file's vehicles, partners and templates
 * in a few set-based queries and hands them in.
 */

/** What one jobs import may hold (DESIGN.md §4: up to 100,000 rows); more is refused before any row is checked. */
export const JOBS_IMPORT_LIMITS = { maxRows: 100_000, maxBytes: 50 * 1024 * 1024 } as const;

/** The fixed columns of jobs.csv, in the order an export writes them (`setting.<name>` columns come before `scheduled_for`). */
export const JOB_IMPORT_COLUMNS = [
  'vin',
  'license_plate',
  'kind',
  'template',
  'title',
  'description',
  'instructions',
  'device_serial',
  'device_model',
  'firmware',
  'installation_variant',
  'central_lock_connection_type',
  'fuel_type',
  'scheduled_for',
  'assigned_installer_company_id',
] as const;
export type JobImportColumn = (typeof JOB_IMPORT_COLUMNS)[number];

/** Columns a jobs export adds after jobs.csv's (see jobs-export.ts): the import knows them and ignores them. */
export const JOB_EXPORT_READ_ONLY_COLUMNS = ['job_id', 'status', 'service_partner', 'created_at'] as const;

/** The prefix of a named-setting column: `setting.odometer_source` sets the setting `odometer_source`. */
export const JOB_SETTING_COLUMN_PREFIX = 'setting.';

/** Configuration field → the CSV column it comes from. */
const CONFIGURATION_COLUMN: Record<JobConfigurationField, JobImportColumn> = {
  deviceSerial: 'device_serial',
  deviceModel: 'device_model',
  firmware: 'firmware',
  installationVariant: 'installation_variant',
  centralLockConnectionType: 'central_lock_connection_type',
  fuelType: 'fuel_type',
};

const KIND_MESSAGE = 'The kind is installation or maintenance.';

/** The job's own text fields of a row or a template: title, description, instructions (`null` when empty). */
export interface JobTexts {
  title: string | null;
  description: string | null;
  instructions: string | null;
}

/** One row of jobs.csv that passed its own checks (the vehicle, partner and template are looked up later). */
export interface JobImportRow extends JobTexts {
  line: number;
  kind: JobKind;
  /** the row's own configuration (empty cells absent, settings only where the cell has a value) */
  configuration: JobConfiguration;
  /** YYYY-MM-DD, or `null` */
  scheduledFor: string | null;
}

/**
 * The keys a row names, each when it is valid — also when other cells of the row have problems,
 * so one dry run reports an unknown vehicle or partner together with the row's own problems.
 */
export interface JobRowKeys {
  line: number;
  /** the normalized VIN */
  vin: string | null;
  /** the normalized plate */
  plate: string | null;
  kind: JobKind | null;
  /** the template name, lower-cased */
  template: string | null;
  /** the Partner ID, normalized */
  partnerId: string | null;
}

export interface JobRowResult {
  row: JobImportRow | null;
  keys: JobRowKeys;
  problems: ImportProblem[];
  warnings: ImportProblem[];
}

/** A date cell as a calendar day: `YYYY-MM-DD` of a day that exists, or the reason it is not one. */
export function parseIsoDay(value: string): { day: string } | { error: string } {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return { error: `"${text}" is not a date: use YYYY-MM-DD, e.g. 2027-01-31.` };
  if (!isCalendarDay(text)) return { error: `${text} is not a day of the calendar.` };
  return { day: text };
}


const JOB_TEXT_COLUMNS = ['title', 'description', 'instructions'] as const;
/** made once: a file checks up to 100,000 rows, and building a schema costs more than using it */
const TEXT_SCHEMAS = Object.fromEntries(JOB_TEXT_COLUMNS.map((column) => [column, optionalJobTextSchema(column)])) as Record<(typeof JOB_TEXT_COLUMNS)[number], ReturnType<typeof optionalJobTextSchema>>;

/**
 * Checks one row against its own rules: a vehicle named (VIN in the VIN alphabet, or a plate),
 * the kind, the texts' lengths, the configuration with the job form's rules, the date and the
 * Partner ID's form — each problem on its column. `today` (YYYY-MM-DD) makes a past date a warning.
 * @param settings the row's named settings, by setting name (empty cells included)
 */
export function readJobRow(line: number, values: Record<JobImportColumn, string>, settings: Readonly<Record<string, string>>, today: string): JobRowResult {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const problem = (column: string, message: string) => problems.push({ row: line, column, message });

  let vin: string | null = null;
  let plate: string | null = null;
  if (values.vin.trim() !== '') {
    const check = checkVin(values.vin);
    if (check.error) problem('vin', check.error);
    else vin = check.vin;
  }
  if (values.license_plate.trim() !== '') {
    plate = normalizePlate(values.license_plate);
    if (plate.length > 20) {
      problem('license_plate', 'A licence plate has at most 20 characters.');
      plate = null;
    }
  }
  if (values.vin.trim() === '' && values.license_plate.trim() === '') problem('vin', 'Name the vehicle: give its vin or its license_plate.');

  let kind: JobKind | null = null;
  const kindText = values.kind.trim().toUpperCase();
  if (kindText === '') problem('kind', `The kind is required. ${KIND_MESSAGE}`);
  else if ((JOB_KINDS as readonly string[]).includes(kindText)) kind = kindText as JobKind;
  else problem('kind', `"${values.kind.trim()}" is not a kind of job. ${KIND_MESSAGE}`);

  const template = values.template.trim() === '' ? null : values.template.trim().toLowerCase();

  const texts: Partial<JobTexts> = {};
  for (const column of JOB_TEXT_COLUMNS) {
    const text = TEXT_SCHEMAS[column].safeParse(values[column]);
    if (text.success) texts[column] = text.data ?? null;
    else problem(column, JOB_FIELD_MESSAGES[column]);
  }

  const configurationInput: Record<string, unknown> = { settings: Object.fromEntries(Object.entries(settings).filter(([, v]) => v.trim() !== '')) };
  for (const field of JOB_CONFIGURATION_FIELDS) configurationInput[field] = values[CONFIGURATION_COLUMN[field]];
  const configuration = jobConfigurationSchema.safeParse(configurationInput);
  if (!configuration.success) {
    const seen = new Set<string>();
    for (const issue of configuration.error.issues) {
      const [first, second] = issue.path.map(String);
      const column = first === 'settings' ? (second ? `${JOB_SETTING_COLUMN_PREFIX}${second}` : null) : (CONFIGURATION_COLUMN[first as JobConfigurationField] ?? null);
      const key = column ?? '';
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ row: line, column, message: issue.message });
    }
  }

  let scheduledFor: string | null = null;
  if (values.scheduled_for.trim() !== '') {
    const day = parseIsoDay(values.scheduled_for);
    if ('error' in day) problem('scheduled_for', day.error);
    else {
      scheduledFor = day.day;
      if (day.day < today) warnings.push({ row: line, column: 'scheduled_for', message: `${day.day} is in the past: the job will be overdue at once.` });
    }
  }

  let partnerId: string | null = null;
  if (values.assigned_installer_company_id.trim() !== '') {
    const code = partnerCodeSchema.safeParse(values.assigned_installer_company_id);
    if (code.success) partnerId = code.data;
    else problem('assigned_installer_company_id', code.error.issues[0]?.message ?? 'A Partner ID has 5 letters or digits.');
  }

  const keys: JobRowKeys = { line, vin, plate, kind, template, partnerId };
  if (problems.length > 0 || !kind || !configuration.success) return { row: null, keys, problems, warnings };
  return {
    row: { line, kind, title: texts.title ?? null, description: texts.description ?? null, instructions: texts.instructions ?? null, configuration: configuration.data, scheduledFor },
    keys,
    problems,
    warnings,
  };
}

export interface JobsTableRead {
  rowCount: number;
  /** the rows that passed their own checks */
  rows: JobImportRow[];
  problems: ImportProblem[];
  warnings: ImportProblem[];
  /** the keys of every row, in file order — also of rows with problems of their own */
  keys: JobRowKeys[];
}

/** A jobs.csv header, mapped once and used for every record of the file (also when it is read in batches). */
export interface JobsHeader {
  /** every column the file may use: the fixed ones and its `setting.<name>` columns */
  columns: string[];
  mapping: HeaderMapping<string>;
  /** normalized column → setting name as written */
  settingColumns: ReadonlyMap<string, string>;
  /** problems of the header (line 1), said once */
  problems: ImportProblem[];
  /** required columns the header lacks: rows are not told again that they are empty */
  missing: ReadonlySet<string>;
}

/**
 * Maps a jobs.csv header. Names are matched case-insensitively; `setting.<name>` columns keep the
 * name's case as written. A header without `vin` and `license_plate`, without `kind`, or with a
 * bad setting name is a problem of line 1, said once and not again on every row.
 */
export function readJobsHeader(header: readonly string[]): JobsHeader {
  const settingColumns = new Map<string, string>();
  for (const cell of header) {
    const name = normalizeHeaderName(cell);
    const setting = cell.trim().slice(JOB_SETTING_COLUMN_PREFIX.length);
    if (name.startsWith(JOB_SETTING_COLUMN_PREFIX) && SETTING_NAME.test(setting) && !settingColumns.has(name)) settingColumns.set(name, setting);
  }
  const columns = [...JOB_IMPORT_COLUMNS, ...settingColumns.keys()];
  // an export's read-only columns (job_id, status, …) are known, so a re-imported export is accepted; nothing reads them
  const mapping = mapHeader(header, [...columns, ...JOB_EXPORT_READ_ONLY_COLUMNS], ['kind']);
  // a `setting.` column whose name is not a setting name is unknown to mapHeader: say why
  const problems = mapping.problems.map((p) =>
    p.column && normalizeHeaderName(p.column).startsWith(JOB_SETTING_COLUMN_PREFIX) && !mapping.indexOf.has(normalizeHeaderName(p.column)) && !settingColumns.has(normalizeHeaderName(p.column))
      ? { ...p, message: `"${p.column}" is not a setting column: after "setting." come 1 to 60 letters, digits, dots, dashes or underscores.` }
      : p,
  );
  const noVehicleColumn = !mapping.indexOf.has('vin') && !mapping.indexOf.has('license_plate');
  if (noVehicleColumn) problems.push({ row: 1, column: 'vin', message: 'The header needs a "vin" or a "license_plate" column to name each job\'s vehicle.' });
  const missing = new Set<string>(['kind'].filter((column) => !mapping.indexOf.has(column)));
  if (noVehicleColumn) missing.add('vin');
  return { columns, mapping, settingColumns, problems, missing };
}

/**
 * Reads records of a jobs.csv file below its mapped header — the whole file or one batch of it.
 * The header's own problems are not repeated here.
 * @param today YYYY-MM-DD; a row scheduled before it gets a warning
 */
export function readJobsRecords(header: JobsHeader, records: readonly CsvRecord[], today: string): JobsTableRead {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const rows: JobImportRow[] = [];
  const keys: JobRowKeys[] = [];
  for (const record of records) {
    const values = recordValues(record, header.mapping, header.columns);
    const settings: Record<string, string> = {};
    for (const [column, setting] of header.settingColumns) settings[setting] = values[column] ?? '';
    const result = readJobRow(record.line, values as Record<JobImportColumn, string>, settings, today);
    problems.push(...result.problems.filter((p) => !header.missing.has(p.column ?? '')));
    warnings.push(...result.warnings);
    keys.push(result.keys);
    if (result.row) rows.push(result.row);
  }
  return { rowCount: records.length, rows, problems, warnings, keys };
}

/**
 * Reads every row of a jobs.csv table (header and records, see `readJobsHeader` and `readJobsRecords`).
 * @param today YYYY-MM-DD; a row scheduled before it gets a warning
 */
export function readJobsTable(table: CsvTable, today: string): JobsTableRead {
  const header = readJobsHeader(table.header);
  const read = readJobsRecords(header, table.records, today);
  return { ...read, problems: [...header.problems, ...read.problems] };
}

/** What the API must look up for a file: its VINs, plates, Partner IDs and template names, each once. */
export function jobKeysNamedIn(read: Pick<JobsTableRead, 'keys'>): { vins: string[]; plates: string[]; partnerCodes: string[]; templateNames: string[] } {
  const named = (pick: (keys: JobRowKeys) => string | null) => [...new Set(read.keys.flatMap((k) => pick(k) ?? []))];
  // a plate is only looked up where no VIN names the vehicle
  return { vins: named((k) => k.vin), plates: named((k) => (k.vin ? null : k.plate)), partnerCodes: named((k) => k.partnerId), templateNames: named((k) => k.template) };
}

/** A vehicle of the principal that a file names. */
export interface ImportVehicleRef {
  id: string;
  vin: string;
  plate: string | null;
  archived: boolean;
}

/** A partner of the principal that a file's `assigned_installer_company_id` names. */
export interface ImportServicePartnerRef {
  id: string;
  name: string;
  role: PartnerRole;
  status: PartnerStatus;
  archived: boolean;
  blocked: boolean;
}

/** A non-archived template of the principal that a file's `template` names. */
export interface ImportTemplateRef extends JobTexts {
  id: string;
  name: string;
  kind: JobKind;
  configuration: JobConfiguration;
}

export interface JobsImportContext {
  /** the principal's vehicles among the file's VINs (archived ones too) */
  vehiclesByVin: ReadonlyMap<string, ImportVehicleRef>;
  /** the principal's vehicles among the file's plates (normalized), each plate with every vehicle that carries it */
  vehiclesByPlate: ReadonlyMap<string, readonly ImportVehicleRef[]>;
  /** the principal's partners the file names, by Partner ID */
  partners: ReadonlyMap<string, ImportServicePartnerRef>;
  /** the principal's non-archived templates the file names, by lower-cased name */
  templates: ReadonlyMap<string, ImportTemplateRef>;
}

export interface JobsImportOptions {
  /** "prefer template data": the template's values win over the row's wherever the template has one */
  preferTemplate: boolean;
}

/** One job a file would create. */
export interface PlannedJob extends JobTexts {
  line: number;
  kind: JobKind;
  vehicle: ImportVehicleRef;
  /** the row's configuration merged with its template's */
  configuration: JobConfiguration;
  scheduledFor: string | null;
  template: { id: string; name: string } | null;
  /** the service partner it is assigned to (then ASSIGNED), or `null` (PENDING) */
  servicePartner: { id: string; code: string; name: string } | null;
}

/** How many jobs a file would create (or did). */
export interface JobsImportCounts {
  jobs: number;
  /** created ASSIGNED (with an access grant for the partner's technicians) */
  assigned: number;
  /** created PENDING */
  pending: number;
  installation: number;
  maintenance: number;
  /** filled from a template */
  fromTemplate: number;
}

export interface JobsImportPlan {
  rowCount: number;
  /** the jobs that would be created, in file order (rows with problems left out) */
  planned: PlannedJob[];
  counts: JobsImportCounts;
  /** blocking problems, in file order; the import creates nothing while there is one */
  problems: ImportProblem[];
  /** notes that do not block the import (e.g. a date in the past) */
  warnings: ImportProblem[];
}

const ROLE_NAMES: Record<PartnerRole, string> = { DEALER: 'a dealer', SERVICE_PARTNER: 'a service partner', OEM: 'an OEM' };

/**
 * Why a partner cannot take jobs (a problem), or why its jobs will wait (a warning): jobs go to
 * active service partners. One that has not claimed its account yet (DRAFT or PENDING — every
 * partner partners.csv creates) may be assigned: its technicians see the jobs once it has.
 */
function servicePartnerCheck(code: string, partner: ImportServicePartnerRef | undefined): { problem: string } | { warning: string } | null {
  if (!partner) return { problem: `No partner with the Partner ID ${code} exists among your partners.` };
  if (partner.role !== 'SERVICE_PARTNER') return { problem: `The partner ${code} (${partner.name}) is ${ROLE_NAMES[partner.role]}, not a service partner: jobs go to service partners.` };
  if (partner.archived) return { problem: `The service partner ${code} (${partner.name}) is archived: restore it first, or leave the column empty.` };
  if (partner.blocked) return { problem: `The service partner ${code} (${partner.name}) is blocked: unblock it first, or leave the column empty.` };
  if (partner.status !== 'ACCEPTED') return { warning: `The service partner ${code} (${partner.name}) has not accepted its invitation yet: its technicians see these jobs once it has.` };
  return null;
}

/** Fills a row's texts from a template: the row's win unless `preferTemplate`, and either side's empty values never win. */
function mergeTexts(row: JobTexts, template: JobTexts, preferTemplate: boolean): JobTexts {
  const [first, second] = preferTemplate ? [template, row] : [row, template];
  return { title: first.title ?? second.title, description: first.description ?? second.description, instructions: first.instructions ?? second.instructions };
}

/**
 * Plans an import of read rows against the principal's vehicles, partners and templates: an
 * unknown, ambiguous or archived vehicle (VIN first; a plate only when there is no VIN, and a
 * plate beside a VIN must be that vehicle's), an unknown template or one of the other kind, an
 * assigned partner that is not an active service partner (one that has not claimed its account
 * yet is only a warning) — checked on every row, also
 * on rows with problems of their own, so one dry run reports everything. Each row's texts and
 * configuration are merged with its template's (`preferTemplate`: the template's values win).
 */
export function planJobsImport(read: JobsTableRead, context: JobsImportContext, options: JobsImportOptions): JobsImportPlan {
  const problems: ImportProblem[] = [];
  const badLines = new Set<number>();
  const problem = (line: number, column: JobImportColumn, message: string) => {
    problems.push({ row: line, column, message });
    badLines.add(line);
  };
  const warnings: ImportProblem[] = [];
  const vehicleOf = new Map<number, ImportVehicleRef>();

  for (const { line, vin, plate, kind, template, partnerId } of read.keys) {
    let vehicle: ImportVehicleRef | undefined;
    if (vin) {
      vehicle = context.vehiclesByVin.get(vin);
      if (!vehicle) problem(line, 'vin', `No vehicle with the VIN ${vin} exists among your vehicles.`);
      else if (plate && vehicle.plate !== plate) {
        problem(line, 'license_plate', `The vehicle ${vin} has ${vehicle.plate ? `the plate ${vehicle.plate}` : 'no plate'}, not ${plate}: correct one of the two, or leave license_plate empty.`);
      }
    } else if (plate) {
      const matches = context.vehiclesByPlate.get(plate) ?? [];
      if (matches.length === 0) problem(line, 'license_plate', `No vehicle with the plate ${plate} exists among your vehicles.`);
      else if (matches.length > 1) problem(line, 'license_plate', `${matches.length} of your vehicles have the plate ${plate}: give the vin instead.`);
      else vehicle = matches[0];
    }
    if (vehicle?.archived) problem(line, vin ? 'vin' : 'license_plate', `The vehicle ${vehicle.vin} is archived: restore it first.`);
    if (vehicle) vehicleOf.set(line, vehicle);

    if (template) {
      const found = context.templates.get(template);
      if (!found) problem(line, 'template', `No template named "${template}" exists (deleted templates cannot be used).`);
      else if (kind && found.kind !== kind) problem(line, 'template', `The template "${found.name}" is for ${found.kind.toLowerCase()} jobs; this row is ${kind.toLowerCase()}.`);
    }
    if (partnerId) {
      const check = servicePartnerCheck(partnerId, context.partners.get(partnerId));
      if (check && 'problem' in check) problem(line, 'assigned_installer_company_id', check.problem);
      else if (check) warnings.push({ row: line, column: 'assigned_installer_company_id', message: check.warning });
    }
  }

  const planned: PlannedJob[] = [];
  const keysOf = new Map(read.keys.map((k) => [k.line, k]));
  for (const row of read.rows) {
    const vehicle = vehicleOf.get(row.line);
    if (badLines.has(row.line) || !vehicle) continue;
    const keys = keysOf.get(row.line);
    const template = keys?.template ? context.templates.get(keys.template) : undefined;
    const partner = keys?.partnerId ? context.partners.get(keys.partnerId) : undefined;
    const texts = template ? mergeTexts(row, template, options.preferTemplate) : { title: row.title, description: row.description, instructions: row.instructions };
    planned.push({
      line: row.line,
      kind: row.kind,
      vehicle,
      ...texts,
      configuration: template ? mergeWithTemplate(row.configuration, template.configuration, options.preferTemplate) : row.configuration,
      scheduledFor: row.scheduledFor,
      template: template ? { id: template.id, name: template.name } : null,
      servicePartner: partner && keys?.partnerId ? { id: partner.id, code: keys.partnerId, name: partner.name } : null,
    });
  }

  const assigned = planned.filter((p) => p.servicePartner).length;
  return {
    rowCount: read.rowCount,
    planned,
    counts: {
      jobs: planned.length,
      assigned,
      pending: planned.length - assigned,
      installation: planned.filter((p) => p.kind === 'INSTALLATION').length,
      maintenance: planned.filter((p) => p.kind === 'MAINTENANCE').length,
      fromTemplate: planned.filter((p) => p.template).length,
    },
    problems: sortProblems([...read.problems, ...problems]),
    warnings: sortProblems([...read.warnings, ...warnings]),
  };
}
