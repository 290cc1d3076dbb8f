import type { JobKind, JobStatus } from '@partner-hub/domain';
import { uuidArray } from '../../common/db/uuid-array.js';

/**
 * What the dashboard shows of one principal's jobs, read at once for every viewer of that principal
 * (docs/dashboard.md): the counters (`job_count`, `job_daily_count`, kept exact by triggers), the
 * overdue numbers (`job_open_day_count`) and jobs (their partial index), the running and recent import batches, and the latest
 * events. Rows carry their service partner so each viewer's part is cut out in memory
 * (dashboard.view.ts). Every statement reads through an index; none counts the jobs themselves.
 */

/** The subset of a database connection the reads use. */
export interface SqlRunner {
  execute(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface CountRow {
  kind: JobKind;
  status: JobStatus;
  partnerId: string | null;
  n: number;
}
export interface OverdueRow {
  kind: JobKind;
  partnerId: string | null;
  n: number;
}
export interface DailyRow {
  partnerId: string | null;
  day: string;
  status: 'SUCCEEDED' | 'FAILED';
  n: number;
}
export interface BatchRow {
  id: string;
  fileName: string;
  status: string;
  rowCount: number;
  processedRows: number;
  createdAt: Date;
  finishedAt: Date | null;
}
export interface BatchCountRow {
  batchId: string;
  partnerId: string | null;
  status: JobStatus;
  n: number;
}
export interface JobRow {
  id: string;
  title: string | null;
  kind: JobKind;
  status: JobStatus;
  scheduledFor: string | null;
  partnerId: string | null;
}
export interface EventRow {
  id: string;
  createdAt: Date;
  type: string;
  fromStatus: JobStatus | null;
  toStatus: JobStatus | null;
  actorLabel: string;
  jobId: string;
  jobTitle: string | null;
  jobKind: JobKind;
  partnerId: string | null;
}

export interface PrincipalSnapshot {
  principalId: string;
  /** the UTC day the snapshot was read on: overdue means scheduled before it */
  today: string;
  readAt: Date;
  counts: CountRow[];
  /** unfinished jobs scheduled before today, per kind, principal-wide (job_open_day_count) */
  overdueByKind: { kind: JobKind; n: number }[];
  /** the same per service partner, for the partners a dashboard lists (the busiest, and those asked for) */
  overdue: OverdueRow[];
  /** the last DAYS days, today included */
  daily: DailyRow[];
  batches: BatchRow[];
  batchCounts: BatchCountRow[];
  partnerNames: Map<string, string>;
  /** principal-wide lists (for principal staff) */
  overdueJobs: JobRow[];
  events: EventRow[];
  /** per service partner asked for: its own lists, read by index on the partner (a small partner's jobs are rare in the principal's lists) */
  byPartner: Map<string, { overdueJobs: JobRow[]; events: EventRow[]; openJobs: JobRow[] }>;
}

/** How many service partners a dashboard lists (a principal may have thousands). */
export const PARTNER_LIST_LENGTH = 25;

/** The jobs of a partner still to be done. */
export function openWork(p: { pending: number; assigned: number; running: number }): number {
  return p.pending + p.assigned + p.running;
}

/** How many days the charts show. */
export const DAYS = 30;
/** How long the list and feed are. */
export const LIST_LENGTH = 10;
export const FEED_LENGTH = 20;
/** A finished import batch stays on the dashboard this long. */
const RECENT_BATCH_HOURS = 24;

const UNFINISHED = `('PENDING', 'ASSIGNED', 'RUNNING')`;

/** The UTC day of an instant, as YYYY-MM-DD. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The UTC day `days` before `day`. */
export function dayBefore(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000));
}

const JOB_COLUMNS = `j.id, j.title, j.kind, j.status, to_char(j.scheduled_for, 'YYYY-MM-DD') as scheduled_for, j.service_partner_id`;
const EVENT_COLUMNS = `e.id, e.created_at, e.type, e.from_status, e.to_status, e.actor_label, e.job_id, j.title, j.kind, j.service_partner_id`;

type Raw = Record<string, unknown>;
const run = async (db: SqlRunner, sql: string, params: unknown[]): Promise<Raw[]> =>
  (await db.execute(sql, params)) as Raw[];
