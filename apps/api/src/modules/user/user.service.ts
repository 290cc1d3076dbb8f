import { checkPassword, createUserSchema, isRoleAllowed, updateUserSchema } from '@partner-hub/domain';
import type { UserRole } from '@partner-hub/domain';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { credentialsChanged, inTransaction, viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { hashPassword } from '../../common/auth/password.js';
import { EmailTaken, NotFound, ValidationFailed } from '../../common/errors/app-errors.js';
import { parseInput } from '../../common/errors/parse-input.js';
import { keysetRows } from '../../common/graphql/connection.js';
import { rowShape } from '../../common/db/plain-rows.js';
import type { Page } from '../../common/graphql/connection.js';
import { diffFields, recordAudit } from '../audit/audit.service.js';
import { Organization } from '../organization/organization.entity.js';
import { Session } from '../auth/session.entity.js';
import { User } from './user.entity.js';
import { containsPattern } from '../../common/db/like.js';

export interface UserFilterInput {
  search?: string | null;
  role?: UserRole | null;
  active?: boolean | null;
}

/**
 * A page of the viewer's organization's users, by e-mail: plain rows (common/db/plain-rows.ts) on the
 * (organization_id, email) index. (Other organizations are filtered out by the tenant filter.)
 * `totalCount` counts them exactly: an organization's users are few, counted on the same index.
 */
export function listUsers(ctx: RequestContext, filter: UserFilterInput, first: number, after?: string | null): Promise<Page<User>> {
  const where: string[] = [];
  const params: unknown[] = [];
  const pattern = containsPattern(filter.search);
  if (pattern) {
    where.push('(t."email" ilike ? or t."name" ilike ?)');
    params.push(pattern, pattern);
  }
  if (filter.role) {
    where.push('t."role" = ?');
    params.push(filter.role);
  }
  if (filter.active !== undefined && filter.active !== null) {
    where.push('t."active" = ?');
    params.push(filter.active);
  }
  return keysetRows(ctx.em, rowShape(ctx.em, User), { where, params, first, after, orderBy: 'email', direction: 'asc' });
}

function assertRoleExists(organization: Organization, role: UserRole): void {
  if (!isRoleAllowed(organization.kind, role)) {
    const kind = organization.kind === 'PRINCIPAL' ? 'a principal' : 'a partner';
    throw ValidationFailed.of('role', `The role ${role} does not exist in ${kind} organization.`);
  }
}

/** Creates a colleague in the admin's own organization, with an initial password that meets its policy. */
export async function createUser(
  ctx: RequestContext,
  input: { email: string; name: string; role: UserRole; password: string },
): Promise<User> {
  const viewer = viewerOf(ctx);
  const values = parseInput(createUserSchema, input);
  const organization = await ctx.em.findOneOrFail(Organization, { id: viewer.organizationId });
  assertRoleExists(organization, values.role);
  const problem = checkPassword(values.password, organization.passwordPolicy);
  if (problem) throw ValidationFailed.of('password', problem);
  const passwordHash = await hashPassword(values.password);
  try {
    return await inTransaction(ctx, async (tx) => {
      const user = tx.em.create(User, { organization, email: values.email, name: values.name, role: values.role, passwordHash });
      tx.em.persist(user);
      recordAudit(tx, {
        action: 'user.create',
        objectType: 'User',
        objectId: user.id,
        organizationId: organization.id,
        changes: diffFields({}, { email: user.email, name: user.name, role: user.role }, ['email', 'name', 'role']),
      });
      await tx.em.flush();
      await tx.deps.mailer.send(tx, {
        organizationId: organization.id,
        to: user.email,
        subject: `Your Partner Hub account at ${organization.name}`,
        text: [
          `Hello ${user.name},`,
          '',
          `${viewer.label} created a Partner Hub account for you at ${organization.name} (role: ${user.role}).`,
          `Sign in at ${tx.deps.env.PUBLIC_URL ?? `http://localhost:${tx.deps.env.PORT}`}/sign-in with this e-mail address;`,
          'ask them for your initial password and change it under Settings → Profile.',
        ].join('\n'),
      });
      return user;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new EmailTaken();
    throw error;
  }
}

async function findColleague(ctx: RequestContext, id: string): Promise<User> {
  const user = await ctx.em.findOne(User, { id }, { populate: ['organization'] });
  if (!user) throw new NotFound('user');
  return user;
}

/** Renames a colleague or changes their role. An admin cannot demote themself (someone must stay admin). */
export async function updateUser(ctx: RequestContext, input: { id: string; name: string; role: UserRole }): Promise<User> {
  const viewer = viewerOf(ctx);
  const values = parseInput(updateUserSchema, input);
  const user = await findColleague(ctx, input.id);
  assertRoleExists(user.organization, values.role);
  if (user.id === viewer.userId && values.role !== user.role) {
    throw ValidationFailed.of('role', 'You cannot change your own role; ask another admin.');
  }
  const before = { name: user.name, role: user.role };
  return inTransaction(ctx, async (tx) => {
    user.name = values.name;
    user.role = values.role;
    // their open connections were authorized with the old role: they end (the client connects again)
    if (values.role !== before.role) credentialsChanged(tx, [user.organization.id]);
    recordAudit(tx, {
      action: 'user.update',
      objectType: 'User',
      objectId: user.id,
      organizationId: viewer.organizationId,
      changes: diffFields(before, values, ['name', 'role']),
    });
    return user;
  });
}

/** Deactivates (ending every session at once) or reactivates a colleague. Nobody deactivates themself. */
export async function setUserActive(ctx: RequestContext, input: { id: string; active: boolean }): Promise<User> {
  const viewer = viewerOf(ctx);
  const user = await findColleague(ctx, input.id);
  if (user.id === viewer.userId && !input.active) {
    throw ValidationFailed.of('active', 'You cannot deactivate yourself; ask another admin.');
  }
  if (user.active === input.active) return user;
  return inTransaction(ctx, async (tx) => {
    user.active = input.active;
    if (!input.active) {
      await tx.em.nativeUpdate(Session, { user: user.id, revokedAt: null }, { revokedAt: new Date() });
      credentialsChanged(tx, [user.organization.id]);
    }
    recordAudit(tx, {
      action: input.active ? 'user.reactivate' : 'user.deactivate',
      objectType: 'User',
      objectId: user.id,
      organizationId: viewer.organizationId,
      changes: { active: { from: !input.active, to: input.active } },
    });
    return user;
  });
}
