import { FlushMode, OptimisticLockError } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CONFIGURATION_OVERRIDE_MESSAGES, JOB_FIELDS_EDITABLE_WHEN_ASSIGNED, JOB_TRANSITIONS, MAX_BULK_JOBS, calendarDaySchema, checkTransition, configurationChanges, configurationOverrideState, deleteRefusal, editRefusal, holdsGrant, jobConfigurationSchema, jobReasonSchema, mergeWithTemplate, optionalJobTextSchema, rescheduleRefusal } from '@partner-hub/domain';
import type { BulkJobAction, JobAction, JobKind, JobStatus } from '@partner-hub/domain';
import { validate as isUuid } from 'uuid';
import { z } from 'zod';
import { inTransaction, viewerOf } from '../../common/context/request-context.js';
import { filterIdsOpen } from '../access/filter-ids.js';
import { actorFor, findVisibleJob, jobScopeWhere } from '../access/job-scope.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { NotFound, ValidationFailed, VersionConflict } from '../../common/errors/app-errors.js';
import { expectVersion } from '../../common/db/versioned.js';
import { parseInput, parseUpdate } from '../../common/errors/parse-input.js';
import type { Page } from '../../common/graphql/connection.js';
import type { NodeSelection } from '../../common/graphql/node-selection.js';
import { recordAudit } from '../audit/audit.service.js';
import { Partner } from '../partner/partner.entity.js';
import { AccessGrant } from '../vehicle/access-grant.entity.js';
import { accessViaEntries } from '../access/vehicle-access.js';
import { Vehicle } from '../vehicle/vehicle.entity.js';
import { JobEvent } from './job-event.entity.js';
import { InvalidTransition } from './job.errors.js';
import { notifyAssignment } from './job-notifications.js';
import { findVisibleTemplate } from './job-template.service.js';
import { Job } from './job.entity.js';
import { countJobs, countersCover } from './job-counts.js';
import { jobsPage } from './job.queries.js';
import { jobsChanged } from './job-changes.js';

/**
 * Jobs (DESIGN.md §1, §2): creation, the lifecycle's transitions — each checked against the one
 * table in libs/domain, applied with an optimistic version check so that of two simultaneous
 * Starts exactly one wins — and the access grants that follow a job's assignment (§3).
 */

export const JOB_SORT_FIELDS = ['CREATED_AT', 'KIND', 'STATUS'] as const;
export type JobSortField = (typeof JOB_SORT_FIELDS)[number];
const SORT_COLUMNS: Record<JobSortField, 'createdAt' | 'kind' | 'status'> = { CREATED_AT: 'createdAt', KIND: 'kind', STATUS: 'status' };

export interface JobFilterInput {
  status?: JobStatus | null;
  kind?: JobKind | null;
  servicePartnerId?: string | null;
  vehicleId?: string | null;
  scheduledFrom?: string | null;
  scheduledTo?: string | null;
  importBatchId?: string | null;
  /** scheduled before today and not finished */
  overdue?: boolean | null;
}

/** The ids in a jobs filter the viewer may open; one it may not filters to nothing, like an id that does not exist. */
function jobFilterIdsOpen(ctx: RequestContext, filter: JobFilterInput): Promise<boolean> {
  return filterIdsOpen(ctx, filter, { servicePartnerId: 'partner', vehicleId: 'vehicle', importBatchId: 'importBatch' });
}

