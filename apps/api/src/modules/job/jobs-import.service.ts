import type { EntityManager, Knex, MikroORM } from '@mikro-orm/postgresql';
import { JOBS_IMPORT_LIMITS, jobKeysNamedIn, planJobsImport, readJobsHeader, readJobsRecords } from '@partner-hub/domain';
import type {
  ImportProblem,
  ImportServicePartnerRef,
  ImportTemplateRef,
  ImportVehicleRef,
  JobConfiguration,
  JobsHeader,
  JobsImportCounts,
  JobsImportPlan,
  PartnerRole,
  PartnerStatus,
  PlannedJob,
} from '@partner-hub/domain';
import { v7 as uuidv7 } from 'uuid';
import { detachedContext, inTransaction, viewerOf } from '../../common/context/request-context.js';
import { jobsImported } from './job-changes.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { ValidationFailed } from '../../common/errors/app-errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { Partner } from '../partner/partner.entity.js';
import { notifyAssignment } from './job-notifications.js';
import type { AssignedJob } from './job-notifications.js';
import { readCsvStream } from '../import/csv-stream.js';
import { ImportBatch } from '../import/import-batch.entity.js';
import { ImportUpload } from '../import/import-upload.entity.js';
import { STORED_PROBLEMS, requirePrincipalStaff } from '../import/import-common.js';
import { importAuditEntry } from '../import/import-commit.js';

/**
 * The jobs.csv import (DESIGN.md §4) on an uploaded file (POST /imports/uploads), streamed: the file
 * is read back from PostgreSQL chunk by chunk and checked in batches of rows, each batch with one
 * set-based lookup per kind of key (VINs, plates, Partner IDs, template names) — never a query per
 * row — so memory holds one batch, whatever the size of the file.
 *
 * - The dry run (`validateJobsImport`) reports the problems by line and column, the warnings, the
 *   counts and the first jobs it would create.
 * - The commit (`startJobsImport`) records a RUNNING import batch and returns it at once; the work
 *   goes on in the background in ONE transaction: each batch is checked again and, while the file
 *   has no problem, written with one multi-row INSERT per table; the batch's `processedRows` is
 *   published after each (subscription `importBatchProgress`). A problem anywhere — also in the last
 *   row — rolls everything back and the batch ends FAILED with its problems; otherwise it ends
 *   SUCCEEDED with one e-mail per assigned service partner and one audit event.
 */

/** Rows checked (and written) together: one lookup per key kind and one INSERT per table each. */
export const JOBS_IMPORT_BATCH_ROWS = 2000;
/** The report lists this many jobs to create; the counts cover the whole file. */
export const JOBS_PREVIEW_LIMIT = 200;
/** Jobs listed by name in a partner's e-mail (the rest are counted). */
const MAILED_JOBS = 20;

/** The uploaded file to check or import and the import option "prefer template data". */
export interface JobsImportInput {
  uploadId: string;
  /** the template's values win over the row's wherever the template has one */
  preferTemplate?: boolean | null;
}

/** What a dry run (or a commit) found in a file. Problems and warnings keep the first 1,000 each; their counts cover all. */
export interface JobsImportReportData {
  fileName: string;
  rowCount: number;
  problems: ImportProblem[];
  problemCount: number;
  warnings: ImportProblem[];
  warningCount: number;
  counts: JobsImportCounts;
  preview: PlannedJob[];
}

/** JSON text of a list, for `in (select jsonb_array_elements_text(?))`: one bind parameter however long the list. */
const jsonList = (values: readonly string[]) => JSON.stringify(values);

/**
 * The principal's vehicles, partners and templates a batch of rows names, one query per kind of
 * key. Partners and templates are kept between batches (there are few, and a file names the same
 * ones again and again); vehicles are not, so memory does not grow with the file.
 */
class JobsImportLookups {
  private readonly partners = new Map<string, ImportServicePartnerRef>();
  private readonly templates = new Map<string, ImportTemplateRef>();

