import type { EntityManager } from '@mikro-orm/postgresql';
import type { Env } from '../../config/env.js';
import { hashToken } from '../../common/auth/tokens.js';
import { makeViewer } from '../../common/auth/viewer.js';
import type { Viewer } from '../../common/auth/viewer.js';
import { scopeToSystem } from '../../common/db/tenant-filter.js';
import { Session } from './session.entity.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { partnershipAccess } from '../access/partnership-access.js';
import type { Organization } from '../organization/organization.entity.js';

/** Sessions slide forward on use, but write at most once per this interval. */
const SLIDE_EVERY_MS = 5 * 60 * 1000;
/** An API key's last-used time is kept to the minute: no write per request. */
const LAST_USED_EVERY_MS = 60 * 1000;

export interface Credentials {
  sessionToken: string | null;
  bearerToken: string | null;
}

/** A valid credential of a partner organization whose every partnership is blocked. */
export const BLOCKED = 'BLOCKED' as const;

/** The partnerships a partner identity may act through; `BLOCKED` when none may. */
export async function partnershipsFor(em: EntityManager, organization: Organization, identity: 'USER' | 'API_KEY') {
  if (organization.kind === 'PRINCIPAL') return [];
  const access = await partnershipAccess(em, organization.id, identity);
  return access.state === 'BLOCKED' ? BLOCKED : access.state === 'ACTIVE' ? access.partnerships : [];
}

/**
 * Resolves who a request acts as, on every request (so a revoked key, an expired session or
 * a deactivated user is refused at once): one indexed lookup by token hash, joined to the user
 * or key and its organization; for a partner, one more query for its partnerships' blocks.
 * A present but invalid credential yields `null` (anonymous); a blocked partner's, `BLOCKED`.
 * `touch: false` re-checks a credential without counting it as use (no sliding, no last-used time):
 * what an open connection's re-check does.
 */
export async function authenticate(em: EntityManager, env: Env, credentials: Credentials, options: { touch?: boolean } = {}): Promise<Viewer | typeof BLOCKED | null> {
  const touch = options.touch ?? true;
  const lookup = em.fork();
  scopeToSystem(lookup);
  const now = new Date();
  if (credentials.bearerToken) {
    const key = await lookup.findOne(
      ApiKey,
      { tokenHash: hashToken(env.SESSION_SECRET, credentials.bearerToken) },
      { populate: ['organization'] },
    );
    if (!key || !key.isUsable(now)) return null;
    const partnerships = await partnershipsFor(lookup, key.organization, 'API_KEY');
    if (partnerships === BLOCKED) return BLOCKED;
    if (touch && (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_EVERY_MS)) {
      await lookup.nativeUpdate(ApiKey, { id: key.id }, { lastUsedAt: now });
    }
    return makeViewer({
      kind: 'API_KEY',
      userId: null,
      apiKeyId: key.id,
      sessionId: null,
      sessionExpiresAt: key.expiresAt ?? null,
      organizationId: key.organization.id,
      organizationKind: key.organization.kind,
      role: key.role,
      label: `API key "${key.name}"`,
      partnerships,
    });
  }
  if (credentials.sessionToken) {
    const session = await lookup.findOne(
      Session,
      { tokenHash: hashToken(env.SESSION_SECRET, credentials.sessionToken), revokedAt: null, expiresAt: { $gt: now } },
      { populate: ['user', 'user.organization'] },
    );
    if (!session || !session.user.active) return null;
    const partnerships = await partnershipsFor(lookup, session.user.organization, 'USER');
    if (partnerships === BLOCKED) return BLOCKED;
    if (touch && now.getTime() - session.lastSeenAt.getTime() > SLIDE_EVERY_MS) {
      const expiresAt = new Date(Math.min(now.getTime() + env.SESSION_IDLE_HOURS * 3600_000, session.absoluteExpiresAt.getTime()));
      await lookup.nativeUpdate(Session, { id: session.id }, { lastSeenAt: now, expiresAt });
      session.expiresAt = expiresAt;
    }
    const user = session.user;
    return makeViewer({
      kind: 'USER',
      userId: user.id,
      apiKeyId: null,
      sessionId: session.id,
      sessionExpiresAt: session.expiresAt,
      organizationId: user.organization.id,
      organizationKind: user.organization.kind,
      role: user.role,
      label: user.email,
      partnerships,
    });
  }
  return null;
}