/** The jobs list's condition, once its ids are known to be open: the viewer's scope and every filter (each on an index). */
function openedJobsWhere(ctx: RequestContext, filter: JobFilterInput): FilterQuery<Job> {
  const conditions: FilterQuery<Job>[] = [jobScopeWhere(ctx)];
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.kind) conditions.push({ kind: filter.kind });
  if (filter.servicePartnerId) conditions.push({ servicePartner: filter.servicePartnerId });
  if (filter.vehicleId) conditions.push({ vehicle: filter.vehicleId });
  if (filter.importBatchId) conditions.push({ importBatch: filter.importBatchId });
  if (filter.scheduledFrom) conditions.push({ scheduledFor: { $gte: parseInput(calendarDaySchema, filter.scheduledFrom, ['filter', 'scheduledFrom']) } });
  if (filter.scheduledTo) conditions.push({ scheduledFor: { $lte: parseInput(calendarDaySchema, filter.scheduledTo, ['filter', 'scheduledTo']) } });
  if (filter.overdue) {
    conditions.push({ scheduledFor: { $lt: new Date().toISOString().slice(0, 10) }, status: { $in: ['PENDING', 'ASSIGNED', 'RUNNING'] } });
  }
  return { $and: conditions };
}

const NO_JOB: FilterQuery<Job> = { id: null };

/** The jobs list's condition: the viewer's scope and every filter (each on an index); shared by the list and its CSV export. */
export async function jobsWhere(ctx: RequestContext, filter: JobFilterInput): Promise<FilterQuery<Job>> {
  return (await jobFilterIdsOpen(ctx, filter)) ? openedJobsWhere(ctx, filter) : NO_JOB;
}

/** The column of the job table a sort field orders by. */
export function jobSortColumn(field: JobSortField): 'createdAt' | 'kind' | 'status' {
  return SORT_COLUMNS[field];
}

/**
 * A page of the jobs the viewer may see, filtered (every filter on an index) and sorted; `selection`,
 * what the query asks of the nodes (the vehicle is read along only when asked, each row narrowed to
 * what the selection needs).
 */
export async function listJobs(
  ctx: RequestContext,
  filter: JobFilterInput,
  sort: { field: JobSortField; direction: 'ASC' | 'DESC' },
  first: number,
  after?: string | null,
  selection?: NodeSelection,
): Promise<Page<Job>> {
  const open = await jobFilterIdsOpen(ctx, filter);
  // the total of a tab, status, partner or batch is a sum over the maintained counters, not a count over the jobs
  const total = !open ? () => Promise.resolve(0) : countersCover(filter) ? () => countJobs(ctx, filter) : undefined;
  const order = { orderBy: SORT_COLUMNS[sort.field], direction: sort.direction === 'ASC' ? ('asc' as const) : ('desc' as const) };
  return jobsPage(ctx, open ? filter : null, order, first, after, total, selection?.fields.has('vehicle') ?? false, selection?.needs);
}

const jobFieldsSchema = z.object({
  title: optionalJobTextSchema('title'),
  description: optionalJobTextSchema('description'),
  instructions: optionalJobTextSchema('instructions'),
  configuration: jobConfigurationSchema,
  scheduledFor: z.preprocess((v) => (v === '' ? null : v), calendarDaySchema.nullable().optional()),
});

export interface CreateJobInput {
  kind: JobKind;
  vehicleId: string;
  title?: string | null;
  description?: string | null;
  instructions?: string | null;
  configuration: Record<string, unknown>;
  scheduledFor?: string | null;
  /** with `assign`: the service partner the job goes to at once ("Save & Assign") */
  servicePartnerId?: string | null;
  assign?: boolean | null;
  /** the end of the technicians' access window, if any */
  accessUntil?: Date | null;
  /** a template whose values fill what the job leaves empty */
  templateId?: string | null;
}

/** A service partner a job may go to: an accepted, active service partner of the principal. */
export async function findAssignableServicePartner(ctx: RequestContext, id: string | null | undefined, field: string): Promise<Partner> {
  if (!id) throw ValidationFailed.of(field, 'Choose the service partner.');
  const partner = isUuid(id) ? await ctx.em.findOne(Partner, { id, principal: viewerOf(ctx).organizationId }, { populate: ['organization'] }) : null;
  if (!partner) throw new NotFound('partner', field);
  if (partner.role !== 'SERVICE_PARTNER') throw ValidationFailed.of(field, 'Jobs go to service partners; this partner is not one.');
  if (partner.status !== 'ACCEPTED') throw ValidationFailed.of(field, 'This service partner has not accepted its invitation yet.');
  if (partner.archivedAt || partner.blocked) throw ValidationFailed.of(field, 'This service partner is archived or blocked.');
  return partner;
}

