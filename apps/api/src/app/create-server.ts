import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { WebSocketServer } from 'ws';
import { GraphQLError, parse, specifiedRules, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema, ValidationContext } from 'graphql';
import type { Logger } from 'pino';
import { useServer } from 'graphql-ws/use/ws';
import type { MikroORM } from '@mikro-orm/postgresql';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { createFormatError } from '../common/errors/format-error.js';
import { inputGuardPlugin, inputProblemError, operationInputProblems } from '../common/graphql/input-guard.js';
import { queryShapeError, queryShapeMiddleware, queryShapeProblem, subscriptionsOverWebSocketOnly } from '../common/graphql/query-shape.js';
import { IMPORT_LIMITS } from '@partner-hub/domain';
import { createMetrics } from '../common/observability/metrics.js';
import { buildAppSchema } from './build-schema.js';
import { onePerOperationRule } from './operation-limits.js';
import { asksForIntrospection, disclosureFor, introspectionRefusal, schemaDisclosurePlugin, withoutSuggestions } from './schema-disclosure.js';
import type { AppDeps, HttpContextOf, RequestContext } from '../common/context/request-context.js';
import { httpContext, wsContext, wsCredentials } from './request-context.js';
import { WebSocketAdmission } from './websocket-admission.js';
import { CredentialCache } from '../common/auth/credential-cache.js';
import { BLOCKED, authenticate } from '../modules/auth/authenticate.js';
import { LiveConnections } from './live-identity.js';
import { subscribeShared } from '../common/graphql/shared-execution.js';
import { jobsExportHandler } from '../modules/job/jobs-export.route.js';
import { importUploadRouter } from '../modules/import/import-upload.router.js';
import { webAssetsRouter } from './web-assets.js';

/**
 * The largest JSON body /graphql reads: the partners and vehicles imports send their CSV (at most
 * 5 MB) as text, which JSON escaping can at worst double; jobs files go to /imports/uploads as bytes.
 */
export const GRAPHQL_BODY_LIMIT_BYTES = 2 * IMPORT_LIMITS.maxBytes + 1024 * 1024;

/** Limits every operation must stay inside (checked before execution). */
export const QUERY_LIMITS = { maxDepth: 10, maxCost: 5000 };

/** How many distinct valid operation texts graphql-ws remembers (beyond them, each subscription parses its own). */
const MAX_VALID_DOCUMENTS = 1000;

// report as ordinary validation errors (GRAPHQL_VALIDATION_FAILED) instead of throwing out of validation
const reject = { propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)] };
const limitRules = [maxDepthRule({ n: QUERY_LIMITS.maxDepth, ...reject }), costLimitRule({ maxCost: QUERY_LIMITS.maxCost, ...reject }), onePerOperationRule];

/**
 * Every answer is private and never cached: `cache-control: no-store`, what Apollo's default cache
 * control plugin answers when no field has a cache hint (none has) — without that plugin's wrapper
 * around every field of every row (issue 12: no per-field work a field does not need).
 */
const noStore: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set('cache-control', 'no-store');
      },
    };
  },
};

/** Apollo's options shared by the server and the in-process integration tests. */
export function apolloOptions(schema: GraphQLSchema, logger: Logger) {
  return {
    schema,
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false, // main.ts owns shutdown, so the embedded PostgreSQL stops too
    csrfPrevention: true,
    introspection: true, // the in-app GraphQL explorer and partner-system developers rely on it
    validationRules: limitRules,
    plugins: [inputGuardPlugin, subscriptionsOverWebSocketOnly, schemaDisclosurePlugin(), ApolloServerPluginCacheControlDisabled(), noStore],
  };
}

/** How long an HTTP request's identity is remembered (credential-cache.ts), and how many at most. */
export const CREDENTIAL_CACHE = { ttlMs: 10_000, max: 10_000 };

/**
 * This instance's credential cache (none when `deps.credentialCache` is null), emptied by every
 * `CREDENTIALS_CHANGED` — this instance's at once, the others' through Redis — and not used while the
 * Redis link is down.
 */
