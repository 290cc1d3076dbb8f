import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import type { Env } from '../../config/env.js';
import { hashToken } from '../../common/auth/tokens.js';
import { makeViewer } from '../../common/auth/viewer.js';
import type { CredentialCache } from '../../common/auth/credential-cache.js';
import type { Viewer } from '../../common/auth/viewer.js';
import { accessFrom, partnershipAccess, partnershipStateOf, partnershipStatesSql } from '../access/partnership-access.js';
import type { ActivePartnership, PartnershipAccess, PartnershipStateRow } from '../access/partnership-access.js';
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
export async function partnershipsFor(em: EntityManager, organization: Pick<Organization, 'id' | 'kind'>, identity: 'USER' | 'API_KEY') {
  if (organization.kind === 'PRINCIPAL') return [];
  return usablePartnerships(await partnershipAccess(em, organization.id, identity));
}

function usablePartnerships(access: PartnershipAccess): ActivePartnership[] | typeof BLOCKED {
  return access.state === 'BLOCKED' ? BLOCKED : access.state === 'ACTIVE' ? access.partnerships : [];
}

/** A `timestamptz` as the driver returns it (MikroORM keeps them as text on raw statements). */
type Timestamp = string | Date;

/** What the one lookup returns of every credential: its organization and, for a partner, its partnerships' blocks. */
interface CredentialRow {
  organization_id: string;
  organization_kind: OrganizationKind;
  /** `null` for a principal organization */
  partnership_states: PartnershipStateRow[] | null;
}