function recordEvent(ctx: RequestContext, job: Job, event: { type: string; from?: JobStatus | null; to?: JobStatus | null; reason?: string | null; changes?: Record<string, { from: unknown; to: unknown }> | null }): void {
  const viewer = viewerOf(ctx);
  ctx.em.persist(
    ctx.em.create(JobEvent, {
      principal: job.principal,
      job,
      type: event.type,
      fromStatus: event.from ?? null,
      toStatus: event.to ?? null,
      reason: event.reason ?? null,
      changes: event.changes ?? null,
      actorLabel: viewer.label,
      actorUser: viewer.userId,
    }),
  );
  recordAudit(ctx, {
    action: `job.${event.type.toLowerCase()}`,
    objectType: 'Job',
    objectId: job.id,
    organizationId: job.principal.id,
    changes: event.from !== undefined && event.from !== event.to ? { status: { from: event.from ?? null, to: event.to ?? null } } : (event.changes ?? null),
  });
}

function grantFor(em: EntityManager, job: Job, partner: Partner, until: Date | null | undefined): void {
  em.persist(em.create(AccessGrant, { principal: job.principal, vehicle: job.vehicle, partner, jobId: job.id, startsAt: new Date(), endsAt: until ?? null }));
}

async function endGrants(em: EntityManager, jobId: string, reason: string): Promise<void> {
  const now = new Date();
  await em.nativeUpdate(AccessGrant, { jobId, endedAt: null, startsAt: { $lte: now } }, { endedAt: now, endReason: reason });
}

/** Creates a job — PENDING ("Save"), or ASSIGNED to a service partner at once ("Save & Assign"). */
export async function createJob(ctx: RequestContext, input: CreateJobInput): Promise<Job> {
  const template = input.templateId ? await findVisibleTemplate(ctx, input.templateId, 'templateId') : null;
  if (template && template.archivedAt) throw ValidationFailed.of('templateId', 'This template was deleted.');
  if (template && template.kind !== input.kind) throw ValidationFailed.of('templateId', `This template is for ${template.kind.toLowerCase()} jobs.`);
  // a template fills what the job leaves empty (its kind, texts, configuration and service partner)
  const filled = template
    ? {
        ...input,
        title: input.title?.trim() ? input.title : template.title,
        description: input.description?.trim() ? input.description : template.description,
        instructions: input.instructions?.trim() ? input.instructions : template.instructions,
        servicePartnerId: input.servicePartnerId ?? template.defaultServicePartner?.id ?? null,
      }
    : input;
  const fields = parseInput(jobFieldsSchema, filled);
  if (template) fields.configuration = mergeWithTemplate(fields.configuration, template.configuration);
  input = filled;
  if (input.accessUntil && input.accessUntil.getTime() <= Date.now()) throw ValidationFailed.of('accessUntil', 'The access window must end in the future.');
  const principalId = viewerOf(ctx).organizationId;
  return inTransaction(ctx, async (tx) => {
    const vehicle = isUuid(input.vehicleId) ? await tx.em.findOne(Vehicle, { id: input.vehicleId, principal: principalId }) : null;
    if (!vehicle) throw new NotFound('vehicle', 'vehicleId');
    if (vehicle.archivedAt) throw ValidationFailed.of('vehicleId', 'This vehicle is archived; restore it first.');
    const partner = input.assign ? await findAssignableServicePartner(tx, input.servicePartnerId, 'servicePartnerId') : null;
    const job = tx.em.create(Job, { principal: principalId, kind: input.kind, vehicle, ...fields, status: partner ? 'ASSIGNED' : 'PENDING', servicePartner: partner, template });
    recordEvent(tx, job, { type: 'CREATED', to: 'PENDING' });
    if (partner) {
      recordEvent(tx, job, { type: 'ASSIGN', from: 'PENDING', to: 'ASSIGNED' });
      grantFor(tx.em, job, partner, input.accessUntil);
      await notifyAssignment(tx, partner, [job]);
    }
    await tx.em.flush();
    jobsChanged(tx, 'CREATED', [job]);
    return job;
  });
}

