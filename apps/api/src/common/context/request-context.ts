import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Env } from '../../config/env.js';
import type { Viewer } from '../auth/viewer.js';
import type { CredentialCache } from '../auth/credential-cache.js';
import type { SignInThrottle } from '../auth/sign-in-throttle.js';
import type { Request, Response } from 'express';
import type { MailSender } from '../mail/mail-sender.js';
import type { AppPubSub, Topics } from './events.js';
import type { Now } from './now.js';

/** Long-lived parts shared by every request, made once in main.ts (or a test). */
export interface AppDeps {
  env: Env;
  logger: Logger;
  mailer: MailSender;
  signInThrottle: SignInThrottle;
  pubSub: AppPubSub;
  /** the connection to Redis when REDIS_URL is set (fan-out and shared throttling; its state is in /readyz) */
  redis?: { readonly up: boolean } | null;
  /** who HTTP requests' credentials act as, remembered for a few seconds (startServer makes it; null: none) */
  credentialCache?: CredentialCache | null;
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

/** Makes the context of an HTTP request (app/request-context.ts); handed to the features' own routes. */
export type HttpContextOf = (req: Request, res: Response) => Promise<RequestContext>;

/**
 * Per request (or per WebSocket operation): its own EntityManager fork, scoped to the viewer's
 * organization; its own DataLoaders; the viewer. Services take it as their first argument; inside a
 * transaction they take the transaction's context (see inTransaction).
 */
export interface RequestContext {
  em: EntityManager;
  viewer: Viewer | null;
  /** the request came with a valid credential of a blocked partner (answered as UNAUTHENTICATED with a reason) */
  blocked: boolean;
  /** the DataLoaders made on this context so far, each bound to its `em` (see loaders.ts) */
  loaders: Map<unknown, unknown>;
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
  /** events this operation's transaction publishes once it has committed (see publishAfterCommit) */
  pendingPublications: PendingPublication[];
  /** side effects (e.g. SMTP delivery) that must happen only if the current transaction commits */
  afterCommit: (() => Promise<void>)[];
  /** results computed once on demand through `em` (e.g. the viewer's visible partner subtree) */
  memo: Map<string, Promise<unknown>>;
}

/** An event waiting for its transaction's commit. */
export interface PendingPublication {
  topic: keyof Topics & string;
  payload: unknown;
}

/** Answers whether a context's identity is still what it was when the context was made. */
export interface IdentityCheck {
  stillValid(): Promise<boolean>;
  /** The answer without waiting when there is one: false once ended, true when checked recently and nothing is pending; undefined: ask stillValid. */
  holdsNow?(): boolean | undefined;
}

/** Computes `make()` once per request under `key`. */
export function memoize<T>(ctx: RequestContext, key: string, make: () => Promise<T>): Promise<T> {
  let value = ctx.memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = make();
    ctx.memo.set(key, value);
    value.then(
      (settled) => settledMemos.set(value!, settled),
      () => undefined, // the caller of the first memoize sees the rejection
    );
  }
  return value;
}

/** the values of memoized promises that have resolved */
const settledMemos = new WeakMap<Promise<unknown>, unknown>();

/** {@link memoize}, answered at once once the value has been computed (see now.ts). */
export function memoizeNow<T>(ctx: RequestContext, key: string, make: () => Promise<T>): Now<T> {
  const value = memoize(ctx, key, make);
  return settledMemos.has(value) ? (settledMemos.get(value) as T) : value;
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
 * Publishes `payload` on `topic` once the current transaction commits (after its credential changes
 * and audit events); nothing if it rolls back. Subscribers never hear of a change that did not happen.
 */
export function publishAfterCommit<K extends keyof Topics & string>(ctx: RequestContext, topic: K, payload: Topics[K][0]): void {
  ctx.pendingPublications.push({ topic, payload });
}

/**
 * The same operation on another EntityManager (a transaction, or an unscoped fork for a public
 * operation): loaders and memoized results of its own, read through `em`; the audit events, credential
 * changes and after-commit effects it records still belong to the operation.
 */
export function contextOn(ctx: RequestContext, em: EntityManager): RequestContext {
  return { ...ctx, em, loaders: new Map(), memo: new Map() };
}

/**
 * A context for work that outlives the request (a background import): its own fork, loaders, and
 * audit events and effects, which its own transactions publish; no HTTP exchange.
 */
export function detachedContext(ctx: RequestContext): RequestContext {
  return { ...contextOn(ctx, ctx.em.fork()), http: null, pendingAudit: [], pendingCredentialChanges: [], pendingPublications: [], afterCommit: [] };
}

/**
 * Runs `work` in one transaction on the context's EntityManager (all rows or none), handing it the
 * transaction's context — its `em` is the transaction and its loaders read inside it — then publishes
 * the credential changes, audit events and other events it recorded — only after the commit, so no
 * subscriber hears of a rolled-back change, and withdrawn identities are cut before they could hear of
 * the change. Called inside another transaction (a savepoint), it leaves all of that to the outer one:
 * only the outermost commit makes a change real.
 */
export async function inTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  const nested = ctx.em.isInTransaction();
  const mark = ctx.pendingAudit.length;
  const credentialsMark = ctx.pendingCredentialChanges.length;
  const publicationsMark = ctx.pendingPublications.length;
  const effectsMark = ctx.afterCommit.length;
  let result: T;
  try {
    result = await ctx.em.transactional((em) => work(contextOn(ctx, em)));
  } catch (error) {
    ctx.pendingAudit.splice(mark);
    ctx.pendingCredentialChanges.splice(credentialsMark);
    ctx.pendingPublications.splice(publicationsMark);
    ctx.afterCommit.splice(effectsMark);
    throw error;
  }
  if (nested) return result;
  const changed = ctx.pendingCredentialChanges.splice(credentialsMark);
  if (changed.length > 0) ctx.deps.pubSub.publish('CREDENTIALS_CHANGED', { organizationIds: [...new Set(changed)] });
  for (const event of ctx.pendingAudit.slice(mark)) {
    ctx.deps.pubSub.publish('AUDIT_EVENT_RECORDED', event);
  }
  for (const { topic, payload } of ctx.pendingPublications.splice(publicationsMark)) {
    ctx.deps.pubSub.publish(topic, payload as never);
  }
  const effects = ctx.afterCommit.splice(effectsMark);
  // the change is committed: a failing side effect is logged, not reported as a failed mutation
  for (const effect of effects) await effect().catch((err: unknown) => ctx.deps.logger.error({ err }, 'after-commit effect failed'));
  return result;
}
