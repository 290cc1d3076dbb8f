import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Env } from '../../config/env.js';
import type { Viewer } from '../auth/viewer.js';
import type { SignInThrottle } from '../auth/sign-in-throttle.js';
import type { Mailer } from '../../modules/mail/mailer.js';
import type { AppPubSub } from '../../app/pubsub.js';
import type { RedisLink } from '../../app/redis.js';
import type { Loaders } from '../../app/loaders.js';

/** Long-lived parts shared by every request, made once in main.ts (or a test). */
export interface AppDeps {
  env: Env;
  logger: Logger;
  mailer: Mailer;
  signInThrottle: SignInThrottle;
  pubSub: AppPubSub;
  /** the connection to Redis when REDIS_URL is set (fan-out and shared throttling; its state is in /readyz) */
  redis?: RedisLink | null;
}

/** What a request over HTTP can do to its response: the session cookie. */
export interface HttpExchange {
  ip: string;
  userAgent: string | null;
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
  /** the session token the request came with, if any */
  sessionToken: string | null;
}

/**
 * Per request (or per WebSocket operation): its own EntityManager fork, scoped to the viewer's
 * organization; its own DataLoaders; the viewer. Services take it as their first argument.
 */
export interface RequestContext {
  em: EntityManager;
  viewer: Viewer | null;
  /** the request came with a valid credential of a blocked partner (answered as UNAUTHENTICATED with a reason) */
  blocked: boolean;
  loaders: Loaders;
  deps: AppDeps;
  http: HttpExchange | null;
  /** audit events written by this operation, published once its transaction has committed */
  pendingAudit: { id: string; organizationId: string }[];
  /** organizations whose identities' credentials or rights this operation changed (see credentialsChanged) */
  pendingCredentialChanges: string[];
  /**
   * Whether the identity this context acts as still holds, asked before each subscription event is
   * delivered (app/live-identity.ts); null when the context was not made from a client's credentials.
   */
  identityCheck: IdentityCheck | null;
  /** side effects (e.g. SMTP delivery) that must happen only if the current transaction commits */
  afterCommit: (() => Promise<void>)[];
  /** per-request results computed once on demand (e.g. the viewer's visible partner subtree) */
  memo: Map<string, Promise<unknown>>;
}

/** Answers whether a context's identity is still what it was when the context was made. */
export interface IdentityCheck {
  stillValid(): Promise<boolean>;
}

/** Computes `make()` once per request under `key`. */
export function memoize<T>(ctx: RequestContext, key: string, make: () => Promise<T>): Promise<T> {
  let value = ctx.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = make();
    ctx.memo.set(key, value);
  }
  return value;
}

/** The viewer of a context whose operation is guarded (the auth checker ran). */
export function viewerOf(ctx: RequestContext): Viewer {
  if (!ctx.viewer) throw new Error('viewerOf() on an unguarded operation');
  return ctx.viewer;
}

/**
 * Records, inside a change's transaction, that the credentials or rights of these organizations'
 * identities change with it (a key revoked, a user deactivated, a partner subtree blocked…). Once the
 * transaction commits, every API instance re-checks those identities' open connections — before the
 * transaction's audit events are published, so none reaches an identity the change withdrew.
 */
export function credentialsChanged(ctx: RequestContext, organizationIds: Iterable<string>): void {
  ctx.pendingCredentialChanges.push(...organizationIds);
}

/**
 * Runs `work` in one transaction on the request's fork (all rows or none), then publishes the
 * credential changes and audit events it recorded — only after the commit, so no subscriber hears of
 * a rolled-back change, and withdrawn identities are cut before they could hear of the change.
 */
export async function inTransaction<T>(ctx: RequestContext, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const mark = ctx.pendingAudit.length;
  const credentialsMark = ctx.pendingCredentialChanges.length;
  const effectsMark = ctx.afterCommit.length;
  let result: T;
  try {
    result = await ctx.em.transactional(work);
  } catch (error) {
    ctx.pendingAudit.splice(mark);
    ctx.pendingCredentialChanges.splice(credentialsMark);
    ctx.afterCommit.splice(effectsMark);
    throw error;
  }
  const changed = ctx.pendingCredentialChanges.splice(credentialsMark);
  if (changed.length > 0) ctx.deps.pubSub.publish('CREDENTIALS_CHANGED', { organizationIds: [...new Set(changed)] });
  for (const event of ctx.pendingAudit.slice(mark)) {
    ctx.deps.pubSub.publish('AUDIT_EVENT_RECORDED', event);
  }
  const effects = ctx.afterCommit.splice(effectsMark);
  // the change is committed: a failing side effect is logged, not reported as a failed mutation
  for (const effect of effects) await effect().catch((err: unknown) => ctx.deps.logger.error({ err }, 'after-commit effect failed'));
  return result;
}