  constructor(
    private readonly em: EntityManager,
    private readonly principalId: string,
  ) {}

  async contextFor(keys: ReturnType<typeof jobKeysNamedIn>) {
    const [vehicles] = await Promise.all([
      this.vehicles(keys.vins, keys.plates),
      this.loadPartners(keys.partnerCodes.filter((code) => !this.partners.has(code))),
      this.loadTemplates(keys.templateNames.filter((name) => !this.templates.has(name))),
    ]);
    return { ...vehicles, partners: this.partners, templates: this.templates };
  }

  /** By VIN, or (without VIN) by plate: one query each on the (principal, vin) and plate indexes. */
  private async vehicles(vins: readonly string[], plates: readonly string[]) {
    type Row = { id: string; vin: string; plate: string | null; archived: boolean };
    const connection = this.em.getConnection();
    const select = 'select id, vin, plate, archived_at is not null as archived from vehicle where principal_id = ?';
    const find = async (column: 'vin' | 'plate', values: readonly string[]): Promise<Row[]> =>
      values.length === 0 ? [] : connection.execute(`${select} and ${column} in (select jsonb_array_elements_text(?::jsonb))`, [this.principalId, jsonList(values)]);
    const [byVin, byPlate] = await Promise.all([find('vin', vins), find('plate', plates)]);
    const ref = (r: Row): ImportVehicleRef => ({ id: r.id, vin: r.vin, plate: r.plate, archived: r.archived });
    const vehiclesByPlate = new Map<string, ImportVehicleRef[]>();
    for (const row of byPlate) vehiclesByPlate.set(row.plate ?? '', [...(vehiclesByPlate.get(row.plate ?? '') ?? []), ref(row)]);
    return { vehiclesByVin: new Map(byVin.map((r) => [r.vin, ref(r)])), vehiclesByPlate };
  }

  /** The partners named, with what decides whether they may take jobs: one query on the (principal, code) index. */
  private async loadPartners(codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    const rows: { code: string; id: string; name: string; role: PartnerRole; status: PartnerStatus; archived: boolean; blocked: boolean }[] = await this.em.getConnection().execute(
      `select p.code, p.id, o.name, p.role, p.status, p.archived_at is not null as archived, p.blocked
         from partner p join organization o on o.id = p.organization_id
        where p.principal_id = ? and p.code in (select jsonb_array_elements_text(?::jsonb))`,
      [this.principalId, jsonList(codes)],
    );
    for (const { code, ...partner } of rows) this.partners.set(code, partner);
  }

  /** The templates named (not deleted), by lower-cased name: one query on the unique (principal, lower(name)) index. */
  private async loadTemplates(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const rows: (ImportTemplateRef & { configuration: JobConfiguration })[] = await this.em.getConnection().execute(
      `select id, name, kind, title, description, instructions, configuration
         from job_template
        where principal_id = ? and archived_at is null and lower(name) in (select jsonb_array_elements_text(?::jsonb))`,
      [this.principalId, jsonList(names)],
    );
    for (const t of rows) this.templates.set(t.name.toLowerCase(), { ...t, configuration: { ...t.configuration, settings: t.configuration.settings ?? {} } });
  }
}

/** The bytes of an upload, read back one stored chunk at a time. */
async function* uploadBytes(em: EntityManager, uploadId: string): AsyncGenerator<Buffer> {
  const connection = em.getConnection();
  for (let seq = 0; ; seq++) {
    const [chunk] = await connection.execute<{ data: Buffer }[]>('select data from import_upload_chunk where upload_id = ? and seq = ?', [uploadId, seq]);
    if (!chunk) return;
    yield chunk.data;
  }
}

