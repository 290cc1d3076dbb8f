import type { JobKind, JobStatus } from '@partner-hub/domain';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import type { JobFilterInput } from './job.service.js';

/**
 * Job totals from the counters the database keeps exact (`job_count`, maintained by triggers on
 * `job` in the same transaction as every change; Migration20261202100000): a sum over a handful of
 * counter rows instead of a count over every matching job.
 */

/** The filters the counters are kept by: any mix of these is summed; anything else needs a count over the jobs. */
export type CountedJobFilter = Pick<JobFilterInput, 'status' | 'kind' | 'servicePartnerId' | 'importBatchId'>;

/** Whether the counters answer this filter's total (no vehicle, date or overdue condition in it). */
export function countersCover(filter: JobFilterInput): filter is CountedJobFilter {
  return !filter.vehicleId && !filter.scheduledFrom && !filter.scheduledTo && !filter.overdue;
}

/**
 * How many live jobs the viewer sees that match `filter`, from the counters. The viewer's scope is
 * the jobs list's (principal staff: all their principal's jobs; a partner's people: the jobs
 * assigned to their partnerships). Ids the viewer may not open must already have been refused
 * (filter-ids): here they would only count what the scope lets through.
 */
export async function countJobs(ctx: RequestContext, filter: CountedJobFilter): Promise<number> {
  const viewer = viewerOf(ctx);
  const conditions: string[] = [];
  const params: unknown[] = [];
  const where = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };
  if (viewer.organizationKind === 'PRINCIPAL') {
    where('principal_id = ?', viewer.organizationId);
  } else {
    const partnerships = viewer.partnerships;
    if (partnerships.length === 0) return 0;
    where('principal_id = any(?::uuid[])', uuidArray([...new Set(partnerships.map((p) => p.principalId))]));
    where('service_partner_id = any(?::uuid[])', uuidArray(partnerships.map((p) => p.partnerId)));
  }
  if (filter.kind) where('kind = ?', filter.kind satisfies JobKind);
  if (filter.status) where('status = ?', filter.status satisfies JobStatus);
  if (filter.servicePartnerId) where('service_partner_id = ?', filter.servicePartnerId);
  if (filter.importBatchId) where('import_batch_id = ?', filter.importBatchId);
  const rows: { total: string | null }[] = await ctx.em.getConnection().execute(
    `select sum(n) as total from job_count where ${conditions.join(' and ')}`,
    params,
  );
  return Number(rows[0]?.total ?? 0);
}
