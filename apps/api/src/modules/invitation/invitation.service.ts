import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkPassword, emailSchema, personNameSchema, signInSchema } from '@partner-hub/domain';
import { z } from 'zod';
import { contextOn, inTransaction, viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { hashPassword, verifyPassword, dummyPasswordHash } from '../../common/auth/password.js';
import { hashToken, newToken } from '../../common/auth/tokens.js';
import { scopeToSystem } from '../../common/db/tenant-filter.js';
import { EmailTaken, InvalidCredentials, ValidationFailed } from '../../common/errors/app-errors.js';
import { parseInput } from '../../common/errors/parse-input.js';
import { recordAudit } from '../audit/audit.service.js';
import { Organization } from '../organization/organization.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { findManagedPartner } from '../access/partner-scope.js';
import { User } from '../user/user.entity.js';
import { InvitationUnusable } from './invitation.errors.js';
import { InvitationPreview, PartnerInvitationInfo } from './invitation.types.js';
import type { InvitationState } from './invitation.types.js';
import { PartnerInvitation } from './partner-invitation.entity.js';
import { invitationLoaders } from './invitation.loaders.js';

/** How long an invitation link works (DESIGN.md §1: 7 days by default). */
export const INVITATION_VALID_DAYS = 7;

function stateOf(invitation: PartnerInvitation, now = new Date()): InvitationState {
  if (invitation.usedAt) return 'USED';
  if (invitation.declinedAt) return 'DECLINED';
  if (invitation.revokedAt) return 'REVOKED';
  if (invitation.expiresAt <= now) return 'EXPIRED';
  return 'OPEN';
}

function publicUrl(ctx: RequestContext): string {
  return ctx.deps.env.PUBLIC_URL ?? `http://localhost:${ctx.deps.env.PORT}`;
}

/** The latest invitation of a partner (for its principal's partner page), or null. */
export async function latestInvitation(ctx: RequestContext, partner: Partner): Promise<PartnerInvitationInfo | null> {
  const invitation = await invitationLoaders(ctx).latestInvitation.load(partner.id);
  if (!invitation) return null;
  return Object.assign(new PartnerInvitationInfo(), {
    email: invitation.email,
    sentAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    state: stateOf(invitation),
    invitedBy: invitation.invitedByLabel,
  });
}

async function revokeOpen(em: EntityManager, partnerId: string, now: Date): Promise<number> {
  return em.nativeUpdate(PartnerInvitation, { partner: partnerId, usedAt: null, revokedAt: null, declinedAt: null }, { revokedAt: now });
}

/**
 * Sends (or re-sends) the invitation e-mail of an unclaimed partner: any open link is revoked,
 * a new single-use token is stored as a hash with a fresh validity, the partner becomes PENDING.
 */
export async function sendPartnerInvitation(ctx: RequestContext, input: { partnerId: string; email?: string | null }): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const partner = await findManagedPartner(ctx, input.partnerId, 'partnerId');
  if (partner.status === 'ACCEPTED') throw ValidationFailed.of('partnerId', 'This partner has already claimed its organization.');
  let email = input.email?.trim() ? parseInput(z.object({ email: emailSchema }), { email: input.email }).email : null;
  if (!email) {
    const previous = await ctx.em.findOne(PartnerInvitation, { partner: partner.id }, { orderBy: { createdAt: 'desc' } });
    email = previous?.email ?? partner.organization.email ?? null;
  }
  if (!email) throw ValidationFailed.of('email', 'Enter the e-mail address to send the invitation to.');
  const token = newToken();
  const now = new Date();
  const principal = await ctx.em.findOneOrFail(Organization, { id: partner.principal.id });
  return inTransaction(ctx, async (tx) => {
    const revoked = await revokeOpen(tx.em, partner.id, now);
    const invitation = tx.em.create(PartnerInvitation, {
      principal: partner.principal.id,
      partner,
      email,
      tokenHash: hashToken(tx.deps.env.SESSION_SECRET, token),
      expiresAt: new Date(now.getTime() + INVITATION_VALID_DAYS * 86_400_000),
      invitedByLabel: viewer.label,
    });
    partner.status = 'PENDING';
    recordAudit(tx, {
      action: revoked > 0 ? 'partner.resendInvitation' : 'partner.invite',
      objectType: 'Partner',
      objectId: partner.id,
      organizationId: viewer.organizationId,
      changes: { email: { from: null, to: email } },
    });
    await tx.deps.mailer.send(tx, {
      organizationId: viewer.organizationId,
      to: email,
      subject: `${principal.name} invites ${partner.organization.name} to Partner Hub`,
      text: [
        'Hello,',
        '',
        `${principal.name} invites ${partner.organization.name} to work with it on Partner Hub as its partner (Partner ID ${partner.code}).`,
        '',
        'Open this link to claim your organization and create its first admin account — or, if your company',
        'already uses Partner Hub, to connect it; you can also decline there:',
        `${publicUrl(tx)}/claim/${token}`,
        '',
        `The link works once and until ${invitation.expiresAt.toUTCString()}.`,
      ].join('\n'),
    });
    return partner;
  });
}