export interface TransitionInput {
  id: string;
  action: JobAction;
  reason?: string | null;
  servicePartnerId?: string | null;
  accessUntil?: Date | null;
}

/**
 * Takes one lifecycle action on a job. Checked against the lifecycle table for the job's status
 * and the caller's relation to it; applied only if the job is still in the version that was
 * checked, so of two simultaneous Starts exactly one wins and the other is told why it lost.
 */
export async function transitionJob(ctx: RequestContext, input: TransitionInput): Promise<Job> {
  return inTransaction(ctx, async (tx) => {
    const job = await findVisibleJob(tx, input.id);
    // the lifecycle first: a refused action is refused whatever else the input holds
    const refusal = refusalOf(tx, job, input.action);
    if (refusal) throw new InvalidTransition(refusal, job.status);
    const options = await transitionOptions(tx, input);
    const former = await applyTransition(tx, job, options);
    if (options.partner && holdsGrant(job.status)) await notifyAssignment(tx, options.partner, [job]);
    await tx.em.flush();
    jobsChanged(tx, 'TRANSITIONED', [job], new Map(former ? [[job.id, former]] : []));
    return job;
  });
}

interface TransitionOptions {
  action: JobAction;
  reason: string | null;
  partner: Partner | null;
  accessUntil: Date | null;
}

/** Checks what does not depend on the job: the reason, the window, the service partner of an assignment. */
async function transitionOptions(ctx: RequestContext, input: Omit<TransitionInput, 'id'>): Promise<TransitionOptions> {
  const transition = JOB_TRANSITIONS[input.action];
  const reason = parseInput(jobReasonSchema(transition.needsReason), input.reason ?? '', ['reason']) || null;
  if (input.accessUntil && input.accessUntil.getTime() <= Date.now()) throw ValidationFailed.of('accessUntil', 'The access window must end in the future.');
  const partner = transition.needsPartner ? await findAssignableServicePartner(ctx, input.servicePartnerId, 'servicePartnerId') : null;
  return { action: input.action, reason, partner, accessUntil: input.accessUntil ?? null };
}

/** Why this action is refused on this job for the viewer, or null when the lifecycle allows it. */
export function refusalOf(ctx: RequestContext, job: Job, action: JobAction): string | null {
  const check = checkTransition(job.status, action, actorFor(ctx, job));
  return check.ok ? null : check.message;
}

/**
 * Writes changes to a job through the unit of work, whose version property applies them only to the
 * version that was read (common/db/versioned.ts). False, with nothing written and `job` reloaded as it
 * is now, when another change committed first; lifecycle actions then say why in their own terms.
 */
async function jobWritten(em: EntityManager, job: Job, changes: Record<string, unknown>): Promise<boolean> {
  em.assign(job, changes as never);
  try {
    await em.flush();
    return true;
  } catch (error) {
    if (!(error instanceof OptimisticLockError)) throw error;
    // the job as it is now; not flushed first: the refused change is still pending on it
    await em.findOneOrFail(Job, { id: job.id }, { refresh: true, flushMode: FlushMode.COMMIT });
    return false;
  }
}

const CHANGED_MEANWHILE = 'The job changed meanwhile; look at it again and retry.';

/**
 * Applies one lifecycle action to a job in the caller's transaction: checked against the table,
 * written only if the job is still the version that was checked (so of two simultaneous Starts
 * exactly one wins and the other is told why it lost), with its grant, event and audit record.
 */
