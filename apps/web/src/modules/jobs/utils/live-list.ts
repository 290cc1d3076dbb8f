import type { JobChangeFilter, JobFilter, JobListFieldsFragment } from '@partner-hub/graphql-client';

/**
 * The part of a list's filter the server narrows `jobChanged` by. Not the status: a row on screen that
 * leaves the status filter must still show its new status in place; the status, schedule and overdue
 * conditions are checked here, for the jobs not on screen.
 */
export function toJobChangeFilter(filter: JobFilter): JobChangeFilter {
  return {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.servicePartnerId ? { servicePartnerId: filter.servicePartnerId } : {}),
    ...(filter.importBatchId ? { importBatchId: filter.importBatchId } : {}),
    ...(filter.vehicleId ? { vehicleId: filter.vehicleId } : {}),
  };
}

const OPEN = new Set(['PENDING', 'ASSIGNED', 'RUNNING']);

/** Whether a changed job belongs in a list with this filter, by what the subscription's filter leaves out. */
export function matchesJobListFilter(job: Pick<JobListFieldsFragment, 'scheduledFor' | 'status'>, filter: JobFilter, today: string): boolean {
  if (filter.status && job.status !== filter.status) return false;
  const day = job.scheduledFor ?? null;
  if (filter.scheduledFrom && (!day || day < filter.scheduledFrom)) return false;
  if (filter.scheduledTo && (!day || day > filter.scheduledTo)) return false;
  if (filter.overdue && (!day || day >= today || !OPEN.has(job.status))) return false;
  return true;
}

/** What happened outside the rows on screen since the list was read: the notice above it. */
export interface LiveListNews {
  /** jobs that now match the list but are not on it (created by others, or moved into the filter) */
  added: string[];
  /** rows on screen whose job was deleted or is no longer the viewer's to see */
  removed: string[];
  /** a jobs import committed: its jobs are not counted one by one */
  imported: boolean;
}

export const NO_NEWS: LiveListNews = { added: [], removed: [], imported: false };

/** The notice's sentence, or null when there is nothing to tell. */
export function describeNews(news: LiveListNews): string | null {
  const parts: string[] = [];
  if (news.added.length > 0) parts.push(`${news.added.length} new ${news.added.length === 1 ? 'job' : 'jobs'}`);
  if (news.imported) parts.push('jobs imported');
  if (news.removed.length > 0) parts.push(`${news.removed.length} ${news.removed.length === 1 ? 'job' : 'jobs'} removed`);
  return parts.length > 0 ? parts.join(', ') : null;
}
