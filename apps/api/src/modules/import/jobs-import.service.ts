import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JOBS_IMPORT_LIMITS, jobKeysNamedIn, planJobsImport, readJobsTable } from '@partner-hub/domain';
import type { ImportServicePartnerRef, ImportTemplateRef, ImportVehicleRef, JobConfiguration, JobKind, JobsImportPlan, PartnerRole, PartnerStatus } from '@partner-hub/domain';
import { v7 as uuidv7 } from 'uuid';
import { inTransaction, viewerOf } from '../../app/context.js';
import type { RequestContext } from '../../app/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { JobEvent } from '../job/job-event.entity.js';
import { Job } from '../job/job.entity.js';
import { AccessGrant } from '../vehicle/access-grant.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { notifyAssignment } from '../job/job-notifications.js';
import type { AssignedJob } from '../job/job-notifications.js';
import { readCsv } from './csv-reader.js';
import type { ImportBatch } from './import-batch.entity.js';
import { INSERT_CHUNK, checkFileName, newImportBatch, requirePrincipalStaff, unreadableFile } from './import-common.js';
import type { CsvImportInput } from './import-common.js';

/**
 * The jobs.csv import (DESIGN.md §4) on the database: a dry run that reports every problem by
 * line and column, the warnings, and what would be created; a commit that creates every job or
 * none in one transaction, kept as an import batch that every job points at. Four lookups serve
 * the whole file (its VINs, plates, Partner IDs and template names among the principal's) —
 * never a query per row — and the jobs, their CREATED/ASSIGN events and the access grants of
 * assigned jobs are written with multi-row INSERTs. Principal staff with `jobs:write` only.
 */

/** A jobs.csv file and the import option "prefer template data". */
export interface JobsImportInput extends CsvImportInput {
  /** the template's values win over the row's wherever the template has one */
  preferTemplate?: boolean | null;
}

export interface JobsImportAnalysis {
  fileName: string;
  plan: JobsImportPlan;
  /** the file could not be read at all (not UTF-8, empty, too large, too many rows, broken quotes) */
  unreadable: boolean;
}

/** JSON text of a list, for `in (select jsonb_array_elements_text(?))`: one bind parameter however long the list. */
const jsonList = (values: readonly string[]) => JSON.stringify(values);

interface VehicleRow {
  id: string;
  vin: string;
  plate: string | null;
  archived: boolean;
}

/** The principal's vehicles among the file's VINs, or (without VIN) its plates: one query each on the (principal, vin) and plate indexes. */
async function vehiclesNamed(em: EntityManager, principalId: string, vins: readonly string[], plates: readonly string[]) {
  const connection = em.getConnection();
  const select = 'select id, vin, plate, archived_at is not null as archived from vehicle where principal_id = ?';
  const find = async (column: 'vin' | 'plate', values: readonly string[]): Promise<VehicleRow[]> =>
    values.length === 0 ? [] : connection.execute(`${select} and ${column} in (select jsonb_array_elements_text(?::jsonb))`, [principalId, jsonList(values)]);
  const [byVin, byPlate] = await Promise.all([find('vin', vins), find('plate', plates)]);
  const ref = (r: VehicleRow): ImportVehicleRef => ({ id: r.id, vin: r.vin, plate: r.plate, archived: r.archived });
  const vehiclesByPlate = new Map<string, ImportVehicleRef[]>();
  for (const row of byPlate) vehiclesByPlate.set(row.plate ?? '', [...(vehiclesByPlate.get(row.plate ?? '') ?? []), ref(row)]);
  return { vehiclesByVin: new Map(byVin.map((r) => [r.vin, ref(r)])), vehiclesByPlate };
}

/** The principal's partners the file names, with what decides whether they may take jobs: one query on the (principal, code) index. */
async function partnersNamed(em: EntityManager, principalId: string, codes: readonly string[]): Promise<Map<string, ImportServicePartnerRef>> {
  if (codes.length === 0) return new Map();
  const rows: { code: string; id: string; name: string; role: PartnerRole; status: PartnerStatus; archived: boolean; blocked: boolean }[] = await em.getConnection().execute(
    `select p.code, p.id, o.name, p.role, p.status, p.archived_at is not null as archived, p.blocked
       from partner p join organization o on o.id = p.organization_id
      where p.principal_id = ? and p.code in (select jsonb_array_elements_text(?::jsonb))`,
    [principalId, jsonList(codes)],
  );
  return new Map(rows.map(({ code, ...partner }) => [code, partner]));
}

