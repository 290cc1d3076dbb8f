import type { MikroORM } from '@mikro-orm/postgresql';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';
import { parseCookie } from 'cookie';
import type { WebSocket } from 'ws';
import { BLOCKED, authenticate } from '../modules/auth/authenticate.js';
import type { Credentials } from '../modules/auth/authenticate.js';
import { principalIdsOf } from '../common/auth/viewer.js';
import type { Viewer } from '../common/auth/viewer.js';
import { scopeToOrganization } from '../common/db/tenant-filter.js';
import type { AppDeps, HttpExchange, RequestContext } from '../common/context/request-context.js';
import { recheckEachDelivery } from './live-identity.js';
import type { LiveConnections } from './live-identity.js';

export const SESSION_COOKIE = 'ph_session';
/** An organization id no row has: anonymous requests see nothing tenant-owned. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

function bearerToken(header: string | undefined | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function sessionTokenOf(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  return header ? (parseCookie(header)[SESSION_COOKIE] ?? null) : null;
}

/**
 * A fresh fork scoped to the viewer, fresh loaders: the context of one operation. `live`: the operation
 * came over this graphql-ws socket, whose connection then watches the identity (see live-identity.ts).
 */
export async function contextFor(
  orm: MikroORM,
  deps: AppDeps,
  credentials: Credentials,
  http: HttpExchange | null,
  live?: { connections: LiveConnections; socket: WebSocket },
): Promise<RequestContext> {
  const mark = live?.connections.mark();
  // an HTTP request's identity may come from the credential cache; a graphql-ws operation's is looked up
  // (authenticate reads through the ORM's connection only: no fork of its own — the operation's is below)
  const identity = await authenticate(orm.em, deps.env, credentials, { cache: http && !live ? deps.credentialCache : null });
  const viewer = identity === BLOCKED ? null : identity;
  const ctx = contextForViewer(orm, deps, viewer, { http, blocked: identity === BLOCKED });
  ctx.identityCheck = live ? live.connections.track(live.socket, credentials, viewer, mark ?? 0) : recheckEachDelivery(orm, deps, credentials, viewer);
  return ctx;
}

/** The context of one operation acting as `viewer` (also what benchmarks use to call services as a given viewer). */
export function contextForViewer(orm: MikroORM, deps: AppDeps, viewer: Viewer | null, options: { http?: HttpExchange | null; blocked?: boolean } = {}): RequestContext {
  const em = orm.em.fork();
  scopeToOrganization(em, viewer?.organizationId ?? NOBODY, viewer ? principalIdsOf(viewer) : [NOBODY]);
  const ctx: RequestContext = {
    em,
    viewer,
    blocked: options.blocked ?? false,
    loaders: new Map(),
    deps,
    http: options.http ?? null,
    pendingAudit: [],
    pendingCredentialChanges: [],
    pendingPublications: [],
    identityCheck: null,
    afterCommit: [],
    memo: new Map(),
  };
  return ctx;
}

/** The context of an HTTP request: credentials from the cookie or `Authorization: Bearer`. */
export function httpContext(orm: MikroORM, deps: AppDeps, req: Request, res: Response): Promise<RequestContext> {
  const secure = deps.env.PUBLIC_URL?.startsWith('https:') ?? false;
  const sessionToken = sessionTokenOf(req);
  const http: HttpExchange = {
    ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    userAgent: req.headers['user-agent'] ?? null,
    sessionToken,
    setSessionCookie: (token, expiresAt) =>
      res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt }),
    clearSessionCookie: () => res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' }),
  };
  return contextFor(orm, deps, { sessionToken, bearerToken: bearerToken(req.headers.authorization) }, http);
}

/**
 * The context of one graphql-ws operation. Credentials come from the connection params
 * (`{ authorization: 'Bearer …' }`, for partner systems) or the browser's session cookie on the
 * upgrade request; they are checked again for every operation, and `connections` watches them for as
 * long as the socket is open: withdrawing them closes it (live-identity.ts).
 */
export function wsContext(
  orm: MikroORM,
  deps: AppDeps,
  connections: LiveConnections,
  socket: WebSocket,
  connectionParams: Record<string, unknown> | undefined,
  upgrade: IncomingMessage,
): Promise<RequestContext> {
  return contextFor(orm, deps, wsCredentials(connectionParams, upgrade), null, { connections, socket });
}

/** A graphql-ws connection's credentials: `{ authorization: 'Bearer …' }` in its params, or the session cookie of its upgrade request. */
export function wsCredentials(connectionParams: Record<string, unknown> | undefined, upgrade: IncomingMessage): Credentials {
  const authorization = connectionParams?.['authorization'] ?? connectionParams?.['Authorization'];
  return { sessionToken: sessionTokenOf(upgrade), bearerToken: bearerToken(typeof authorization === 'string' ? authorization : null) };
}