async function applyTransition(ctx: RequestContext, job: Job, options: TransitionOptions): Promise<string | null> {
  const em = ctx.em;
  const formerPartnerId = job.servicePartner?.id ?? null;
  const actor = actorFor(ctx, job);
  const check = checkTransition(job.status, options.action, actor);
  if (!check.ok) throw new InvalidTransition(check.message, job.status);
  const changes: Record<string, unknown> = { status: check.to };
  switch (options.action) {
    case 'ASSIGN':
    case 'REASSIGN':
      Object.assign(changes, { servicePartner: options.partner, technician: null, failureReason: null, attempt: options.action === 'REASSIGN' ? job.attempt + 1 : job.attempt });
      break;
    case 'UNASSIGN':
    case 'DECLINE':
      Object.assign(changes, { servicePartner: null, technician: null });
      break;
    case 'START':
      Object.assign(changes, { technician: viewerOf(ctx).userId });
      break;
    case 'FAIL':
      Object.assign(changes, { failureReason: options.reason });
      break;
    case 'CANCEL':
      Object.assign(changes, { cancelReason: options.reason });
      break;
    default:
      break;
  }
  const from = job.status;
  if (!(await jobWritten(em, job, changes))) {
    // someone changed the job between our read and our write: tell the caller what it is now
    const now = checkTransition(job.status, options.action, actorFor(ctx, job));
    throw new InvalidTransition(now.ok ? CHANGED_MEANWHILE : now.message, job.status);
  }
  if (holdsGrant(from) && !holdsGrant(check.to)) await endGrants(em, job.id, options.action);
  if (options.partner && holdsGrant(check.to)) grantFor(em, job, options.partner, options.accessUntil);
  recordEvent(ctx, job, { type: options.action, from, to: check.to, reason: options.reason });
  return formerPartnerId && formerPartnerId !== job.servicePartner?.id ? formerPartnerId : null;
}

export interface BulkJobActionInput extends Omit<TransitionInput, 'id' | 'action'> {
  ids: string[];
  action: BulkJobAction;
  /** RESCHEDULE: the new day (YYYY-MM-DD) */
  scheduledFor?: string | null;
}

export interface BulkJobPlan {
  applicable: Job[];
  refused: { job: Job; message: string }[];
}

/** The RESCHEDULE day, checked before any job is looked at. */
function rescheduleDay(input: BulkJobActionInput): string | null {
  if (input.action !== 'RESCHEDULE') return null;
  if (!input.scheduledFor) throw ValidationFailed.of('scheduledFor', 'Choose the new day.');
  return parseInput(calendarDaySchema, input.scheduledFor, ['scheduledFor']);
}

/** Why the action is refused for this job — by the same rules as the single mutations — or null. */
function bulkRefusal(ctx: RequestContext, job: Job, action: BulkJobAction, day: string | null): string | null {
  switch (action) {
    case 'DELETE':
      return deleteRefusal(job.status);
    case 'RESCHEDULE':
      return rescheduleRefusal(job.status) ?? (job.scheduledFor === day ? `It is already scheduled for ${day}.` : null);
    default:
      return refusalOf(ctx, job, action);
  }
}

/** Which of the selected jobs an action would change, and which it would refuse and why (the confirmation's content). */
export async function planBulkJobAction(ctx: RequestContext, input: BulkJobActionInput): Promise<BulkJobPlan> {
  const ids = [...new Set(input.ids)];
  if (ids.length === 0 || ids.length > MAX_BULK_JOBS) throw ValidationFailed.of('ids', `Select between 1 and ${MAX_BULK_JOBS} jobs.`);
  if (!ids.every((id) => isUuid(id))) throw new NotFound('job', 'ids');
  const day = rescheduleDay(input);
  const jobs = await ctx.em.find(Job, { $and: [{ id: { $in: ids } }, jobScopeWhere(ctx)] }, { orderBy: { createdAt: 'asc' } });
  if (jobs.length !== ids.length) throw new NotFound('job', 'ids');
  const plan: BulkJobPlan = { applicable: [], refused: [] };
  for (const job of jobs) {
    const message = bulkRefusal(ctx, job, input.action, day);
    if (message) plan.refused.push({ job, message });
    else plan.applicable.push(job);
  }
  return plan;
}

