import { Repeater } from '@graphql-yoga/subscription';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobKind, JobStatus } from '@partner-hub/domain';
import { validate as isUuid } from 'uuid';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import type { JobChangeKind, JobChangedPayload } from '../../common/context/events.js';
import type { Viewer } from '../../common/auth/viewer.js';
import { scopeToOrganization } from '../../common/db/tenant-filter.js';
import { NotFound } from '../../common/errors/app-errors.js';
import { filterIdsOpen } from '../access/filter-ids.js';
import { findVisibleJob, jobInScope } from '../access/job-scope.js';
import { JobEvent } from './job-event.entity.js';
import { Job } from './job.entity.js';
import { LiveQueue } from '../../common/context/live-queue.js';
import { shareExecution } from '../../common/graphql/shared-execution.js';

/**
 * Live jobs (DESIGN.md §5): what each subscriber hears of a committed JOB_CHANGED event — checked at
 * delivery against the subscriber's own identity — and the replay-then-live stream of one job's history.
 */

export interface JobChangeFilterInput {
  kind?: JobKind | null;
  status?: JobStatus | null;
  servicePartnerId?: string | null;
  vehicleId?: string | null;
  importBatchId?: string | null;
}

/** One change as a subscriber receives it: the job as it may see it now, or null (deleted, no longer its to see, or an import). */
export interface JobChangeData {
  change: JobChangeKind;
  jobId: string | null;
  importBatchId: string | null;
  job: Job | null;
}

/**
 * Whether an event may concern the viewer at all, without a read: principal staff hear their principal's
 * changes; a partner's people only those touching one of their partnerships.
 */
function mayConcern(viewer: Viewer, event: JobChangedPayload): boolean {
  if (viewer.organizationKind === 'PRINCIPAL') return event.principalId === viewer.organizationId;
  return viewer.partnerships.some((p) => p.principalId === event.principalId && event.servicePartnerIds.includes(p.partnerId));
}

/** The principals whose job changes may concern the viewer: its own, or those its partnerships work for. */
function principalsOf(viewer: Viewer): string[] {
  return viewer.organizationKind === 'PRINCIPAL' ? [viewer.organizationId] : [...new Set(viewer.partnerships.map((p) => p.principalId))];
}

/**
 * The jobs of each event, read once per event on this instance however many subscribers hear it (the
 * same payload object reaches every subscriber here) — deleted ones included; each subscriber then keeps
 * what its own scope allows. Read within the event's principal only. The reads of successive events run
 * at once, but each is *ready* only after the one before it on the same pub/sub: every subscriber hears
 * the events in the order they were published. A failed read is logged once and leaves the event out.
 */
interface EventJobs {
  /** the event's jobs by id, in publication order; null when they could not be read */
  ready: Promise<Map<string, Job> | null>;
  /** what subscribers receive of the event, shared among them (see changeOf) */
  changes: Map<string, JobChangeData>;
}

const eventJobs = new WeakMap<JobChangedPayload, EventJobs>();
/** the last event made ready on each pub/sub: the next waits for it */
const lastReady = new WeakMap<object, Promise<unknown>>();
const NO_JOBS: Map<string, Job> = new Map();

function jobsOf(ctx: RequestContext, event: JobChangedPayload): EventJobs {
  let jobs = eventJobs.get(event);
  if (!jobs) {
    let read: Promise<Map<string, Job> | null>;
    if (event.change === 'IMPORTED') read = Promise.resolve(NO_JOBS);
    else {
      const fork = ctx.em.fork({ clear: true });
      scopeToOrganization(fork, event.principalId, [event.principalId]);
      read = fork.find(Job, { id: { $in: event.jobIds } }).then(
        (rows) => new Map(rows.map((job) => [job.id, job])),
        (err: unknown) => {
          ctx.deps.logger.error({ err }, 'could not read a job change for its subscribers');
          return null;
        },
      );
    }
    const before = lastReady.get(ctx.deps.pubSub);
    const ready = before ? Promise.all([read, before]).then(([rows]) => rows) : read;
    lastReady.set(ctx.deps.pubSub, ready.then(() => undefined));
    jobs = { ready, changes: new Map() };
    eventJobs.set(event, jobs);
  }
  return jobs;
}

/**
 * One change as subscribers receive it — the same object for every subscriber of this instance who
 * receives the same thing of the same event, marked as shared: subscribers who may see a job alike then
 * share one execution of their operation (common/graphql/shared-execution.ts).
 */
function changeOf(jobs: EventJobs, change: JobChangeKind, jobId: string | null, importBatchId: string | null, job: Job | null): JobChangeData {
  const key = `${jobId ?? ''}|${importBatchId ?? ''}|${job ? 'job' : ''}`;
  let shared = jobs.changes.get(key);
  if (!shared) {
    shared = shareExecution({ change, jobId, importBatchId, job });
    jobs.changes.set(key, shared);
  }
  return shared;
}

function matches(filter: JobChangeFilterInput, job: Job, servicePartnerId: string | null, options: { status: boolean }): boolean {
  return (
    (!filter.kind || job.kind === filter.kind) &&
    (!options.status || !filter.status || job.status === filter.status) &&
    (!filter.servicePartnerId || servicePartnerId === filter.servicePartnerId) &&
    (!filter.vehicleId || job.vehicle.id === filter.vehicleId) &&
    (!filter.importBatchId || job.importBatch?.id === filter.importBatchId)
  );
}