/** A report of a file that cannot be read at all: only its problems of the whole file. */
const unreadableReport = (fileName: string, rowCount: number, problems: ImportProblem[]): JobsImportReportData => ({
  fileName,
  rowCount,
  problems,
  problemCount: problems.length,
  warnings: [],
  warningCount: 0,
  counts: { jobs: 0, assigned: 0, pending: 0, installation: 0, maintenance: 0, fromTemplate: 0 },
  preview: [],
});

/**
 * Reads, checks and plans an uploaded jobs.csv in batches, handing each batch's plan to `onBatch`
 * (with the report so far) before the next batch is read.
 */
async function checkUpload(
  em: EntityManager,
  principalId: string,
  upload: ImportUpload,
  preferTemplate: boolean,
  onBatch?: (plan: JobsImportPlan, report: JobsImportReportData, rowsSoFar: number) => Promise<void>,
): Promise<JobsImportReportData> {
  const report = unreadableReport(upload.fileName, 0, []);
  const keep = (list: ImportProblem[], more: readonly ImportProblem[]) => list.push(...more.slice(0, Math.max(0, STORED_PROBLEMS - list.length)));
  const lookups = new JobsImportLookups(em, principalId);
  const today = new Date().toISOString().slice(0, 10);
  let header: JobsHeader | null = null;
  const end = await readCsvStream(uploadBytes(em.fork(), upload.id), JOBS_IMPORT_BATCH_ROWS, JOBS_IMPORT_LIMITS, {
    header: (cells) => {
      header = readJobsHeader(cells);
      keep(report.problems, header.problems);
      report.problemCount += header.problems.length;
    },
    batch: async ({ records, problems, rowsSoFar }) => {
      const read = readJobsRecords(header as unknown as JobsHeader, records, today);
      const context = await lookups.contextFor(jobKeysNamedIn(read));
      const plan = planJobsImport({ ...read, problems: [...problems, ...read.problems] }, context, { preferTemplate });
      keep(report.problems, plan.problems);
      report.problemCount += plan.problems.length;
      keep(report.warnings, plan.warnings);
      report.warningCount += plan.warnings.length;
      for (const key of Object.keys(report.counts) as (keyof JobsImportCounts)[]) report.counts[key] += plan.counts[key];
      report.preview.push(...plan.planned.slice(0, Math.max(0, JOBS_PREVIEW_LIMIT - report.preview.length)));
      report.rowCount = rowsSoFar;
      await onBatch?.(plan, report, rowsSoFar);
    },
  });
  if (end.problems.length > 0) return unreadableReport(upload.fileName, end.rowCount, end.problems);
  return { ...report, rowCount: end.rowCount };
}

/** The viewer's organization's upload, or a ValidationError on `uploadId` (another organization's uploads do not exist for it). */
async function uploadOf(ctx: RequestContext, uploadId: string): Promise<ImportUpload> {
  const upload = /^[0-9a-f-]{36}$/i.test(uploadId) ? await ctx.em.findOne(ImportUpload, { id: uploadId }) : null;
  if (!upload) throw ValidationFailed.of('uploadId', 'No such upload: upload the file again (uploads are kept for a day).');
  return upload;
}

/** The dry run of an uploaded jobs.csv: problems by line and column, warnings, counts and the first jobs it would create. Creates nothing. */
export async function validateJobsImport(ctx: RequestContext, input: JobsImportInput): Promise<JobsImportReportData> {
  const principalId = requirePrincipalStaff(ctx);
  const upload = await uploadOf(ctx, input.uploadId);
  const report = await checkUpload(ctx.em, principalId, upload, input.preferTemplate ?? false);
  // the total a later import's progress counts towards
  await ctx.em.getConnection().execute('update import_upload set row_count = ? where id = ?', [report.rowCount, upload.id]);
  return report;
}

interface Actor {
  label: string;
  userId: string | null;
}

/**
 * Writes one batch of planned jobs with one multi-row INSERT per table (rows passed as one JSON
 * parameter): each job PENDING, or ASSIGNED to its service partner, pointing at the import batch;
 * its CREATED event; for an assigned job the ASSIGN event and the access grant of its partner's
 * technicians on the vehicle from now.
 */
