import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../app/context.js';
import { scopeToSystem } from '../../common/db/tenant-filter.js';
import type { Partner } from '../partner/partner.entity.js';
import { User } from '../user/user.entity.js';
import type { Job } from './job.entity.js';

/** What the message lists of each job. */
export type AssignedJob = Pick<Job, 'id' | 'kind'> & { title?: string | null; scheduledFor?: string | null };

const publicUrl = (ctx: RequestContext) => ctx.deps.env.PUBLIC_URL ?? `http://localhost:${ctx.deps.env.PORT}`;

/**
 * Tells a service partner's admins that jobs were assigned to it (DESIGN.md §2): one message per
 * batch — a single assignment, a bulk action or an import — never one per job. Sent in the
 * caller's transaction, so a rolled-back assignment sends nothing.
 */
export async function notifyAssignment(ctx: RequestContext, em: EntityManager, partner: Partner, jobs: readonly AssignedJob[]): Promise<void> {
  if (jobs.length === 0) return;
  // the partner's users live in its own tenant: read them with a system fork, for an already checked partner
  const lookup = em.fork();
  scopeToSystem(lookup);
  const admins = await lookup.find(User, { organization: partner.organization.id, role: 'ADMIN', active: true }, { orderBy: { email: 'asc' } });
  if (admins.length === 0) return;
  const listed = jobs.slice(0, 20).map((job) => `- ${job.title ?? `${job.kind.toLowerCase()} job`}${job.scheduledFor ? `, scheduled for ${job.scheduledFor}` : ''}: ${publicUrl(ctx)}/jobs/${job.id}`);
  const more = jobs.length > listed.length ? [`…and ${jobs.length - listed.length} more: ${publicUrl(ctx)}/jobs`] : [];
  await ctx.deps.mailer.send(ctx, em, {
    to: admins.map((admin) => admin.email).join(', '),
    subject: jobs.length === 1 ? 'A job was assigned to you' : `${jobs.length} jobs were assigned to you`,
    text: [`${jobs.length === 1 ? 'A job was' : `${jobs.length} jobs were`} assigned to ${partner.organization.name}:`, '', ...listed, ...more].join('\n'),
    organizationId: partner.principal.id,
  });
}
