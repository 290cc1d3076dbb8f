import { changePasswordSchema, checkPassword, signInSchema } from '@partner-hub/domain';
import { credentialsChanged, inTransaction, viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../common/auth/password.js';
import { hashToken, newToken } from '../../common/auth/tokens.js';
import { makeViewer, principalIdsOf } from '../../common/auth/viewer.js';
import { BLOCKED, partnershipsFor } from './authenticate.js';
import type { Viewer } from '../../common/auth/viewer.js';
import { AccountBlocked, InvalidCredentials, ValidationFailed, accountBlocked } from '../../common/errors/app-errors.js';
import { parseInput } from '../../common/errors/parse-input.js';
import { scopeToOrganization, scopeToSystem } from '../../common/db/tenant-filter.js';
import { recordAudit } from '../audit/audit.service.js';
import { User } from '../user/user.entity.js';
import { Session } from './session.entity.js';

/**
 * Signs a user in with e-mail and password: throttled per account+IP and per IP; on success
 * stores a new session (hashed token) and sets the httpOnly cookie.
 */
export async function signIn(ctx: RequestContext, input: { email: string; password: string }): Promise<Viewer> {
  const { email, password } = parseInput(signInSchema, input);
  const ip = ctx.http?.ip ?? 'unknown';
  const lookup = ctx.em.fork();
  scopeToSystem(lookup);
  const user = await ctx.deps.signInThrottle.attempt(email, ip, async () => {
    const found = await lookup.findOne(User, { email }, { populate: ['passwordHash', 'organization'] });
    // verify against a dummy hash for unknown e-mails, so response time does not tell which exist
    const valid = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
    return valid ? found : null;
  });
  if (!user) throw new InvalidCredentials();
  if (!user.active) throw new AccountBlocked();
  const partnerships = await partnershipsFor(lookup, user.organization, 'USER');
  if (partnerships === BLOCKED) throw new AccountBlocked(accountBlocked().message);

  const { env } = ctx.deps;
  const token = newToken();
  const now = new Date();
  const absoluteExpiresAt = new Date(now.getTime() + env.SESSION_MAX_DAYS * 86_400_000);
  const expiresAt = new Date(Math.min(now.getTime() + env.SESSION_IDLE_HOURS * 3_600_000, absoluteExpiresAt.getTime()));
  const session = lookup.create(Session, {
    user,
    tokenHash: hashToken(env.SESSION_SECRET, token),
    expiresAt,
    absoluteExpiresAt,
    userAgent: ctx.http?.userAgent?.slice(0, 500) ?? null,
    ip,
  });
  ctx.viewer = makeViewer({
    kind: 'USER',
    userId: user.id,
    apiKeyId: null,
    sessionId: session.id,
    sessionExpiresAt: expiresAt,
    organizationId: user.organization.id,
    organizationKind: user.organization.kind,
    role: user.role,
    label: user.email,
    partnerships,
  });
  scopeToOrganization(ctx.em, user.organization.id, principalIdsOf(ctx.viewer));
  await inTransaction(ctx, async (tx) => {
    tx.em.persist(session);
    await tx.em.nativeUpdate(User, { id: user.id }, { lastSignInAt: now });
    recordAudit(tx, { action: 'session.create', objectType: 'User', objectId: user.id, organizationId: user.organization.id });
  });
  ctx.http?.setSessionCookie(token, expiresAt);
  return ctx.viewer;
}

/** Ends the current session (if any) and clears the cookie. Signing out twice is fine. */
export async function signOut(ctx: RequestContext): Promise<boolean> {
  const viewer = ctx.viewer;
  // an API key is no sign-in: it ends by revocation, which is an admin's change with its own audit event
  if (viewer?.kind === 'API_KEY') throw ValidationFailed.of('signOut', 'An API key has no session to end: an admin revokes the key instead (revokeApiKey).');
  if (viewer?.sessionId && viewer.userId) {
    const { sessionId, userId, organizationId } = viewer;
    await inTransaction(ctx, async (tx) => {
      await tx.em.nativeUpdate(Session, { id: sessionId }, { revokedAt: new Date() });
      credentialsChanged(tx, [organizationId]);
      recordAudit(tx, { action: 'session.revoke', objectType: 'User', objectId: userId, organizationId });
    });
  }
  ctx.http?.clearSessionCookie();
  return true;
}

/**
 * Changes the signed-in user's password (checked against the organization's policy) and ends their other
 * sessions. Wrong current passwords are throttled as failed sign-ins of that account from that address.
 */
export async function changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<User> {
  const viewer = viewerOf(ctx);
  if (!viewer.userId) throw ValidationFailed.of('currentPassword', 'An API key has no password to change.');
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId }, { populate: ['passwordHash', 'organization'] });
  const ip = ctx.http?.ip ?? 'unknown';
  const matched = await ctx.deps.signInThrottle.attempt(user.email, ip, async () => ((await verifyPassword(currentPassword, user.passwordHash)) ? user : null));
  if (!matched) {
    throw new InvalidCredentials('The current password is not right.', 'currentPassword');
  }
  const problem = checkPassword(newPassword, user.organization.passwordPolicy);
  if (problem) throw ValidationFailed.of('newPassword', problem);
  const passwordHash = await hashPassword(newPassword);
  return inTransaction(ctx, async (tx) => {
    await tx.em.nativeUpdate(User, { id: user.id }, { passwordHash });
    await tx.em.nativeUpdate(Session, { user: user.id, id: { $ne: viewer.sessionId }, revokedAt: null }, { revokedAt: new Date() });
    credentialsChanged(tx, [viewer.organizationId]);
    recordAudit(tx, { action: 'user.changePassword', objectType: 'User', objectId: user.id, organizationId: viewer.organizationId });
    return user;
  });
}
