import type { FilterQuery } from '@mikro-orm/core';
import type { JobActor } from '@partner-hub/domain';
import { validate as isUuid } from 'uuid';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { NotFound } from '../../common/errors/app-errors.js';
import { batched, contextLoaders } from '../../common/context/loaders.js';
import { Job } from '../job/job.entity.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import type { Viewer } from '../../common/auth/viewer.js';

/**
 * Which jobs a viewer may see and who it is to each (DESIGN.md §2, §3). A job's vehicle and
 * configuration follow the vehicle ledger (vehicle-access.ts), not this scope.
 */

/** Which jobs a viewer sees: principal staff all of their principal's; a partner's people those assigned to it. */
export function jobScopeWhere(ctx: RequestContext): FilterQuery<Job> {
  const viewer = viewerOf(ctx);
  if (viewer.organizationKind === 'PRINCIPAL') return { deletedAt: null };
  return { deletedAt: null, servicePartner: { $in: viewer.partnerships.map((p) => p.partnerId) } };
}

/** {@link jobScopeWhere} in SQL, on the job table's alias `t` (the read path's queries): the same rule. */
export function jobScopeSql(ctx: RequestContext): { where: string[]; params: unknown[] } {
  const viewer = viewerOf(ctx);
  if (viewer.organizationKind === 'PRINCIPAL') return { where: ['t."deleted_at" is null'], params: [] };
  return { where: ['t."deleted_at" is null', 't."service_partner_id" = any(?::uuid[])'], params: [uuidArray(viewer.partnerships.map((p) => p.partnerId))] };
}

/** Loads a job the viewer may see, or fails exactly as if it did not exist. */
export async function findVisibleJob(ctx: RequestContext, id: string, field = 'id'): Promise<Job> {
  const job = isUuid(id) ? await ctx.em.findOne(Job, { $and: [{ id }, jobScopeWhere(ctx)] }) : null;
  if (!job) throw new NotFound('job', field);
  return job;
}

/** Jobs by id as far as the viewer's job scope reaches, batched (null: missing or not the viewer's to see). */
export const visibleJobs = contextLoaders((em, ctx) =>
  batched<Job | null>(async (ids) => {
    const jobs = await em.find(Job, { $and: [{ id: { $in: [...ids] } }, jobScopeWhere(ctx)] });
    return new Map(jobs.map((job) => [job.id, job]));
  }, null),
);

/** Who the viewer is to this job, in the lifecycle's terms. */
export function actorFor(ctx: RequestContext, job: Job): JobActor {
  const viewer = viewerOf(ctx);
  if (viewer.organizationKind === 'PRINCIPAL') return viewer.permissions.has('jobs:write') ? 'PRINCIPAL' : 'OTHER';
  const ownsJob = job.servicePartner && viewer.partnerships.some((p) => p.partnerId === job.servicePartner?.id);
  if (!ownsJob) return 'OTHER';
  if (viewer.role === 'ADMIN') return 'PARTNER_ADMIN';
  if (viewer.role === 'TECHNICIAN') return job.technician && job.technician.id === viewer.userId ? 'RUNNING_TECHNICIAN' : 'TECHNICIAN';
  return 'OTHER';
}

/**
 * Whether a job row read elsewhere lies in the viewer's job scope — {@link jobScopeWhere} and the tenant
 * filter, checked in memory (live subscriptions share one read of a change's jobs among their subscribers).
 * `deleted`: count a deleted job in, as its history's last event still concerns whoever saw it.
 */
export function jobInScope(viewer: Viewer, job: Pick<Job, 'principal' | 'servicePartner' | 'deletedAt'>, options: { deleted?: boolean } = {}): boolean {
  if (job.deletedAt && !options.deleted) return false;
  if (viewer.organizationKind === 'PRINCIPAL') return job.principal.id === viewer.organizationId;
  const partnerId = job.servicePartner?.id;
  return partnerId !== undefined && viewer.partnerships.some((p) => p.partnerId === partnerId && p.principalId === job.principal.id);
}