/**
 * Runs one multi-row INSERT in the import's transaction with real bind parameters. MikroORM's
 * `execute` inlines parameters into the SQL text, and PostgreSQL then parses a statement holding
 * the whole batch as one string literal: measured twice as slow for a batch of 2,000 jobs.
 */
async function insertRows(tx: EntityManager, sql: string, params: readonly unknown[]): Promise<void> {
  const transaction = tx.getTransactionContext<Knex.Transaction>();
  if (!transaction) throw new Error('insertRows outside a transaction');
  await transaction.raw(sql, params as Knex.ValueDict[]);
}

async function insertPlanned(tx: EntityManager, planned: readonly PlannedJob[], principalId: string, batchId: string, actor: Actor): Promise<{ id: string; job: PlannedJob }[]> {
  const now = new Date().toISOString();
  const jobs: object[] = [];
  const events: object[] = [];
  const grants: object[] = [];
  const created: { id: string; job: PlannedJob }[] = [];
  const event = (job: string, type: string, from: string | null, to: string) =>
    events.push({ id: uuidv7(), job_id: job, type, from_status: from, to_status: to, actor_label: actor.label, actor_user_id: actor.userId });
  for (const p of planned) {
    const id = uuidv7();
    created.push({ id, job: p });
    jobs.push({
      id,
      kind: p.kind,
      status: p.servicePartner ? 'ASSIGNED' : 'PENDING',
      title: p.title,
      description: p.description,
      instructions: p.instructions,
      vehicle_id: p.vehicle.id,
      configuration: p.configuration,
      scheduled_for: p.scheduledFor,
      service_partner_id: p.servicePartner?.id ?? null,
      template_id: p.template?.id ?? null,
    });
    event(id, 'CREATED', null, 'PENDING');
    if (p.servicePartner) {
      event(id, 'ASSIGN', 'PENDING', 'ASSIGNED');
      grants.push({ id: uuidv7(), vehicle_id: p.vehicle.id, partner_id: p.servicePartner.id, job_id: id });
    }
  }
  if (jobs.length === 0) return created;
  await insertRows(
    tx,
    `insert into job (id, created_at, updated_at, principal_id, import_batch_id, attempt, version, kind, status, title, description, instructions, vehicle_id, configuration, scheduled_for, service_partner_id, template_id)
     select id, ?::timestamptz, ?::timestamptz, ?::uuid, ?::uuid, 1, 1, kind::job_kind, status::job_status, title, description, instructions, vehicle_id, configuration, scheduled_for, service_partner_id, template_id
       from jsonb_to_recordset(?::jsonb) as t(id uuid, kind text, status text, title text, description text, instructions text, vehicle_id uuid, configuration jsonb, scheduled_for date, service_partner_id uuid, template_id uuid)`,
    [now, now, principalId, batchId, JSON.stringify(jobs)],
  );
  await insertRows(
    tx,
    `insert into job_event (id, created_at, updated_at, principal_id, job_id, type, from_status, to_status, actor_label, actor_user_id)
     select id, ?::timestamptz, ?::timestamptz, ?::uuid, job_id, type, from_status::job_status, to_status::job_status, actor_label, actor_user_id
       from jsonb_to_recordset(?::jsonb) as t(id uuid, job_id uuid, type text, from_status text, to_status text, actor_label text, actor_user_id uuid)`,
    [now, now, principalId, JSON.stringify(events)],
  );
  if (grants.length > 0) {
    await insertRows(
      tx,
      `insert into access_grant (id, created_at, updated_at, principal_id, vehicle_id, partner_id, job_id, starts_at)
       select id, ?::timestamptz, ?::timestamptz, ?::uuid, vehicle_id, partner_id, job_id, ?::timestamptz from jsonb_to_recordset(?::jsonb) as t(id uuid, vehicle_id uuid, partner_id uuid, job_id uuid)`,
      [now, now, principalId, now, JSON.stringify(grants)],
    );
  }
  return created;
}

