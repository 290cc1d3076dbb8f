import { JOB_KINDS, JOB_STATUSES } from '@partner-hub/domain';
import type { JobStatus } from '@partner-hub/domain';
import type { Viewer } from '../../common/auth/viewer.js';
import {
  DAYS,
  FEED_LENGTH,
  LIST_LENGTH,
  PARTNER_LIST_LENGTH,
  dayBefore,
  openWork,
} from './dashboard.snapshot.js';
import type { EventRow, JobRow, PrincipalSnapshot } from './dashboard.snapshot.js';
import {
  Dashboard,
  DashboardDay,
  DashboardEvent,
  DashboardImportBatch,
  DashboardJob,
  DashboardKindCount,
  DashboardPartnerProgress,
  DashboardProgress,
  DashboardStatusCount,
} from './dashboard.types.js';
import type { DashboardScope } from './dashboard.types.js';

/**
 * One viewer's dashboard cut out of its principals' snapshots, in memory (docs/dashboard.md):
 * principal staff see everything of their principal; a partner's people only the rows of the
 * service partners they are (their partnerships), summed over their principals.
 */

/** Whose jobs a viewer's dashboard covers. */
export interface DashboardAudience {
  scope: DashboardScope;
  /** the principals whose snapshots it is cut from */
  principalIds: string[];
  /** for a partner's people: the partnerships whose rows it keeps (null: all rows, principal staff) */
  partnerIds: ReadonlySet<string> | null;
}

/** The audience of a viewer. */
export function audienceOf(viewer: Viewer): DashboardAudience {
  if (viewer.organizationKind === 'PRINCIPAL')
    return { scope: 'PRINCIPAL', principalIds: [viewer.organizationId], partnerIds: null };
  return {
    scope: viewer.role === 'TECHNICIAN' ? 'TECHNICIAN' : 'PARTNER',
    principalIds: [...new Set(viewer.partnerships.map((p) => p.principalId))],
    partnerIds: new Set(viewer.partnerships.map((p) => p.partnerId)),
  };
}

/** The service partners (of one principal) whose own lists an audience needs. */
export function listedPartnersOf(audience: DashboardAudience): string[] {
  return audience.partnerIds ? [...audience.partnerIds] : [];
}

/** Whether a change that touched these service partners concerns the audience. */
export function concerns(
  audience: DashboardAudience,
  principalId: string,
  servicePartnerIds: readonly string[] | null,
): boolean {
  if (!audience.principalIds.includes(principalId)) return false;
  if (!audience.partnerIds || servicePartnerIds === null) return true;
  const mine = audience.partnerIds;
  return servicePartnerIds.some((id) => mine.has(id));
}

type Tally = Record<JobStatus, number>;
const emptyTally = (): Tally => Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Tally;
const progressOf = (t: Tally) =>
  Object.assign(new DashboardProgress(), {
    total: JOB_STATUSES.reduce((sum, s) => sum + t[s], 0),
    pending: t.PENDING,
    assigned: t.ASSIGNED,
    running: t.RUNNING,
    succeeded: t.SUCCEEDED,
    failed: t.FAILED,
    cancelled: t.CANCELLED,
  });

