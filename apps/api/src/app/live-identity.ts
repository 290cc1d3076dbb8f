/**
 * Live identities (DESIGN.md §5): an open subscription hears only what its subscriber may hear *now*.
 *
 * - Every subscription of the schema delivers each event only after asking the subscriber context's
 *   `identityCheck` whether its identity still holds (`guardSubscriptions`, applied to the whole schema,
 *   so a new subscription needs nothing of its own).
 * - Over graphql-ws that check is the connection's `LiveConnection`: it knows the credentials the socket
 *   came with and the identity last found for them. A change that withdraws or alters credentials records
 *   `credentialsChanged(ctx, organizationIds)` in its transaction; after the commit — before that
 *   transaction's audit events — `CREDENTIALS_CHANGED` reaches every instance (through Redis when set),
 *   which re-authenticates the open connections of those organizations (one indexed lookup each, only on
 *   these rare signals). A connection whose credential is gone, blocked or expired, or whose identity
 *   changed (role, partnerships), is closed with 4403 at once; deliveries wait for a pending re-check.
 * - Expiry needs no signal: a timer re-checks a connection when its key or session expires (sessions
 *   slide, so the check reads the stored expiry), and a delivery after the cached expiry, or long after
 *   the last check, re-checks first.
 * - A context made outside graphql-ws (in-process callers) re-authenticates before every delivery.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { defaultFieldResolver } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import type { WebSocket } from 'ws';
import { BLOCKED, authenticate } from '../modules/auth/authenticate.js';
import type { Credentials } from '../modules/auth/authenticate.js';
import { sameIdentity } from '../common/auth/viewer.js';
import type { Viewer } from '../common/auth/viewer.js';
import type { AppDeps, IdentityCheck, RequestContext } from '../common/context/request-context.js';

/** A delivery this long after a connection's last check re-checks it first (a net for a lost signal, e.g. while Redis reconnects). */
const RECHECK_AFTER_MS = 60_000;
/** setTimeout's longest delay; a later expiry is reached in steps */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** graphql-ws close codes: the client may connect again and is then told what it may still do */
const FORBIDDEN = 4403;
const INTERNAL_ERROR = 4500;
const WITHDRAWN = 'Forbidden: the credential was withdrawn or has expired';
const CHANGED = "Forbidden: the identity's rights changed; connect again";

/** The identity the credentials stand for now, without counting the check as use. */
async function currentIdentity(orm: MikroORM, deps: AppDeps, credentials: Credentials): Promise<Viewer | null> {
  const identity = await authenticate(orm.em.fork(), deps.env, credentials, { touch: false });
  return identity === BLOCKED ? null : identity;
}

/** The check of a context made outside graphql-ws: its credentials are authenticated again before every delivery. */
export function recheckEachDelivery(orm: MikroORM, deps: AppDeps, credentials: Credentials, viewer: Viewer | null): IdentityCheck {
  return {
    stillValid: async () => {
      if (!viewer) return true; // an anonymous context holds nothing that can be withdrawn
      try {
        const now = await currentIdentity(orm, deps, credentials);
        return now !== null && sameIdentity(viewer, now);
      } catch (err) {
        deps.logger.error({ err }, 'could not re-check a subscriber\'s credential');
        return false;
      }
    },
  };
}