function credentialCacheFor(deps: AppDeps): { credentialCache: CredentialCache | null; stopClearing: () => void } {
  if (deps.credentialCache === null) return { credentialCache: null, stopClearing: () => undefined };
  const { redis } = deps;
  const credentialCache = deps.credentialCache ?? new CredentialCache({ ...CREDENTIAL_CACHE, hearsAllChanges: () => !redis || redis.up });
  const stopClearing = deps.pubSub.listen('CREDENTIALS_CHANGED', () => credentialCache.clear());
  return { credentialCache, stopClearing };
}

export interface RunningServer {
  httpServer: Server;
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  /** Stops accepting connections, drains HTTP and WebSocket clients, stops Apollo. */
  stop(): Promise<void>;
}

/**
 * The HTTP server: /graphql (Apollo over HTTP, graphql-ws on the same path), /imports/uploads, /healthz,
 * /readyz, /metrics, and the built web app with client-side routing on every other GET.
 */
export async function startServer(orm: MikroORM, appDeps: AppDeps, port: number, host = '0.0.0.0'): Promise<RunningServer> {
  const { credentialCache, stopClearing } = credentialCacheFor(appDeps);
  const deps: AppDeps = { ...appDeps, credentialCache };
  const { env, logger } = deps;
  const schema = await buildAppSchema(deps.pubSub);
  const { redis } = deps;
  const metrics = createMetrics(redis ? { redisUp: () => redis.up } : {});
  const app = express();
  app.disable('x-powered-by');
  // no ETag on answers built per request (GraphQL's are \`no-store\`; health, readiness and metrics are
  // polled fresh): hashing each body — 50 KB for a page of 50 — would be work no client uses (issue 12).
  // The web assets keep theirs (web-assets.ts: served by serve-static, which sets its own).
  app.disable('etag');
  const httpServer = createHttpServer(app);

  const admission = new WebSocketAdmission();
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    // at the limit, a browser whose upgrade carries a valid session cookie still gets in: the bound is for connections nobody signed in on
    verifyClient: (info, done) => {
      if (admission.admit(info.req)) return done(true);
      authenticate(orm.em.fork(), env, wsCredentials(undefined, info.req), { touch: false }).then(
        (identity) => (identity && identity !== BLOCKED ? done(true) : done(false, 429, 'Too many connections without sign-in')),
        () => done(false, 503),
      );
    },
  });
  wsServer.on('error', () => undefined); // the HTTP server's own listen error is the one reported
  wsServer.on('connection', (socket, request) => socket.once('close', () => admission.release(request)));
  const formatError = createFormatError(logger);
  const contextOf: HttpContextOf = (req, res) => httpContext(orm, deps, req, res);
  const liveConnections = new LiveConnections(orm, deps);
  // valid operations by their text: subscribers who send the same one share its document (one parse and
  // validation, and one execution per event and visibility group — subscribeShared)
  const validDocuments = new Map<string, DocumentNode>();
  const wsCleanup = useServer(
    {
      schema,
      subscribe: subscribeShared,
      // the same error policy as over HTTP: codes for client errors, nothing internal leaks
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors) return undefined;
        const hide = !disclosureFor(args.contextValue as RequestContext).suggestions;
        return { ...result, errors: result.errors.map((error) => formatError({ ...error.toJSON(), ...(hide ? { message: withoutSuggestions(error.message) } : {}) }, error)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
      // a valid credential takes the socket out of the unauthenticated count (anonymous ones stay counted, and still get their errors per operation)
      onConnect: async (ctx) => {
        const identity = await authenticate(orm.em.fork(), deps.env, wsCredentials(ctx.connectionParams, ctx.extra.request), { touch: false });
        if (identity && identity !== BLOCKED) admission.release(ctx.extra.request);
        return true;
      },
      context: (ctx) => wsContext(orm, deps, liveConnections, ctx.extra.socket, ctx.connectionParams, ctx.extra.request),
      // the same validation (with the depth and cost limits) as over HTTP
      onSubscribe: async (ctx, _id, payload) => {
        const withCode = (error: GraphQLError, code: string) =>
          new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code } });
        let document = validDocuments.get(payload.query);
        if (!document) {
          const shapeProblem = queryShapeProblem(payload.query);
          if (shapeProblem) return [queryShapeError(shapeProblem)];
          try {
            document = parse(payload.query);
          } catch (error) {
            return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
          }
        }
        const errors = validDocuments.has(payload.query) ? [] : validate(schema, document, [...specifiedRules, ...limitRules]);
        const introspection = asksForIntrospection(schema, document);
        if (errors.length === 0 && !introspection && validDocuments.size < MAX_VALID_DOCUMENTS) validDocuments.set(payload.query, document);
        // who the caller is matters only for errors and introspection (the operation's own context comes later)
        if (errors.length > 0 || introspection) {
          const caller = await wsContext(orm, deps, liveConnections, ctx.extra.socket, ctx.connectionParams, ctx.extra.request);
          const disclosure = disclosureFor(caller);
          if (errors.length > 0) {
            if (!disclosure.suggestions) for (const error of errors) error.message = withoutSuggestions(error.message);
            return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
          }
          const refused = disclosure.introspection ? null : introspectionRefusal(schema, document, caller);
          if (refused) return [withCode(refused, 'GRAPHQL_VALIDATION_FAILED')];
        }
        const inputProblems = operationInputProblems(document, payload.variables);
        if (inputProblems.length > 0) return inputProblems.map(inputProblemError);
        return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
      },
    },
    wsServer,
  );

  const options = apolloOptions(schema, logger);
  const apollo = new ApolloServer<RequestContext>({
    ...options,
    plugins: [
      ...options.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      metrics.apolloPlugin,
    ],
  });
  await apollo.start();

  app.use((req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => {
      const route = req.path.startsWith('/graphql') ? '/graphql' : req.originalUrl.startsWith('/imports/uploads') ? '/imports/uploads' : ['/healthz', '/readyz', '/metrics', '/exports/jobs.csv'].includes(req.path) ? req.path : 'static';
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      // ready without Redis: it serves fan-out and shared throttling only, and the instance works alone meanwhile
      res.json({ status: 'ready', detail: { database: 'up', ...(redis ? { redis: redis.up ? 'up' : 'down' } : {}) } });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(
    '/graphql',
    express.json({ limit: GRAPHQL_BODY_LIMIT_BYTES }),
    queryShapeMiddleware,
    expressMiddleware(apollo, { context: async ({ req, res }) => contextOf(req, res) }),
  );

  // CSV files for imports, streamed into PostgreSQL (never through the JSON body parser)
  app.use('/imports/uploads', importUploadRouter(deps, contextOf));

  // a body that is not JSON (or too large) is a client error: answer in GraphQL's shape, never with a stack
  app.use('/graphql', (error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'request failed');
    const message = status === 500 ? 'Something went wrong on our side.' : 'The request body is not valid JSON, or too large.';
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  });

  // a streamed CSV download: too large for a GraphQL string (see jobs-export.route.ts)
  app.get('/exports/jobs.csv', jobsExportHandler(deps, contextOf));

  const indexHtml = join(env.WEB_DIST, 'index.html');
  if (existsSync(indexHtml)) {
    app.use(webAssetsRouter(env.WEB_DIST));
  } else {
    logger.warn({ webDist: env.WEB_DIST }, 'web app not built: only the API is served (run `npm run build`)');
    app.get('/', (_req, res) => {
      res.type('text').send('Partner Hub API. The web app is not built: run `npm run build`. GraphQL at /graphql.');
    });
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, resolve);
  });
  const address = httpServer.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`;
  return {
    httpServer,
    url,
    stop: async () => {
      stopClearing();
      await apollo.stop();
      wsServer.close();
      liveConnections.dispose();
    },
  };
}