const toJob = (r: Raw): JobRow => ({
  id: r['id'] as string,
  title: (r['title'] as string | null) ?? null,
  kind: r['kind'] as JobKind,
  status: r['status'] as JobStatus,
  scheduledFor: (r['scheduled_for'] as string | null) ?? null,
  partnerId: (r['service_partner_id'] as string | null) ?? null,
});
const toEvent = (r: Raw): EventRow => ({
  id: r['id'] as string,
  createdAt: new Date(r['created_at'] as string),
  type: r['type'] as string,
  fromStatus: (r['from_status'] as JobStatus | null) ?? null,
  toStatus: (r['to_status'] as JobStatus | null) ?? null,
  actorLabel: r['actor_label'] as string,
  jobId: r['job_id'] as string,
  jobTitle: (r['title'] as string | null) ?? null,
  jobKind: r['kind'] as JobKind,
  partnerId: (r['service_partner_id'] as string | null) ?? null,
});

/**
 * Reads one principal's snapshot. `partnerIds`: the service partners (of this principal) whose own
 * lists are wanted — those of the partner viewers being served; principal staff need none.
 */
export async function readPrincipalSnapshot(
  db: SqlRunner,
  principalId: string,
  partnerIds: readonly string[],
  now = new Date(),
): Promise<PrincipalSnapshot> {
  const today = utcDay(now);
  const from = dayBefore(today, DAYS - 1);
  const partners = uuidArray([...new Set(partnerIds)]);
  const [
    counts,
    overdueByKind,
    daily,
    batches,
    overdueJobs,
    events,
    partnerOverdue,
    partnerEvents,
    partnerOpen,
  ] = await Promise.all([
    run(
      db,
      `select kind, status, service_partner_id, sum(n)::int as n from job_count where principal_id = ? group by 1, 2, 3 having sum(n) <> 0`,
      [principalId],
    ),
    run(
      db,
      `select kind, sum(n)::int as n from job_open_day_count where principal_id = ? and scheduled_for < ?::date group by 1`,
      [principalId, today],
    ),
    run(
      db,
      `select service_partner_id, to_char(day, 'YYYY-MM-DD') as day, status, sum(n)::int as n from job_daily_count
              where principal_id = ? and day >= ?::date group by 1, 2, 3`,
      [principalId, from],
    ),
    run(
      db,
      `select id, file_name, status, row_count, processed_rows, created_at, finished_at from import_batch
              where organization_id = ? and kind = 'JOBS' and created_at > now() - interval '7 days'
                and (status = 'RUNNING' or finished_at > now() - interval '${RECENT_BATCH_HOURS} hours')
              order by created_at desc limit 5`,
      [principalId],
    ),
    run(
      db,
      `select ${JOB_COLUMNS} from job j
              where j.principal_id = ? and j.deleted_at is null and j.status in ${UNFINISHED} and j.scheduled_for < ?::date
              order by j.scheduled_for, j.service_partner_id limit ${LIST_LENGTH}`,
      [principalId, today],
    ),
    run(
      db,
      `select ${EVENT_COLUMNS} from job_event e join job j on j.id = e.job_id
              where e.principal_id = ? and j.deleted_at is null order by e.created_at desc, e.id desc limit ${FEED_LENGTH}`,
      [principalId],
    ),
    run(
      db,
      `select p.id as partner, ${JOB_COLUMNS} from unnest(?::uuid[]) as p(id) cross join lateral (
               select * from job j where j.service_partner_id = p.id and j.principal_id = ? and j.deleted_at is null
                  and j.status in ${UNFINISHED} and j.scheduled_for < ?::date order by j.scheduled_for limit ${LIST_LENGTH}) as j`,
      [partners, principalId, today],
    ),
    // a partner's latest events belong to its most recently changed jobs (every event updates its job)
    run(
      db,
      `select p.id as partner, ${EVENT_COLUMNS} from unnest(?::uuid[]) as p(id) cross join lateral (
               select e.*, j.title, j.kind, j.service_partner_id from (
                 select * from job j where j.service_partner_id = p.id and j.principal_id = ? and j.deleted_at is null
                  order by j.updated_at desc limit ${FEED_LENGTH}) as j
               cross join lateral (select * from job_event e where e.job_id = j.id order by e.created_at desc, e.id desc limit ${FEED_LENGTH}) as e
               order by e.created_at desc, e.id desc limit ${FEED_LENGTH}) as e
             cross join lateral (select e.title, e.kind, e.service_partner_id) as j`,
      [partners, principalId],
    ),
    run(
      db,
      `select p.id as partner, ${JOB_COLUMNS} from unnest(?::uuid[]) as p(id) cross join lateral (
               select * from job j where j.service_partner_id = p.id and j.principal_id = ? and j.deleted_at is null
                  and j.status in ('ASSIGNED', 'RUNNING') order by j.status desc, j.scheduled_for nulls last limit ${LIST_LENGTH * 2}) as j`,
      [partners, principalId],
    ),
  ]);
  const batchIds = batches.map((b) => b['id'] as string);
  const batchCounts =
    batchIds.length === 0
      ? []
      : await run(
          db,
          `select import_batch_id, service_partner_id, status, sum(n)::int as n from job_count
      where import_batch_id = any(?::uuid[]) and principal_id = ? group by 1, 2, 3 having sum(n) <> 0`,
          [uuidArray(batchIds), principalId],
        );
  // names only of the partners a dashboard can list: the principal's busiest, and those asked for
  const open = new Map<string, number>();
  for (const r of counts) {
    const id = r['service_partner_id'] as string | null;
    if (id === null) continue;
    const status = r['status'] as JobStatus;
    const work =
      status === 'PENDING' || status === 'ASSIGNED' || status === 'RUNNING'
        ? (r['n'] as number) * 1_000_000
        : (r['n'] as number);
    open.set(id, (open.get(id) ?? 0) + work);
  }
  const busiest = [...open.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, PARTNER_LIST_LENGTH)
    .map(([id]) => id);
  const listed = [...overdueJobs, ...partnerOverdue, ...partnerOpen].map(
    (r) => r['service_partner_id'] as string | null,
  );
  const named = [
    ...new Set([...busiest, ...partnerIds, ...listed.filter((id): id is string => id !== null)]),
  ];
  const counted = uuidArray([...new Set([...busiest, ...partnerIds])]);
  const [names, overdue] = await Promise.all([
    named.length === 0
      ? []
      : run(
          db,
          `select p.id, o.name from partner p join organization o on o.id = p.organization_id where p.id = any(?::uuid[])`,
          [uuidArray(named)],
        ),
    // overdue per listed partner: its unfinished jobs by (service_partner_id, status), a few hundred at most
    run(
      db,
      `select j.service_partner_id, j.kind, count(*)::int as n from unnest(?::uuid[]) as p(id)
         join job j on j.service_partner_id = p.id and j.status in ${UNFINISHED}
        where j.principal_id = ? and j.deleted_at is null and j.scheduled_for < ?::date group by 1, 2`,
      [counted, principalId, today],
    ),
  ]);

  const byPartner = new Map<string, { overdueJobs: JobRow[]; events: EventRow[]; openJobs: JobRow[] }>();
  const listsOf = (id: string) => {
    let lists = byPartner.get(id);
    if (!lists) byPartner.set(id, (lists = { overdueJobs: [], events: [], openJobs: [] }));
    return lists;
  };
  for (const id of new Set(partnerIds)) listsOf(id);
  for (const r of partnerOverdue) listsOf(r['partner'] as string).overdueJobs.push(toJob(r));
  for (const r of partnerEvents) listsOf(r['partner'] as string).events.push(toEvent(r));
  for (const r of partnerOpen) listsOf(r['partner'] as string).openJobs.push(toJob(r));

  return {
    principalId,
    today,
    readAt: now,
    counts: counts.map((r) => ({
      kind: r['kind'] as JobKind,
      status: r['status'] as JobStatus,
      partnerId: (r['service_partner_id'] as string | null) ?? null,
      n: r['n'] as number,
    })),
    overdueByKind: overdueByKind.map((r) => ({ kind: r['kind'] as JobKind, n: r['n'] as number })),
    overdue: overdue.map((r) => ({
      kind: r['kind'] as JobKind,
      partnerId: (r['service_partner_id'] as string | null) ?? null,
      n: r['n'] as number,
    })),
    daily: daily.map((r) => ({
      partnerId: (r['service_partner_id'] as string | null) ?? null,
      day: r['day'] as string,
      status: r['status'] as 'SUCCEEDED' | 'FAILED',
      n: r['n'] as number,
    })),
    batches: batches.map((r) => ({
      id: r['id'] as string,
      fileName: r['file_name'] as string,
      status: r['status'] as string,
      rowCount: Number(r['row_count'] ?? 0),
      processedRows: Number(r['processed_rows'] ?? 0),
      createdAt: new Date(r['created_at'] as string),
      finishedAt: r['finished_at'] ? new Date(r['finished_at'] as string) : null,
    })),
    batchCounts: batchCounts.map((r) => ({
      batchId: r['import_batch_id'] as string,
      partnerId: (r['service_partner_id'] as string | null) ?? null,
      status: r['status'] as JobStatus,
      n: r['n'] as number,
    })),
    partnerNames: new Map(names.map((r) => [r['id'] as string, r['name'] as string])),
    overdueJobs: overdueJobs.map(toJob),
    events: events.map(toEvent),
    byPartner,
  };
}