/** One graphql-ws connection: its credentials, the identity last found for them, and its re-checks. */
class LiveConnection implements IdentityCheck {
  viewer: Viewer | null = null;
  closed = false;
  private checkedAt = 0;
  /** the re-check running or queued last; deliveries wait for it */
  private pending: Promise<void> | null = null;
  /** a re-check queued behind the running one (one is enough for any number of signals meanwhile) */
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: LiveConnections,
    private readonly socket: WebSocket,
    private readonly credentials: Credentials,
  ) {}

  holdsNow(): boolean | undefined {
    if (this.closed) return false;
    if (this.pending || (this.viewer && this.due())) return undefined;
    return true;
  }

  async stillValid(): Promise<boolean> {
    let seen: Promise<void> | null = null;
    while (this.pending && this.pending !== seen) {
      seen = this.pending;
      await seen;
    }
    if (!this.closed && this.viewer && this.due()) await this.recheck();
    return !this.closed;
  }

  /** An operation on this connection authenticated its credentials as `viewer`. */
  seen(viewer: Viewer | null): void {
    if (this.closed) return;
    if (this.viewer && !viewer) this.close(FORBIDDEN, WITHDRAWN);
    else if (this.viewer && viewer && !sameIdentity(this.viewer, viewer)) this.close(FORBIDDEN, CHANGED);
    else if (viewer) this.accept(viewer);
  }

  /** Queues a re-check after the running one; it starts synchronously, so a delivery right after waits for it. */
  recheck(): Promise<void> {
    if (this.queued) return this.queued;
    const run = (this.pending ?? Promise.resolve()).then(() => {
      this.queued = null;
      return this.revalidate();
    });
    this.queued = run;
    this.pending = run;
    void run.finally(() => {
      if (this.pending === run) this.pending = null;
    });
    return run;
  }

  /** The socket closed (by the client, the server, or `close`). */
  ended(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.registry.forget(this);
  }

  private due(): boolean {
    const now = Date.now();
    const expiresAt = this.viewer?.sessionExpiresAt?.getTime();
    return (expiresAt !== undefined && now >= expiresAt) || now - this.checkedAt >= RECHECK_AFTER_MS;
  }

  private async revalidate(): Promise<void> {
    if (this.closed || !this.viewer) return;
    let now: Viewer | null;
    try {
      now = await this.registry.currentIdentity(this.credentials);
    } catch (err) {
      this.registry.logError(err);
      this.close(INTERNAL_ERROR, 'Internal server error: the credential could not be re-checked');
      return;
    }
    this.seen(now);
  }

  private accept(viewer: Viewer): void {
    this.viewer = viewer;
    this.checkedAt = Date.now();
    this.registry.index(this, viewer.organizationId);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const expiresAt = viewer.sessionExpiresAt?.getTime();
    if (expiresAt !== undefined) {
      this.timer = setTimeout(() => void this.recheck(), Math.min(Math.max(expiresAt - Date.now(), 1), MAX_TIMER_MS));
      this.timer.unref();
    }
  }

  private close(code: number, reason: string): void {
    this.ended();
    this.socket.close(code, reason);
  }
}

/**
 * The open graphql-ws connections of one API instance, by organization, re-checked on every
 * `CREDENTIALS_CHANGED` signal for their organization (from this or any other instance).
 */
export class LiveConnections {
  private readonly bySocket = new WeakMap<WebSocket, LiveConnection>();
  private readonly byOrganization = new Map<string, Set<LiveConnection>>();
  private readonly organizationOf = new Map<LiveConnection, string>();
  private signals = 0;
  private readonly stopListening: () => void;
  private readonly stopResuming: () => void;

  constructor(
    private readonly orm: MikroORM,
    private readonly deps: AppDeps,
  ) {
    // synchronous: the re-checks are pending before the change's audit events reach any subscriber
    this.stopListening = deps.pubSub.listen('CREDENTIALS_CHANGED', ({ organizationIds }) => this.changed(organizationIds));
    // signals other instances sent while Redis was unreachable never came: re-check every connection
    this.stopResuming = deps.pubSub.onResumed(() => this.changed([...this.byOrganization.keys()]));
  }

  /** Taken before an operation authenticates: `track` re-checks when a signal came in between. */
  mark(): number {
    return this.signals;
  }

  /** The connection of `socket`, told that one of its operations authenticated its credentials as `viewer`. */
  track(socket: WebSocket, credentials: Credentials, viewer: Viewer | null, mark: number): IdentityCheck {
    let connection = this.bySocket.get(socket);
    if (!connection) {
      const made = new LiveConnection(this, socket, credentials);
      this.bySocket.set(socket, made);
      socket.once('close', () => made.ended());
      connection = made;
    }
    connection.seen(viewer);
    if (mark !== this.signals) void connection.recheck();
    return connection;
  }