/** The principal's templates the file names (not deleted), by lower-cased name: one query on the unique (principal, lower(name)) index. */
async function templatesNamed(em: EntityManager, principalId: string, names: readonly string[]): Promise<Map<string, ImportTemplateRef>> {
  if (names.length === 0) return new Map();
  const rows: (ImportTemplateRef & { configuration: JobConfiguration })[] = await em.getConnection().execute(
    `select id, name, kind, title, description, instructions, configuration
       from job_template
      where principal_id = ? and archived_at is null and lower(name) in (select jsonb_array_elements_text(?::jsonb))`,
    [principalId, jsonList(names)],
  );
  return new Map(rows.map((t) => [t.name.toLowerCase(), { ...t, configuration: { ...t.configuration, settings: t.configuration.settings ?? {} } }]));
}

async function analyze(em: EntityManager, principalId: string, input: JobsImportInput, fileName: string): Promise<JobsImportAnalysis> {
  const options = { preferTemplate: input.preferTemplate ?? false };
  const csv = readCsv(input.content, JOBS_IMPORT_LIMITS);
  if (!csv.table) {
    const read = { rowCount: csv.rowCount, rows: [], problems: csv.problems, warnings: [], keys: [] };
    const empty = { vehiclesByVin: new Map(), vehiclesByPlate: new Map(), partners: new Map(), templates: new Map() };
    return { fileName, plan: planJobsImport(read, empty, options), unreadable: true };
  }
  const read = readJobsTable(csv.table, new Date().toISOString().slice(0, 10));
  const keys = jobKeysNamedIn(read);
  const [vehicles, partners, templates] = await Promise.all([
    vehiclesNamed(em, principalId, keys.vins, keys.plates),
    partnersNamed(em, principalId, keys.partnerCodes),
    templatesNamed(em, principalId, keys.templateNames),
  ]);
  const plan = planJobsImport({ ...read, rowCount: csv.rowCount, problems: [...csv.problems, ...read.problems] }, { ...vehicles, partners, templates }, options);
  return { fileName, plan, unreadable: false };
}

/** The dry run: every problem by line and column, the warnings, and what the file would create. Creates nothing. */
export async function validateJobsImport(ctx: RequestContext, input: JobsImportInput): Promise<JobsImportAnalysis> {
  const principalId = requirePrincipalStaff(ctx);
  return analyze(ctx.em, principalId, input, checkFileName(input.fileName));
}

/**
 * The rows a planned import writes, as plain column values with ids made here (UUIDv7): each job
 * (PENDING, or ASSIGNED to its service partner) pointing at the batch, its CREATED event, and for
 * an assigned job the ASSIGN event and the access grant of its partner's technicians from now.
 */
function importRows(plan: JobsImportPlan, principalId: string, batchId: string, actor: { label: string; userId: string | null }) {
  const now = new Date();
  const stamp = () => ({ id: uuidv7(), createdAt: now, updatedAt: now, principal: principalId });
  const jobs: RequiredEntityData<Job>[] = [];
  const events: RequiredEntityData<JobEvent>[] = [];
  const grants: RequiredEntityData<AccessGrant>[] = [];
  const event = (job: string, type: string, from: 'PENDING' | null, to: 'PENDING' | 'ASSIGNED') =>
    events.push({ ...stamp(), job, type, fromStatus: from, toStatus: to, reason: null, changes: null, actorLabel: actor.label, actorUser: actor.userId });
  for (const p of plan.planned) {
    const job = {
      ...stamp(),
      kind: p.kind as JobKind,
      status: p.servicePartner ? ('ASSIGNED' as const) : ('PENDING' as const),
      title: p.title,
      description: p.description,
      instructions: p.instructions,
      vehicle: p.vehicle.id,
      configuration: p.configuration,
      scheduledFor: p.scheduledFor,
      servicePartner: p.servicePartner?.id ?? null,
      technician: null,
      failureReason: null,
      cancelReason: null,
      attempt: 1,
      template: p.template?.id ?? null,
      importBatch: batchId,
      deletedAt: null,
      version: 1,
    };
    jobs.push(job);
    event(job.id, 'CREATED', null, 'PENDING');
    if (p.servicePartner) {
      event(job.id, 'ASSIGN', 'PENDING', 'ASSIGNED');
      grants.push({ ...stamp(), vehicle: p.vehicle.id, partner: p.servicePartner.id, jobId: job.id, startsAt: now, endsAt: null, endedAt: null, endReason: null });
    }
  }
  return { jobs, events, grants };
}

