/**
 * An in-process Partner Hub for integration tests: a fresh database (cloned from the migrated
 * template), the real schema, authorization, error mapping and Apollo validation; operations are
 * executed with the credentials a client would send (a session token or an API key).
 */
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import { loadEnv } from '../config/env.js';
import { ormConfig } from '../db/mikro-orm.config.js';
import { scopeToSystem } from '../common/db/tenant-filter.js';
import { SignInThrottle } from '../common/auth/sign-in-throttle.js';
import { Mailer } from '../modules/mail/mailer.js';
import { createAppPubSub } from '../app/pubsub.js';
import { buildAppSchema } from '../app/build-schema.js';
import { apolloOptions } from '../app/create-server.js';
import type { AppDeps, HttpContextOf, HttpExchange, RequestContext } from '../common/context/request-context.js';
import { contextFor, httpContext } from '../app/request-context.js';
import { assertJobCountsExact, assertTabCountsExact } from './job-count-drift.js';
import { createTestDatabase } from './test-database.js';
import { plainStatements } from '../common/db/plain-rows.js';

export interface Credentials {
  sessionToken?: string | null;
  bearerToken?: string | null;
}

export interface GqlResult {
  data?: Record<string, any> | null; // eslint-disable-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary result shapes
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * `redisUrl`: share events and sign-in throttling through that Redis (the multi-instance path). `sameDatabaseAs`: a second
 * API instance on another app's database (its own ORM, events and schema; the first app drops the database).
 */
export async function createTestApp(options: { smtpUrl?: string; redisUrl?: string; sameDatabaseAs?: { databaseUrl: string } } = {}) {
  const db = options.sameDatabaseAs ? { url: options.sameDatabaseAs.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const orm = await MikroORM.init(ormConfig(db.url, { pool: { min: 0, max: 5 } }));
  const env = loadEnv({ NODE_ENV: 'test', SESSION_SECRET: 'integration-test-secret-0123456789', LOG_LEVEL: 'silent', SMTP_URL: options.smtpUrl });
  const logger = pino({ level: process.env["TEST_LOG_LEVEL"] ?? "silent" });
  const events = createAppPubSub(options.redisUrl, logger);
  const deps: AppDeps = {
    env,
    logger,
    mailer: new Mailer(env.SMTP_URL, env.SMTP_FROM, logger),
    pubSub: events.pubSub,
    redis: events.redis,
    signInThrottle: new SignInThrottle(events.redis?.client('sign-in throttle', { commandTimeout: 1000 })),
  };
  const schema = await buildAppSchema(deps.pubSub);
  const apollo = new ApolloServer<RequestContext>(apolloOptions(schema, logger));
  await apollo.start();

  /** Runs one operation as a client holding `credentials` would; returns the result and any session cookie set. */
  async function gql(query: string, variables: Record<string, unknown> = {}, credentials: Credentials = {}, ip = '203.0.113.7') {
    let sessionCookie: string | null | undefined;
    const http: HttpExchange = {
      ip,
      userAgent: 'integration-test',
      sessionToken: credentials.sessionToken ?? null,
      setSessionCookie: (token) => (sessionCookie = token),
      clearSessionCookie: () => (sessionCookie = null),
    };
    const contextValue = await contextFor(orm, deps, { sessionToken: credentials.sessionToken ?? null, bearerToken: credentials.bearerToken ?? null }, http);
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('incremental responses are not used');
    return { ...(response.body.singleResult as GqlResult), sessionCookie };
  }

  /** The context of an HTTP request to this app (for mounting the features' own routes in a test server). */
  const contextOf: HttpContextOf = (req, res) => httpContext(orm, deps, req, res);

  /** Signs in through the signIn mutation and returns the session token its cookie carries. */
  async function signIn(email: string, password: string): Promise<string> {
    const result = await gql(
      `mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on ErrorResult { message } } }`,
      { input: { email, password } },
    );
    if (result.data?.['signIn']?.__typename !== 'SignInSuccess' || !result.sessionCookie) {
      throw new Error(`sign-in of ${email} failed: ${JSON.stringify(result)}`);
    }
    return result.sessionCookie;
  }

  /** An EntityManager fork that reads across tenants: for arranging data and asserting rows. */
  function systemEm(): EntityManager {
    const em = orm.em.fork();
    scopeToSystem(em);
    return em;
  }

  /** The SQL text of every statement `run` sends, in order (parameters apart: the statements' shapes). */
  async function captureStatements(run: () => Promise<unknown>): Promise<string[]> {
    const statements: string[] = [];
    const connection = orm.em.getConnection();
    const original = connection.execute.bind(connection);
    connection.execute = ((...args: Parameters<typeof original>) => {
      const query = args[0];
      statements.push(typeof query === 'string' ? query : String((query as { toString(): string }).toString()));
      return original(...args);
    }) as typeof connection.execute;
    // the read path's statements go straight to the driver (plain-rows.ts: selectValues)
    const plain = (message: unknown) => statements.push((message as { sql: string }).sql);
    plainStatements.subscribe(plain);
    try {
      await run();
    } finally {
      connection.execute = original;
      plainStatements.unsubscribe(plain);
    }
    return statements;
  }

  /** How many SQL statements `run` sends (for "no N+1" assertions: the count must not grow with the page). */
  async function countStatements(run: () => Promise<unknown>): Promise<number> {
    return (await captureStatements(run)).length;
  }

  async function close(): Promise<void> {
    // whatever the file did to jobs, vehicles and owners, the counters the lists and the dashboard read must still be exact
    if (!options.sameDatabaseAs) {
      await assertJobCountsExact(orm.em.fork());
      await assertTabCountsExact(orm.em.fork());
    }
    await apollo.stop();
    await events.close();
    await orm.close(true);
    await db.drop();
  }

  return { orm, deps, contextOf, databaseUrl: db.url, gql, signIn, systemEm, countStatements, captureStatements, close };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