  /** Stops listening for signals and ends every connection's timers (the server closes the sockets). */
  dispose(): void {
    this.stopListening();
    this.stopResuming();
    for (const connection of [...this.organizationOf.keys()]) connection.ended();
  }

  private changed(organizationIds: readonly string[]): void {
    this.signals += 1;
    for (const id of organizationIds) {
      for (const connection of this.byOrganization.get(id) ?? []) void connection.recheck();
    }
  }

  /** @internal for LiveConnection */
  currentIdentity(credentials: Credentials): Promise<Viewer | null> {
    return currentIdentity(this.orm, this.deps, credentials);
  }

  /** @internal for LiveConnection */
  logError(err: unknown): void {
    this.deps.logger.error({ err }, 'could not re-check a live connection\'s credential');
  }

  /** @internal for LiveConnection: a connection's credentials belong to one organization for good */
  index(connection: LiveConnection, organizationId: string): void {
    if (this.organizationOf.has(connection)) return;
    this.organizationOf.set(connection, organizationId);
    let set = this.byOrganization.get(organizationId);
    if (!set) this.byOrganization.set(organizationId, (set = new Set()));
    set.add(connection);
  }

  /** @internal for LiveConnection */
  forget(connection: LiveConnection): void {
    const organizationId = this.organizationOf.get(connection);
    if (organizationId === undefined) return;
    this.organizationOf.delete(connection);
    const set = this.byOrganization.get(organizationId);
    set?.delete(connection);
    if (set?.size === 0) this.byOrganization.delete(organizationId);
  }
}

/**
 * A subscription's context lives as long as the subscription: before each event its loaders, memoized
 * results (e.g. a vehicle's access) and identity map start empty, so nothing read for an earlier event —
 * a grant that has since ended, a renamed partner — answers this one.
 */
function freshForEvent(ctx: RequestContext): void {
  ctx.loaders.clear();
  ctx.memo.clear();
  ctx.em.clear();
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Passes events on while the context's identity holds; ends the stream at the first event it no longer
 * may hear. A plain mapping iterator (no queue of its own): a connection checked recently answers at
 * once (`holdsNow`), otherwise the delivery waits for the re-check.
 */
function whileIdentityHolds<T>(source: AsyncIterable<T>, ctx: RequestContext): AsyncIterableIterator<T> {
  const events = source[Symbol.asyncIterator]();
  const check = ctx.identityCheck;
  let ended = false;
  const end = async (): Promise<IteratorResult<T>> => {
    if (!ended) {
      ended = true;
      await events.return?.();
    }
    return { value: undefined, done: true };
  };
  return {
    async next(): Promise<IteratorResult<T>> {
      if (ended) return { value: undefined, done: true };
      const next = await events.next();
      if (next.done) {
        ended = true;
        return next;
      }
      const holds = check ? (check.holdsNow?.() ?? (await check.stillValid())) : false;
      return holds && !ended ? next : end();
    },
    return: end,
    async throw(error: unknown): Promise<IteratorResult<T>> {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Makes every subscription of the schema deliver an event only while its subscriber's identity holds,
 * checked at delivery (after the subscription's own filter, before its resolver reads anything). A
 * context without an identity check delivers nothing. Each event is resolved afresh (see freshForEvent).
 */
export function guardSubscriptions(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const subscribe = field.subscribe;
    if (!subscribe) continue;
    field.subscribe = async (source, args, context: RequestContext, info) => {
      const result: unknown = await subscribe(source, args, context, info);
      return isAsyncIterable(result) ? whileIdentityHolds(result, context) : result;
    };
    const resolve = field.resolve;
    // an operation's events are executed one after the other: each starts with nothing cached from the last
    field.resolve = (source, args, context: RequestContext, info) => {
      freshForEvent(context);
      return (resolve ?? defaultFieldResolver)(source, args, context, info);
    };
  }
  return schema;
}
