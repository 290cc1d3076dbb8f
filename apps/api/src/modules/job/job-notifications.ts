import type { RequestContext } from '../../common/context/request-context.js';
import { readsAdminsToNotify } from '../access/system-reads.js';
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
 * @param total how many jobs were assigned, when `jobs` lists only the first of them (a large import)
 */
export async function notifyAssignment(ctx: RequestContext, partner: Partner, jobs: readonly AssignedJob[], total = jobs.length): Promise<void> {
  if (total === 0) return;
  // the partner's users live in its own tenant (see system-reads.ts)
  const admins = await readsAdminsToNotify(ctx.em).find(User, { organization: partner.organization.id, role: 'ADMIN', active: true }, { orderBy: { email: 'asc' } });
  if (admins.length === 0) return;
  const listed = jobs.slice(0, 20).map((job) => `- ${job.title ?? `${job.kind.toLowerCase()} job`}${job.scheduledFor ? `, scheduled for ${job.scheduledFor}` : ''}: ${publicUrl(ctx)}/jobs/${job.id}`);
  const more = total > listed.length ? [`…and ${total - listed.length} more: ${publicUrl(ctx)}/jobs`] : [];
  await ctx.deps.mailer.send(ctx, {
    to: admins.map((admin) => admin.email).join(', '),
    subject: total === 1 ? 'A job was assigned to you' : `${total} jobs were assigned to you`,
    text: [`${total === 1 ? 'A job was' : `${total} jobs were`} assigned to ${partner.organization.name}:`, '', ...listed, ...more].join('\n'),
    organizationId: partner.principal.id,
  });
}