/**
 * Applies one action to many jobs at once (assign, unassign, reassign, cancel, reschedule,
 * delete): every job the rules allow changes, in one transaction (all of them or none), each with
 * its own event and audit record; the others are reported with the reason. One e-mail per service
 * partner for the assignments.
 */
export async function bulkJobAction(ctx: RequestContext, input: BulkJobActionInput): Promise<BulkJobPlan> {
  return inTransaction(ctx, async (tx) => {
    const plan = await planBulkJobAction(tx, input);
    // nothing to change is the client's mistake (the preview said so), not a change without an audit record
    if (plan.applicable.length === 0) throw ValidationFailed.of('ids', `None of the selected jobs can take this action: ${plan.refused[0]?.message ?? ''}`.trim());
    const former = new Map<string, string>();
    if (input.action === 'DELETE') {
      for (const job of plan.applicable) await softDelete(tx, job);
    } else if (input.action === 'RESCHEDULE') {
      const day = rescheduleDay(input);
      for (const job of plan.applicable) await writeEdit(tx, job, { scheduledFor: day }, { scheduledFor: { from: job.scheduledFor ?? null, to: day } }, 'INVALID_TRANSITION');
    } else {
      const options = await transitionOptions(tx, { ...input, action: input.action });
      for (const job of plan.applicable) {
        const left = await applyTransition(tx, job, options);
        if (left) former.set(job.id, left);
      }
      if (options.partner) await notifyAssignment(tx, options.partner, plan.applicable);
    }
    await tx.em.flush();
    jobsChanged(tx, input.action === 'DELETE' ? 'DELETED' : input.action === 'RESCHEDULE' ? 'UPDATED' : 'TRANSITIONED', plan.applicable, former);
    return plan;
  });
}

/** Marks a job deleted (kept with its history), if it is still the version that was read; ends its grant. */
async function softDelete(ctx: RequestContext, job: Job): Promise<void> {
  if (!(await jobWritten(ctx.em, job, { deletedAt: new Date() }))) throw new InvalidTransition(CHANGED_MEANWHILE, job.status);
  await endGrants(ctx.em, job.id, 'DELETED');
  recordEvent(ctx, job, { type: 'DELETED' });
}

/**
 * Writes an edit if the job is still the version that was read, recorded as an EDITED event with what
 * changed. Lost to another change: `updateJob` answers a version conflict, a bulk reschedule its own refusal.
 */
async function writeEdit(ctx: RequestContext, job: Job, fields: Partial<Job>, changes: Record<string, { from: unknown; to: unknown }>, onConflict: 'VERSION_CONFLICT' | 'INVALID_TRANSITION'): Promise<void> {
  const read = job.version;
  if (!(await jobWritten(ctx.em, job, fields as Record<string, unknown>))) {
    if (onConflict === 'INVALID_TRANSITION') throw new InvalidTransition(CHANGED_MEANWHILE, job.status);
    throw new VersionConflict('job', job.version, job.updatedAt, read);
  }
  recordEvent(ctx, job, { type: 'EDITED', changes });
}

/** Deletes a job (kept with its history, hidden from lists); a running job cannot be deleted. Ends its grant. */
export async function deleteJob(ctx: RequestContext, id: string): Promise<Job> {
  return inTransaction(ctx, async (tx) => {
    const job = await findVisibleJob(tx, id);
    const refusal = deleteRefusal(job.status);
    if (refusal) throw new InvalidTransition(refusal, job.status);
    await softDelete(tx, job);
    await tx.em.flush();
    jobsChanged(tx, 'DELETED', [job]);
    return job;
  });
}

export interface UpdateJobInput {
  id: string;
  title?: string | null;
  description?: string | null;
  instructions?: string | null;
  /** left out: unchanged; null: cleared (an empty configuration) */
  configuration?: Record<string, unknown>;
  scheduledFor?: string | null;
  /** the version the client read; left out: no check (last write wins) */
  expectedVersion?: number | null;
}

