import { calendarDaySchema } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { rowShape } from '../../common/db/plain-rows.js';
import type { RelatedRows, RowNeeds } from '../../common/db/plain-rows.js';
import { primeRows } from '../../common/context/loaders.js';
import { parseInput } from '../../common/errors/parse-input.js';
import { keysetRows } from '../../common/graphql/connection.js';
import type { Page } from '../../common/graphql/connection.js';
import { jobScopeSql } from '../access/job-scope.js';
import { Job } from './job.entity.js';
import type { JobFilterInput } from './job.service.js';

/**
 * The jobs list's read (issue 12): one hand-written statement for the page, plain rows shaped like
 * the job (plain-rows.ts) — the condition of `jobsWhere` (job.service.ts, which the CSV export
 * keeps) written as SQL on the job table's alias `t`, each filter on an index.
 */
export function jobsWhereSql(ctx: RequestContext, filter: JobFilterInput | null): { where: string[]; params: unknown[] } {
  if (!filter) return { where: ['false'], params: [] };
  const { where, params } = jobScopeSql(ctx);
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (filter.status) add('t."status" = ?', filter.status);
  if (filter.kind) add('t."kind" = ?', filter.kind);
  if (filter.servicePartnerId) add('t."service_partner_id" = ?', filter.servicePartnerId);
  if (filter.vehicleId) add('t."vehicle_id" = ?', filter.vehicleId);
  if (filter.importBatchId) add('t."import_batch_id" = ?', filter.importBatchId);
  if (filter.scheduledFrom) add('t."scheduled_for" >= ?', parseInput(calendarDaySchema, filter.scheduledFrom, ['filter', 'scheduledFrom']));
  if (filter.scheduledTo) add('t."scheduled_for" <= ?', parseInput(calendarDaySchema, filter.scheduledTo, ['filter', 'scheduledTo']));
  // the predicate of job_list_overdue_index, word for word
  if (filter.overdue) add(`t."scheduled_for" < ? and t."status" in ('PENDING', 'ASSIGNED', 'RUNNING')`, new Date().toISOString().slice(0, 10));
  return { where, params };
}

/**
 * A page of jobs as plain rows (`filter` null: an id in it does not open — nothing matches); `total`
 * computes `totalCount` (the maintained counters where they cover the filter); `withVehicle` reads each
 * job's vehicle along (for `Job.vehicle`, which still applies its rule: the row only primes the loader);
 * `needs` narrows every row read to what the query's selection needs of it (whole rows without it).
 */
export function jobsPage(
  ctx: RequestContext,
  filter: JobFilterInput | null,
  order: { orderBy: 'createdAt' | 'kind' | 'status'; direction: 'asc' | 'desc' },
  first: number,
  after: string | null | undefined,
  total: (() => Promise<number>) | undefined,
  withVehicle = false,
  needs: RowNeeds | null = null,
): Promise<Page<Job>> {
  // the service partner (and its organization, which names it) in the same statement: nearly every list shows it
  const related = (rows: RelatedRows) => primeRows(ctx, rows);
  const along = withVehicle ? ['servicePartner', 'vehicle'] : ['servicePartner'];
  return keysetRows(ctx.em, rowShape(ctx.em, Job), { ...jobsWhereSql(ctx, filter), first, after, ...order, total, along, related, needs });
}