interface ApiKeyRow extends CredentialRow {
  id: string;
  name: string;
  role: UserRole;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

interface SessionRow extends CredentialRow {
  id: string;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  last_seen_at: Timestamp;
  user_id: string;
  user_email: string;
  user_role: UserRole;
  user_active: boolean;
}

/** The credential's organization and, for a partner organization, its partnerships' states as one JSON array. */
const ORGANIZATION_AND_BLOCKS = `o.id as organization_id, o.kind as organization_kind,
       case when o.kind <> 'PRINCIPAL' then
         (select coalesce(json_agg(s), '[]'::json) from (${partnershipStatesSql('o.id')}) s)
       end as partnership_states`;

/** An API key by its token hash (unique index), usable now. */
const API_KEY_LOOKUP = `select k.id, k.name, k.role, k.expires_at, k.last_used_at, ${ORGANIZATION_AND_BLOCKS}
  from api_key k join organization o on o.id = k.organization_id
  where k.token_hash = ? and k.revoked_at is null and (k.expires_at is null or k.expires_at > ?)`;

/** A session by its token hash (unique index), neither revoked nor expired, with its user. */
const SESSION_LOOKUP = `select s.id, s.expires_at, s.absolute_expires_at, s.last_seen_at,
       u.id as user_id, u.email as user_email, u.role as user_role, u.active as user_active, ${ORGANIZATION_AND_BLOCKS}
  from session s join app_user u on u.id = s.user_id join organization o on o.id = u.organization_id
  where s.token_hash = ? and s.revoked_at is null and s.expires_at > ?`;

function partnershipsOf(row: CredentialRow, identity: 'USER' | 'API_KEY'): ActivePartnership[] | typeof BLOCKED {
  if (row.organization_kind === 'PRINCIPAL' || !row.partnership_states) return [];
  return usablePartnerships(accessFrom(row.partnership_states.map(partnershipStateOf), identity));
}

/**
 * Resolves who a request acts as, on every request (so a revoked key, an expired session,
 * a deactivated user or a blocked partner is refused at once): one hand-written statement by token
 * hash on its unique index returns the key or session, its user, its organization and, for a
 * partner, its partnerships' blocks — plain rows, no entities. A write follows only when the
 * session's slide or the key's last-used time is due.
 * A present but invalid credential yields `null` (anonymous); a blocked partner's, `BLOCKED`.
 * `touch: false` re-checks a credential without counting it as use (no sliding, no last-used time):
 * what an open connection's re-check does. With `cache` (an HTTP request's authentication), a valid
 * identity is remembered for a few seconds and answered without the statement — credential changes
 * empty the cache on every instance (common/auth/credential-cache.ts); the writes stay as due.
 * `em` serves only for its connection (raw statements, no entity): the ORM's own EntityManager will do,
 * and an HTTP request passes it rather than forking one per request.
 */
export async function authenticate(
  em: EntityManager,
  env: Env,
  credentials: Credentials,
  options: { touch?: boolean; cache?: CredentialCache | null } = {},
): Promise<Viewer | typeof BLOCKED | null> {
  const touch = options.touch ?? true;
  const cache = options.cache ?? null;
  const connection = em.getConnection();
  const now = new Date();
  if (credentials.bearerToken) {
    const tokenHash = hashToken(env.SESSION_SECRET, credentials.bearerToken);
    const cached = cache?.get(tokenHash, now.getTime());
    if (cached?.kind === 'API_KEY') {
      if (touch && now.getTime() - cached.touchedAt > LAST_USED_EVERY_MS) {
        cached.touchedAt = now.getTime();
        await connection.execute('update api_key set last_used_at = ? where id = ?', [now, cached.viewer.apiKeyId]);
      }
      return cached.viewer;
    }
    const generation = cache?.mark() ?? 0;
    const [key]: ApiKeyRow[] = await connection.execute(API_KEY_LOOKUP, [tokenHash, now]);
    if (!key) return null;
    const partnerships = partnershipsOf(key, 'API_KEY');
    if (partnerships === BLOCKED) return BLOCKED;
    let touchedAt = key.last_used_at ? new Date(key.last_used_at).getTime() : 0;
    if (touch && now.getTime() - touchedAt > LAST_USED_EVERY_MS) {
      await connection.execute('update api_key set last_used_at = ? where id = ?', [now, key.id]);
      touchedAt = now.getTime();
    }
    const expiresAt = key.expires_at ? new Date(key.expires_at) : null;
    const viewer = makeViewer({
      kind: 'API_KEY',
      userId: null,
      apiKeyId: key.id,
      sessionId: null,
      sessionExpiresAt: expiresAt,
      organizationId: key.organization_id,
      organizationKind: key.organization_kind,
      role: key.role,
      label: `API key "${key.name}"`,
      partnerships,
    });
    cache?.set(tokenHash, { kind: 'API_KEY', viewer, expiresAt, absoluteExpiresAt: null, touchedAt }, generation, now.getTime());
    return viewer;
  }
  if (credentials.sessionToken) {
    const tokenHash = hashToken(env.SESSION_SECRET, credentials.sessionToken);
    const cached = cache?.get(tokenHash, now.getTime());
    if (cached?.kind === 'SESSION') {
      if (touch && now.getTime() - cached.touchedAt > SLIDE_EVERY_MS) {
        const expiresAt = new Date(Math.min(now.getTime() + env.SESSION_IDLE_HOURS * 3600_000, cached.absoluteExpiresAt!.getTime()));
        cached.touchedAt = now.getTime();
        cached.expiresAt = expiresAt;
        cached.viewer = { ...cached.viewer, sessionExpiresAt: expiresAt };
        await connection.execute('update session set last_seen_at = ?, expires_at = ? where id = ?', [now, expiresAt, cached.viewer.sessionId]);
      }
      return cached.viewer;
    }
    const generation = cache?.mark() ?? 0;
    const [session]: SessionRow[] = await connection.execute(SESSION_LOOKUP, [tokenHash, now]);
    if (!session || !session.user_active) return null;
    const partnerships = partnershipsOf(session, 'USER');
    if (partnerships === BLOCKED) return BLOCKED;
    let expiresAt = new Date(session.expires_at);
    const absoluteExpiresAt = new Date(session.absolute_expires_at);
    let touchedAt = new Date(session.last_seen_at).getTime();
    if (touch && now.getTime() - touchedAt > SLIDE_EVERY_MS) {
      expiresAt = new Date(Math.min(now.getTime() + env.SESSION_IDLE_HOURS * 3600_000, absoluteExpiresAt.getTime()));
      await connection.execute('update session set last_seen_at = ?, expires_at = ? where id = ?', [now, expiresAt, session.id]);
      touchedAt = now.getTime();
    }
    const viewer = makeViewer({
      kind: 'USER',
      userId: session.user_id,
      apiKeyId: null,
      sessionId: session.id,
      sessionExpiresAt: expiresAt,
      organizationId: session.organization_id,
      organizationKind: session.organization_kind,
      role: session.user_role,
      label: session.user_email,
      partnerships,
    });
    cache?.set(tokenHash, { kind: 'SESSION', viewer, expiresAt, absoluteExpiresAt, touchedAt }, generation, now.getTime());
    return viewer;
  }
  return null;
}

/**
 * The viewer a user acts as, without a session — for work the server does on a user's behalf (the
 * development technician simulation). Null when the user is inactive or missing, or its partner is blocked.
 */
export async function viewerOfUser(em: EntityManager, userId: string): Promise<Viewer | null> {
  const [row]: { id: string; email: string; role: UserRole; active: boolean; organization_id: string; organization_kind: OrganizationKind }[] = await em
    .getConnection()
    .execute('select u.id, u.email, u.role, u.active, o.id as organization_id, o.kind as organization_kind from app_user u join organization o on o.id = u.organization_id where u.id = ?', [userId]);
  if (!row || !row.active) return null;
  const partnerships = await partnershipsFor(em, { id: row.organization_id, kind: row.organization_kind }, 'USER');
  if (partnerships === BLOCKED) return null;
  return makeViewer({
    kind: 'USER',
    userId: row.id,
    apiKeyId: null,
    sessionId: null,
    sessionExpiresAt: null,
    organizationId: row.organization_id,
    organizationKind: row.organization_kind,
    role: row.role,
    label: row.email,
    partnerships,
  });
}