async function insertChunked<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: readonly RequiredEntityData<T>[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) await em.insertMany(entity, rows.slice(start, start + INSERT_CHUNK));
}

/** One e-mail per service partner for the jobs a file assigned to it (DESIGN.md §2: per batch, not per job). */
async function notifyAssignedPartners(ctx: RequestContext, em: EntityManager, jobs: readonly RequiredEntityData<Job>[]): Promise<void> {
  const byPartner = new Map<string, AssignedJob[]>();
  for (const job of jobs) {
    const partnerId = job.servicePartner as string | null;
    if (!partnerId) continue;
    const list = byPartner.get(partnerId) ?? [];
    list.push({ id: job.id as string, kind: job.kind, title: job.title as string | null, scheduledFor: job.scheduledFor as string | null });
    byPartner.set(partnerId, list);
  }
  if (byPartner.size === 0) return;
  const partners = await em.find(Partner, { id: { $in: [...byPartner.keys()] } }, { populate: ['organization'] });
  for (const partner of partners) await notifyAssignment(ctx, em, partner, byPartner.get(partner.id) ?? []);
}

export type JobsImportOutcome = { kind: 'SUCCEEDED' | 'FAILED'; batch: ImportBatch; analysis: JobsImportAnalysis };

/**
 * The commit: when the dry run finds no problem, creates in one transaction the batch and every
 * job — PENDING with a CREATED event, or (with `assigned_installer_company_id`) ASSIGNED with
 * CREATED and ASSIGN events and an access grant of that partner's technicians on the vehicle —
 * all pointing at the batch, with one audit event; otherwise creates nothing and keeps the
 * attempt as a FAILED batch with its problems.
 * @throws ValidationFailed when the file cannot be read at all (empty, not UTF-8, over the limits).
 */
export async function importJobs(ctx: RequestContext, input: JobsImportInput): Promise<JobsImportOutcome> {
  const principalId = requirePrincipalStaff(ctx);
  const fileName = checkFileName(input.fileName);
  const analysis = await analyze(ctx.em, principalId, input, fileName);
  const { plan } = analysis;
  if (analysis.unreadable) throw unreadableFile(plan.problems);
  const batchFields = { kind: 'JOBS' as const, fileName, rowCount: plan.rowCount, createdCount: plan.counts.jobs };
  const failed = plan.problems.length > 0;
  const viewer = viewerOf(ctx);

  const batch = await inTransaction(ctx, async (em) => {
    const created = newImportBatch(em, ctx, principalId, { ...batchFields, problems: plan.problems });
    if (failed) {
      recordAudit(ctx, em, {
        action: 'job.importFailed',
        objectType: 'ImportBatch',
        objectId: created.id,
        organizationId: principalId,
        changes: { fileName: { from: null, to: fileName }, rowCount: { from: null, to: plan.rowCount }, problemCount: { from: null, to: plan.problems.length } },
      });
      return created;
    }
    await em.flush(); // the batch row first: every job points at it
    const rows = importRows(plan, principalId, created.id, { label: viewer.label, userId: viewer.userId });
    // multi-row inserts of plain rows in chunks: making and tracking 100,000 entities costs more than writing them
    await insertChunked(em, Job, rows.jobs);
    await insertChunked(em, JobEvent, rows.events);
    await insertChunked(em, AccessGrant, rows.grants);
    await notifyAssignedPartners(ctx, em, rows.jobs);
    recordAudit(ctx, em, {
      action: 'job.import',
      objectType: 'ImportBatch',
      objectId: created.id,
      organizationId: principalId,
      changes: {
        fileName: { from: null, to: fileName },
        rowCount: { from: null, to: plan.rowCount },
        createdCount: { from: null, to: plan.counts.jobs },
        assignedCount: { from: null, to: plan.counts.assigned },
        preferTemplate: { from: null, to: input.preferTemplate ?? false },
      },
    });
    return created;
  });
  return { kind: failed ? 'FAILED' : 'SUCCEEDED', batch, analysis };
}