const JOB_EDIT_FIELDS = ['title', 'description', 'instructions', 'scheduledFor', 'configuration'] as const;
const EDITABLE_WHEN_ASSIGNED = new Set<string>(JOB_FIELDS_EDITABLE_WHEN_ASSIGNED);

/**
 * Edits a job (principal staff): a PENDING job fully; an ASSIGNED one only its schedule and
 * instructions (DESIGN.md §2); nothing once it runs or ended. Changes only the fields it is given
 * (see {@link parseUpdate}), and only if the job is still the `expectedVersion` the client read
 * (see {@link expectVersion}). Recorded as an EDITED event.
 */
export async function updateJob(ctx: RequestContext, input: UpdateJobInput): Promise<Job> {
  const fields = parseUpdate(jobFieldsSchema, input, JOB_EDIT_FIELDS, { placeholders: { configuration: {} } });
  return inTransaction(ctx, async (tx) => {
    const job = await findVisibleJob(tx, input.id);
    expectVersion(job, input.expectedVersion);
    const refusal = editRefusal(job.status);
    if (refusal) throw new InvalidTransition(refusal, job.status);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['title', 'description', 'instructions', 'scheduledFor'] as const) {
      if (!(key in fields)) continue;
      const from = job[key] ?? null;
      const to = fields[key] ?? null;
      if (from !== to) changes[key] = { from, to };
    }
    // field by field: jsonb keeps its own key order, so the stored object is not compared as text
    if (fields.configuration) {
      for (const [field, change] of Object.entries(configurationChanges(job.configuration, fields.configuration))) changes[`configuration.${field}`] = change;
    }
    const locked = Object.keys(changes).filter((key) => job.status === 'ASSIGNED' && !EDITABLE_WHEN_ASSIGNED.has(key));
    if (locked.length > 0) {
      throw new InvalidTransition(`An assigned job's schedule and instructions can change; unassign it to change its ${locked.join(', ')}.`, job.status);
    }
    if (Object.keys(changes).length === 0) throw ValidationFailed.of('id', 'Nothing changed.');
    await writeEdit(tx, job, fields as Partial<Job>, changes, 'VERSION_CONFLICT');
    await tx.em.flush();
    jobsChanged(tx, 'UPDATED', [job]);
    return job;
  });
}

/**
 * A technician's (or the partner admin's) change to the configuration of a running job — only
 * when the service partner has `allowJobOverride`; every change is recorded with old and new values.
 */
export async function overrideJobConfiguration(ctx: RequestContext, id: string, configurationInput: Record<string, unknown>): Promise<Job> {
  const configuration = parseInput(jobConfigurationSchema, configurationInput, ['configuration']);
  return inTransaction(ctx, async (tx) => {
    const job = await findVisibleJob(tx, id);
    const partner = job.servicePartner ? await tx.em.findOneOrFail(Partner, { id: job.servicePartner.id }) : null;
    const actor = actorFor(tx, job);
    let state = configurationOverrideState(job.status, actor, partner?.allowJobOverride ?? false);
    // the vehicle's ledger is read only for a change that is otherwise allowed
    if (state === 'ALLOWED') state = configurationOverrideState(job.status, actor, true, (await accessViaEntries(tx, job.vehicle.id))?.length !== 0);
    if (state !== 'ALLOWED') throw new InvalidTransition(CONFIGURATION_OVERRIDE_MESSAGES[state], job.status);
    const changes = configurationChanges(job.configuration, configuration);
    if (Object.keys(changes).length === 0) throw ValidationFailed.of('configuration', 'Nothing changed.');
    // the version condition also keeps it RUNNING: any transition meanwhile changed the version
    if (!(await jobWritten(tx.em, job, { configuration }))) throw new InvalidTransition(CHANGED_MEANWHILE, job.status);
    recordEvent(tx, job, { type: 'CONFIGURATION_CHANGED', changes });
    await tx.em.flush();
    jobsChanged(tx, 'CONFIGURATION_OVERRIDDEN', [job]);
    return job;
  });
}