/** What of one event the viewer receives, job by job (one change for an import), once its jobs are read. */
function changesFor(viewer: Viewer, event: JobChangedPayload, jobs: EventJobs, rows: Map<string, Job>, filter: JobChangeFilterInput): JobChangeData[] {
  if (event.change === 'IMPORTED') {
    // one change for the batch, not one per row: the client refetches what it shows
    const partner = !filter.servicePartnerId || event.servicePartnerIds.includes(filter.servicePartnerId);
    const batch = !filter.importBatchId || filter.importBatchId === event.importBatchId;
    // an import creates jobs PENDING or ASSIGNED
    const status = !filter.status || filter.status === 'PENDING' || filter.status === 'ASSIGNED';
    return partner && batch && status ? [changeOf(jobs, 'IMPORTED', null, event.importBatchId, null)] : [];
  }
  const changes: JobChangeData[] = [];
  for (const jobId of event.jobIds) {
    const job = rows.get(jobId);
    if (!job) continue;
    const importBatchId = job.importBatch?.id ?? null;
    const partnerId = job.servicePartner?.id ?? null;
    if (jobInScope(viewer, job)) {
      if (matches(filter, job, partnerId, { status: true })) changes.push(changeOf(jobs, event.change, jobId, importBatchId, job));
    } else if (job.deletedAt && jobInScope(viewer, job, { deleted: true })) {
      if (matches(filter, job, partnerId, { status: true })) changes.push(changeOf(jobs, event.change, jobId, importBatchId, null));
    } else {
      // taken from one of the viewer's partnerships by this change: it hears that the job left its view
      const former = event.formerServicePartnerIdByJob[jobId];
      const left = former !== undefined && viewer.partnerships.some((p) => p.partnerId === former);
      if (left && matches(filter, job, former, { status: false })) changes.push(changeOf(jobs, event.change, jobId, importBatchId, null));
    }
  }
  return changes;
}

/**
 * The stream of `jobChanged`: every committed job change the subscriber may see, as it may see it,
 * narrowed by the filter. A filter naming an id the subscriber may not open hears nothing (as the
 * jobs list shows nothing). One listener per principal feeds one queue: an event costs a subscriber a
 * check, and a callback once the event's shared read is ready — no chain of async iterators.
 */
export async function jobChanges(ctx: RequestContext, filter: JobChangeFilterInput): Promise<AsyncIterable<JobChangeData>> {
  const viewer = viewerOf(ctx);
  const open = await filterIdsOpen(ctx, filter, { servicePartnerId: 'partner', vehicleId: 'vehicle', importBatchId: 'importBatch' });
  const stops: (() => void)[] = [];
  const queue = new LiveQueue<JobChangeData>(() => {
    for (const stop of stops.splice(0)) stop();
  });
  if (!open) return queue;
  const heard = (event: JobChangedPayload) => {
    if (queue.ended || !mayConcern(viewer, event)) return;
    const jobs = jobsOf(ctx, event);
    void jobs.ready.then((rows) => {
      if (!rows || queue.ended) return;
      for (const change of changesFor(viewer, event, jobs, rows, filter)) queue.push(change);
    });
  };
  for (const principalId of new Set(principalsOf(viewer))) stops.push(ctx.deps.pubSub.listenToPrincipal('JOB_CHANGED', principalId, heard));
  return queue;
}

/** The events of one job after `after` (or after the given position), oldest first. */
async function eventsAfter(em: EntityManager, jobId: string, after: { createdAt: Date; id: string } | null): Promise<JobEvent[]> {
  const where = after ? { job: jobId, $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }] } : { job: jobId };
  return em.find(JobEvent, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/**
 * The stream of `jobEventAdded`: the job's history as it is recorded. With `after` (the last event the
 * client saw, e.g. before its connection dropped) it first replays what came after it, then goes live.
 * Each delivery re-reads the job in the subscriber's scope — deleted jobs included, so the DELETED event
 * arrives — and a job no longer the subscriber's to see delivers nothing more.
 */
export async function jobEventsAdded(ctx: RequestContext, jobId: string, after: string | null | undefined): Promise<AsyncIterable<JobEvent>> {
  const viewer = viewerOf(ctx);
  const job = await findVisibleJob(ctx, jobId, 'jobId');
  const seen = after ? (isUuid(after) ? await ctx.em.fork().findOne(JobEvent, { id: after, job: job.id }) : null) : undefined;
  if (seen === null) throw new NotFound('job event', 'after');
  const principalId = job.principal.id;
  return new Repeater<JobEvent>(async (push, stop) => {
    // listening before the position is read: nothing recorded in between can fall through the gap
    const iterator = ctx.deps.pubSub.subscribeToPrincipals('JOB_CHANGED', [principalId])[Symbol.asyncIterator]();
    const first = iterator.next();
    void stop.then(() => iterator.return?.());
    let position: { createdAt: Date; id: string } | null = seen ? { createdAt: seen.createdAt, id: seen.id } : null;
    /** Delivers what was recorded after the last delivered event, while the job is still the subscriber's to see. */
    const catchUp = async () => {
      const em = ctx.em.fork({ clear: true });
      const still = await em.findOne(Job, { id: job.id });
      if (!still || !jobInScope(viewer, still, { deleted: true })) return;
      for (const event of await eventsAfter(em, job.id, position)) {
        position = { createdAt: event.createdAt, id: event.id };
        await push(event);
      }
    };
    try {
      if (seen) await catchUp();
      else {
        const last = await ctx.em.fork().findOne(JobEvent, { job: job.id }, { orderBy: { createdAt: 'desc', id: 'desc' } });
        position = last ? { createdAt: last.createdAt, id: last.id } : null;
      }
      for (let next = await first; !next.done; next = await iterator.next()) {
        const event = next.value;
        if (event.principalId !== principalId || !event.jobIds.includes(job.id) || !mayConcern(viewer, event)) continue;
        await catchUp();
      }
    } catch (err) {
      ctx.deps.logger.error({ err }, 'could not read a job\'s events for a subscriber');
    }
    stop();
  });
}