/** Cuts the audience's dashboard out of the snapshots of its principals (any missing one counts as empty). */
export function dashboardView(
  audience: DashboardAudience,
  snapshots: ReadonlyMap<string, PrincipalSnapshot>,
): Dashboard {
  const keeps = (partnerId: string | null) =>
    audience.partnerIds === null || (partnerId !== null && audience.partnerIds.has(partnerId));
  const byStatus = emptyTally();
  const byKind = new Map(JOB_KINDS.map((k) => [k, { count: 0, overdue: 0 }]));
  const partners = new Map<string, { name: string; tally: Tally; overdue: number }>();
  const partnerOf = (snapshot: PrincipalSnapshot, id: string) => {
    let p = partners.get(id);
    if (!p)
      partners.set(id, (p = { name: snapshot.partnerNames.get(id) ?? '—', tally: emptyTally(), overdue: 0 }));
    return p;
  };
  let overdue = 0;
  const days = new Map<string, { succeeded: number; failed: number }>();
  const batches: DashboardImportBatch[] = [];
  let overdueJobs: (JobRow & { partnerName: string | null })[] = [];
  let openJobs: (JobRow & { partnerName: string | null })[] = [];
  let events: EventRow[] = [];
  const first = [...snapshots.values()][0];
  const readAt = first?.readAt ?? new Date();
  const today = first?.today ?? readAt.toISOString().slice(0, 10);

  for (const principalId of audience.principalIds) {
    const snapshot = snapshots.get(principalId);
    if (!snapshot) continue;
    const named = (job: JobRow) => ({
      ...job,
      partnerName: job.partnerId ? (snapshot.partnerNames.get(job.partnerId) ?? null) : null,
    });
    for (const row of snapshot.counts) {
      if (!keeps(row.partnerId)) continue;
      byStatus[row.status] += row.n;
      byKind.get(row.kind)!.count += row.n;
      if (row.partnerId) partnerOf(snapshot, row.partnerId).tally[row.status] += row.n;
    }
    // principal staff: the principal's total; a partner: the sum over its own partnerships
    if (audience.partnerIds === null) {
      for (const row of snapshot.overdueByKind) {
        overdue += row.n;
        byKind.get(row.kind)!.overdue += row.n;
      }
    }
    for (const row of snapshot.overdue) {
      if (!keeps(row.partnerId)) continue;
      if (audience.partnerIds !== null) {
        overdue += row.n;
        byKind.get(row.kind)!.overdue += row.n;
      }
      if (row.partnerId) partnerOf(snapshot, row.partnerId).overdue += row.n;
    }
    for (const row of snapshot.daily) {
      if (!keeps(row.partnerId)) continue;
      let day = days.get(row.day);
      if (!day) days.set(row.day, (day = { succeeded: 0, failed: 0 }));
      if (row.status === 'SUCCEEDED') day.succeeded += row.n;
      else day.failed += row.n;
    }
    for (const batch of snapshot.batches) {
      const tally = emptyTally();
      for (const row of snapshot.batchCounts)
        if (row.batchId === batch.id && keeps(row.partnerId)) tally[row.status] += row.n;
      // an import is the principal's work: a partner sees only the batches that gave it jobs
      const progress = progressOf(tally);
      if (audience.partnerIds !== null && progress.total === 0) continue;
      batches.push(Object.assign(new DashboardImportBatch(), { ...batch, progress }));
    }
    if (audience.partnerIds === null) {
      overdueJobs.push(...snapshot.overdueJobs.map(named));
      events.push(...snapshot.events);
    } else {
      for (const id of audience.partnerIds) {
        const lists = snapshot.byPartner.get(id);
        if (!lists) continue;
        overdueJobs.push(...lists.overdueJobs.map(named));
        openJobs.push(...lists.openJobs.map(named));
        events.push(...lists.events);
      }
    }
  }
  overdueJobs = overdueJobs
    .sort((a, b) => (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? ''))
    .slice(0, LIST_LENGTH);
  openJobs = openJobs
    .sort((a, b) =>
      a.status === b.status
        ? (a.scheduledFor ?? '9999').localeCompare(b.scheduledFor ?? '9999')
        : a.status === 'RUNNING'
          ? -1
          : 1,
    )
    .slice(0, LIST_LENGTH * 2);
  events = [...new Map(events.map((e) => [e.id, e])).values()]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .slice(0, FEED_LENGTH);

  const toJob = (job: JobRow & { partnerName: string | null }) =>
    Object.assign(new DashboardJob(), {
      id: job.id,
      title: job.title,
      kind: job.kind,
      status: job.status,
      scheduledFor: job.scheduledFor,
      servicePartnerName: job.partnerName,
    });
  const rankedPartners = [...partners.entries()]
    .map(([partnerId, p]) =>
      Object.assign(new DashboardPartnerProgress(), {
        partnerId,
        name: p.name,
        progress: progressOf(p.tally),
        overdue: p.overdue,
      }),
    )
    .filter((p) => p.progress.total > 0)
    .sort(
      (a, b) =>
        openWork(b.progress) - openWork(a.progress) ||
        b.progress.total - a.progress.total ||
        a.name.localeCompare(b.name),
    );
  return Object.assign(new Dashboard(), {
    scope: audience.scope,
    readAt,
    today,
    total: JOB_STATUSES.reduce((sum, s) => sum + byStatus[s], 0),
    overdue,
    statusCounts: JOB_STATUSES.map((status) =>
      Object.assign(new DashboardStatusCount(), { status, count: byStatus[status] }),
    ),
    kindCounts: JOB_KINDS.map((kind) =>
      Object.assign(new DashboardKindCount(), { kind, ...byKind.get(kind)! }),
    ),
    servicePartners: rankedPartners.slice(0, PARTNER_LIST_LENGTH),
    servicePartnerCount: rankedPartners.length,
    importBatches: batches.sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
    ),
    overdueJobs: overdueJobs.map(toJob),
    openJobs: openJobs.map(toJob),
    recentEvents: events.map((e) =>
      Object.assign(new DashboardEvent(), {
        id: e.id,
        at: e.createdAt,
        type: e.type,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        actorLabel: e.actorLabel,
        jobId: e.jobId,
        jobTitle: e.jobTitle,
        jobKind: e.jobKind,
      }),
    ),
    daily: Array.from({ length: DAYS }, (_, i) => {
      const day = dayBefore(today, DAYS - 1 - i);
      return Object.assign(new DashboardDay(), { day, ...(days.get(day) ?? { succeeded: 0, failed: 0 }) });
    }),
  });
}
