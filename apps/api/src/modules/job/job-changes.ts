import { publishAfterCommit } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import type { JobChangeKind } from '../../common/context/events.js';
import type { Job } from './job.entity.js';

/**
 * Announces, once the transaction commits, that these jobs of one principal changed (JOB_CHANGED,
 * DESIGN.md §5): one event per operation, however many jobs it touched. `formerServicePartners` names
 * the partner each job was taken from, if any.
 */
export function jobsChanged(ctx: RequestContext, change: Exclude<JobChangeKind, 'IMPORTED'>, jobs: readonly Job[], formerServicePartners: ReadonlyMap<string, string> = new Map()): void {
  // one event per principal (a partner working for several principals could touch jobs of more than one)
  const byPrincipal = new Map<string, Job[]>();
  for (const job of jobs) byPrincipal.set(job.principal.id, [...(byPrincipal.get(job.principal.id) ?? []), job]);
  for (const [principalId, own] of byPrincipal) {
    const partners = new Set<string>();
    const former: Record<string, string> = {};
    for (const job of own) {
      if (job.servicePartner) partners.add(job.servicePartner.id);
      const left = formerServicePartners.get(job.id);
      if (left) partners.add((former[job.id] = left));
    }
    publishAfterCommit(ctx, 'JOB_CHANGED', { principalId, change, jobIds: own.map((job) => job.id), servicePartnerIds: [...partners], formerServicePartnerIdByJob: former, importBatchId: null });
  }
}

/** Announces, once the transaction commits, a committed jobs import: one event for the batch, however many rows. */
export function jobsImported(ctx: RequestContext, principalId: string, importBatchId: string, servicePartnerIds: Iterable<string>): void {
  publishAfterCommit(ctx, 'JOB_CHANGED', { principalId, change: 'IMPORTED', jobIds: [], servicePartnerIds: [...new Set(servicePartnerIds)], formerServicePartnerIdByJob: {}, importBatchId });
}