/** The imports this process runs in the background (tests and shutdown await them). */
const running = new Set<Promise<void>>();

/** Resolves once every background import this process started has ended. */
export async function jobsImportsSettled(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

/** The advisory lock a running import holds in its transaction: a batch RUNNING without it was interrupted. */
const BATCH_LOCK = 'pg_advisory_xact_lock(hashtextextended(?, 0))';

function publishProgress(ctx: RequestContext, batchId: string, organizationId: string): void {
  ctx.deps.pubSub.publish('IMPORT_BATCH_PROGRESS', { id: batchId, organizationId });
}

/**
 * Starts the commit of an uploaded jobs.csv: records the import batch as RUNNING and returns it at
 * once; the work goes on in the background (see the top of this file). Principal staff with `jobs:write`.
 * @throws ValidationFailed on `uploadId` when the viewer's organization has no such upload
 */
export async function startJobsImport(ctx: RequestContext, input: JobsImportInput): Promise<ImportBatch> {
  const principalId = requirePrincipalStaff(ctx);
  const viewer = viewerOf(ctx);
  const upload = await uploadOf(ctx, input.uploadId);
  const preferTemplate = input.preferTemplate ?? false;
  const batchId = uuidv7();
  // the background work runs on a context of its own: the request's ends with the response
  const bg = detachedContext(ctx);
  let lockTaken!: () => void;
  const locked = new Promise<void>((resolve) => (lockTaken = resolve));
  let batchCommitted!: (ok: boolean) => void;
  const committed = new Promise<boolean>((resolve) => (batchCommitted = resolve));
  // the transaction takes the batch's lock before the batch is visible, so no other instance can
  // ever see it RUNNING without its lock and take it for interrupted
  const work = runImport(bg, batchId, upload, principalId, preferTemplate, { label: viewer.label, userId: viewer.userId }, async () => {
    lockTaken();
    if (!(await committed)) throw new Error('the import batch could not be recorded');
  });
  const tracked = work.catch((err: unknown) => ctx.deps.logger.error({ err, batchId }, 'jobs import failed')).finally(() => running.delete(tracked));
  running.add(tracked);
  await Promise.race([locked, work]);
  let batch: ImportBatch;
  try {
    batch = await inTransaction(ctx, async (tx) => {
      const created = tx.em.create(ImportBatch, {
        id: batchId,
        organization: principalId,
        kind: 'JOBS',
        status: 'RUNNING',
        fileName: upload.fileName,
        createdByLabel: viewer.label,
        createdBy: viewer.userId,
        rowCount: upload.rowCount ?? 0,
      });
      recordAudit(tx, importAuditEntry('job.importStarted', batchId, principalId, { fileName: upload.fileName, preferTemplate }));
      return created;
    });
  } catch (error) {
    batchCommitted(false);
    throw error;
  }
  batchCommitted(true);
  publishProgress(ctx, batchId, principalId);
  return batch;
}

class ImportHasProblems extends Error {}

async function runImport(bg: RequestContext, batchId: string, upload: ImportUpload, principalId: string, preferTemplate: boolean, actor: Actor, whenLocked: () => Promise<void>): Promise<void> {
  const progressEm = bg.em.fork();
  const setProgress = async (processedRows: number) => {
    await progressEm.getConnection().execute('update import_batch set processed_rows = ?, updated_at = now() where id = ?', [processedRows, batchId]);
    publishProgress(bg, batchId, principalId);
  };
  let report: JobsImportReportData | null = null;
  let recorded = false;
  const mailed = new Map<string, { total: number; jobs: AssignedJob[] }>();
  try {
    await inTransaction(bg, async (tx) => {
      await tx.em.execute(`select ${BATCH_LOCK}`, [batchId]);
      await whenLocked();
      recorded = true;
      report = await checkUpload(bg.em, principalId, upload, preferTemplate, async (plan, soFar, rowsSoFar) => {
        // once the file has a problem nothing more is written, but every row is still checked, so the report is complete
        if (soFar.problemCount === 0) {
          for (const { id, job } of await insertPlanned(tx.em, plan.planned, principalId, batchId, actor)) {
            if (!job.servicePartner) continue;
            const entry = mailed.get(job.servicePartner.id) ?? { total: 0, jobs: [] };
            entry.total += 1;
            if (entry.jobs.length < MAILED_JOBS) entry.jobs.push({ id, kind: job.kind, title: job.title, scheduledFor: job.scheduledFor });
            mailed.set(job.servicePartner.id, entry);
          }
        }
        await setProgress(rowsSoFar);
      });
      if (report.problemCount > 0) throw new ImportHasProblems();
      const { rowCount, counts } = report;
      await tx.em.execute(
        `update import_batch set status = 'SUCCEEDED', row_count = ?, processed_rows = ?, created_count = ?, finished_at = now(), updated_at = now() where id = ?`,
        [rowCount, rowCount, counts.jobs, batchId],
      );
      if (mailed.size > 0) {
        const partners = await tx.em.find(Partner, { id: { $in: [...mailed.keys()] } }, { populate: ['organization'] });
        for (const partner of partners) {
          const entry = mailed.get(partner.id);
          if (entry) await notifyAssignment(tx, partner, entry.jobs, entry.total);
        }
      }
      const created = { fileName: upload.fileName, rowCount, createdCount: counts.jobs, assignedCount: counts.assigned, preferTemplate };
      recordAudit(tx, importAuditEntry('job.import', batchId, principalId, created));
      jobsImported(tx, principalId, batchId, mailed.keys());
    });
  } catch (error) {
    if (!recorded) throw error;
    const found = report as JobsImportReportData | null;
    const problems =
      error instanceof ImportHasProblems && found
        ? { list: found.problems, count: found.problemCount, rowCount: found.rowCount }
        : { list: [{ row: null, column: null, message: 'The import stopped on an unexpected error: nothing was imported. Try again.' }], count: 1, rowCount: found?.rowCount ?? 0 };
    await inTransaction(bg, async (tx) => {
      await tx.em.execute(
        `update import_batch set status = 'FAILED', row_count = ?, processed_rows = ?, created_count = 0, problem_count = ?, problems = ?::jsonb, finished_at = now(), updated_at = now() where id = ?`,
        [problems.rowCount, problems.rowCount, problems.count, JSON.stringify(problems.list), batchId],
      );
      const failed = { fileName: upload.fileName, rowCount: problems.rowCount, problemCount: problems.count };
      recordAudit(tx, importAuditEntry('job.importFailed', batchId, principalId, failed));
    });
    publishProgress(bg, batchId, principalId);
    if (!(error instanceof ImportHasProblems)) throw error;
    return;
  }
  publishProgress(bg, batchId, principalId);
}

const INTERRUPTED: ImportProblem = { row: null, column: null, message: 'The import was interrupted (the server stopped while it ran): nothing was imported. Start it again.' };

/**
 * Marks FAILED ("interrupted") the import batches left RUNNING by a process that stopped: those
 * whose transaction no longer holds the batch's lock. Safe while other instances run imports.
 * Run at start.
 * @returns how many batches it marked
 */
export async function failInterruptedImports(orm: MikroORM): Promise<number> {
  const rows = await orm.em.getConnection().execute<{ id: string }[]>(
    `update import_batch set status = 'FAILED', problem_count = 1, problems = ?::jsonb, finished_at = now(), updated_at = now()
      where status = 'RUNNING' and pg_try_advisory_xact_lock(hashtextextended(id::text, 0)) returning id`,
    [JSON.stringify([INTERRUPTED])],
  );
  return rows.length;
}