/** Withdraws the open invitation: its link stops working and the partner is a draft again. */
export async function revokePartnerInvitation(ctx: RequestContext, input: { partnerId: string }): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const partner = await findManagedPartner(ctx, input.partnerId, 'partnerId');
  if (partner.status !== 'PENDING') throw ValidationFailed.of('partnerId', 'This partner has no open invitation.');
  return inTransaction(ctx, async (tx) => {
    await revokeOpen(tx.em, partner.id, new Date());
    partner.status = 'DRAFT';
    recordAudit(tx, { action: 'partner.revokeInvitation', objectType: 'Partner', objectId: partner.id, organizationId: viewer.organizationId });
    return partner;
  });
}

const newAdminSchema = z.object({ email: emailSchema, name: personNameSchema, password: z.string() });

/**
 * The alternative to an invitation: the principal creates the partner admin's login with a
 * password that meets the partner's policy. The partner counts as claimed from then on.
 */
export async function createPartnerAdmin(
  ctx: RequestContext,
  input: { partnerId: string; email: string; name: string; password: string },
): Promise<Partner> {
  const viewer = viewerOf(ctx);
  const partner = await findManagedPartner(ctx, input.partnerId, 'partnerId');
  if (partner.status === 'ACCEPTED') throw ValidationFailed.of('partnerId', 'This partner has already claimed its organization; its admins add users themselves.');
  const values = parseInput(newAdminSchema, input);
  const problem = checkPassword(values.password, partner.organization.passwordPolicy);
  if (problem) throw ValidationFailed.of('password', problem);
  const passwordHash = await hashPassword(values.password);
  try {
    return await inTransaction(ctx, async (tx) => {
      const now = new Date();
      await revokeOpen(tx.em, partner.id, now);
      const user = tx.em.create(User, { organization: partner.organization, email: values.email, name: values.name, role: 'ADMIN', passwordHash });
      tx.em.persist(user);
      Object.assign(partner, { status: 'ACCEPTED', claimedAt: now });
      recordAudit(tx, {
        action: 'partner.createAdmin',
        objectType: 'Partner',
        objectId: partner.id,
        organizationId: viewer.organizationId,
        changes: { admin: { from: null, to: values.email } },
      });
      await tx.em.flush();
      return partner;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new EmailTaken();
    throw error;
  }
}

/** An anonymous request's own fork that may read across tenants, for the token lookup of the public claim page. */
function publicFork(ctx: RequestContext): EntityManager {
  const em = ctx.em.fork();
  scopeToSystem(em);
  return em;
}

async function findByToken(ctx: RequestContext, token: string): Promise<PartnerInvitation | null> {
  if (!token || token.length > 200) return null;
  return ctx.em.findOne(PartnerInvitation, { tokenHash: hashToken(ctx.deps.env.SESSION_SECRET, token) }, { populate: ['partner', 'partner.organization', 'principal'] });
}

/** What the public claim page shows: details only while the link is open. */
export async function previewInvitation(ctx: RequestContext, token: string): Promise<InvitationPreview> {
  const invitation = await findByToken(contextOn(ctx, publicFork(ctx)), token);
  const state = invitation ? stateOf(invitation) : 'UNKNOWN';
  const open = state === 'OPEN' && invitation;
  return Object.assign(new InvitationPreview(), {
    state,
    principalName: open ? invitation.principal.name : null,
    partnerName: open ? invitation.partner.organization.name : null,
    email: open ? invitation.email : null,
    expiresAt: open ? invitation.expiresAt : null,
    passwordPolicy: open ? invitation.partner.organization.passwordPolicy : null,
  });
}

/**
 * Uses the link once: marks the invitation used only if it is still open, in the claiming
 * transaction — of two simultaneous claims exactly one wins, the other is told it was used.
 */
async function takeInvitation(ctx: RequestContext, token: string): Promise<PartnerInvitation> {
  const invitation = await findByToken(ctx, token);
  if (!invitation) throw new InvitationUnusable('UNKNOWN');
  const state = stateOf(invitation);
  if (state !== 'OPEN') throw new InvitationUnusable(state);
  const now = new Date();
  const taken = await ctx.em.nativeUpdate(
    PartnerInvitation,
    { id: invitation.id, usedAt: null, revokedAt: null, declinedAt: null, expiresAt: { $gt: now } },
    { usedAt: now },
  );
  if (taken !== 1) throw new InvitationUnusable('USED');
  return invitation;
}

/** Runs `work` in one transaction on a cross-tenant fork, publishing its audit events after the commit. */
function inPublicTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  return inTransaction(contextOn(ctx, publicFork(ctx)), work);
}

const claimSchema = z.object({ email: emailSchema, name: personNameSchema, password: z.string() });

/**
 * Claims the partner from the invitation link: creates its first admin (password checked against
 * the partner's policy), marks the partner ACCEPTED. The profile is the partner's from then on.
 */
export async function claimInvitation(ctx: RequestContext, input: { token: string; email: string; name: string; password: string }): Promise<Partner> {
  const values = parseInput(claimSchema, input);
  const preview = await previewInvitation(ctx, input.token);
  if (preview.state !== 'OPEN') throw new InvitationUnusable(preview.state as Exclude<InvitationState, 'OPEN'>);
  const problem = checkPassword(values.password, preview.passwordPolicy ?? 'SIMPLE');
  if (problem) throw ValidationFailed.of('password', problem);
  const passwordHash = await hashPassword(values.password);
  try {
    return await inPublicTransaction(ctx, async (tx) => {
      const invitation = await takeInvitation(tx, input.token);
      const partner = invitation.partner;
      const user = tx.em.create(User, { organization: partner.organization, email: values.email, name: values.name, role: 'ADMIN', passwordHash });
      tx.em.persist(user);
      Object.assign(partner, { status: 'ACCEPTED', claimedAt: new Date() });
      recordAudit(tx, {
        action: 'partner.claim',
        objectType: 'Partner',
        objectId: partner.id,
        organizationId: partner.principal.id,
        changes: { admin: { from: null, to: values.email } },
      });
      await tx.em.flush();
      return partner;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new EmailTaken();
    throw error;
  }
}

/**
 * Accepts the invitation into an organization that already uses Partner Hub (for another
 * principal): an admin of it proves who they are with e-mail and password; the partnership then
 * belongs to that organization, and the placeholder organization made for the invitation is removed.
 */
export async function acceptInvitation(ctx: RequestContext, input: { token: string; email: string; password: string }): Promise<Partner> {
  const { email, password } = parseInput(signInSchema, input);
  const ip = ctx.http?.ip ?? 'unknown';
  const lookup = publicFork(ctx);
  const user = await ctx.deps.signInThrottle.attempt(email, ip, async () => {
    const found = await lookup.findOne(User, { email }, { populate: ['passwordHash', 'organization'] });
    const valid = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
    return valid && found?.active ? found : null;
  });
  if (!user) throw new InvalidCredentials();
  if (user.organization.kind !== 'PARTNER' || user.role !== 'ADMIN') {
    throw ValidationFailed.of('email', 'Only an admin of a partner organization can connect it; sign in as one, or claim as a new organization.');
  }
  return inPublicTransaction(ctx, async (tx) => {
    const invitation = await takeInvitation(tx, input.token);
    const partner = invitation.partner;
    const already = await tx.em.count(Partner, { principal: partner.principal.id, organization: user.organization.id });
    if (already > 0) throw ValidationFailed.of('email', 'Your organization is already a partner of this company.');
    const placeholder = partner.organization;
    Object.assign(partner, { organization: tx.em.getReference(Organization, user.organization.id), status: 'ACCEPTED', claimedAt: new Date() });
    await tx.em.flush();
    const placeholderUsers = await tx.em.count(User, { organization: placeholder.id });
    if (placeholderUsers === 0) tx.em.remove(placeholder);
    recordAudit(tx, {
      action: 'partner.acceptIntoExisting',
      objectType: 'Partner',
      objectId: partner.id,
      organizationId: partner.principal.id,
      changes: { organization: { from: placeholder.name, to: user.organization.name } },
    });
    return partner;
  });
}

/** Declines the invitation: the link is spent and the principal sees the partner as a draft again. */
export async function declineInvitation(ctx: RequestContext, input: { token: string }): Promise<boolean> {
  await inPublicTransaction(ctx, async (tx) => {
    const invitation = await takeInvitation(tx, input.token);
    await tx.em.nativeUpdate(PartnerInvitation, { id: invitation.id }, { usedAt: null, declinedAt: new Date() });
    invitation.partner.status = 'DRAFT';
    recordAudit(tx, {
      action: 'partner.declineInvitation',
      objectType: 'Partner',
      objectId: invitation.partner.id,
      organizationId: invitation.principal.id,
    });
  });
  return true;
}
