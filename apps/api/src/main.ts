import 'reflect-metadata';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadEnv } from './config/env.js';
import type { Env } from './config/env.js';
import { createLogger } from './common/observability/logger.js';
import { SignInThrottle } from './common/auth/sign-in-throttle.js';
import { checkSessionSecret } from './common/auth/secret-fingerprint.js';
import { startEmbeddedPostgres } from './db/embedded-postgres.js';
import { ormConfig } from './db/mikro-orm.config.js';
import { applyMigrations } from './db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from './db/seeders/demo.seeder.js';
import { Mailer } from './modules/mail/mailer.js';
import { createAppPubSub } from './app/pubsub.js';
import { startServer } from './app/create-server.js';
import { startTechnicianSimulation } from './app/technician-simulation.js';
import { failInterruptedImports } from './modules/job/jobs-import.service.js';

/** Without SESSION_SECRET, keep a generated one in the data folder so sessions survive restarts. */
async function withSessionSecret(env: Env): Promise<Env> {
  if (!env.sessionSecretGenerated) return env;
  const file = join(env.DATA_DIR, 'session-secret');
  await mkdir(env.DATA_DIR, { recursive: true });
  const existing = await readFile(file, 'utf8').catch(() => null);
  const secret = existing?.trim() || randomBytes(32).toString('hex');
  if (!existing) await writeFile(file, secret, { mode: 0o600 });
  return { ...env, SESSION_SECRET: secret };
}

/** Composition root: env → database → ORM → schema → HTTP + WebSocket server → graceful shutdown. */
async function main(): Promise<void> {
  const env = await withSessionSecret(loadEnv());
  const logger = createLogger(env.LOG_LEVEL);
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch((err: unknown) => logger.error({ err }, 'shutdown step failed'));
  };

  try {
    const embedded = env.DATABASE_URL
      ? null
      : await startEmbeddedPostgres({ dataDir: join(env.DATA_DIR, 'postgres'), port: env.EMBEDDED_PG_PORT, logger });
    if (embedded) cleanups.push(() => embedded.stop());
    const clientUrl = embedded?.url ?? (env.DATABASE_URL as string);

    const orm = await MikroORM.init(ormConfig(clientUrl));
    cleanups.push(() => orm.close());
    const applied = await applyMigrations(orm);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    // a secret other than the database's voids every session, API key and invitation link: say so loudly
    await checkSessionSecret(orm.em.fork(), env.SESSION_SECRET, env.sessionSecretGenerated, logger);
    const interrupted = await failInterruptedImports(orm);
    if (interrupted > 0) logger.warn({ batches: interrupted }, 'import batches left RUNNING by a stopped process marked FAILED');

    if (env.SEED_DEMO) {
      const logins = await seedDemo(orm);
      if (logins) {
        logger.info({ logins, password: DEMO_PASSWORD }, 'demo data seeded');
        const lines = logins.map((l) => `  ${l.email.padEnd(34)} ${l.role.padEnd(11)} ${l.organization}`);
        process.stdout.write(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n\n`);
      }
    }

    const events = createAppPubSub(env.REDIS_URL, logger);
    cleanups.push(() => events.close());
    // fails fast while Redis is unreachable: the throttle then counts in-process
    const signInThrottle = new SignInThrottle(events.redis?.client('sign-in throttle', { commandTimeout: 1000 }));
    const mailer = new Mailer(env.SMTP_URL, env.SMTP_FROM, logger);
    cleanups.push(async () => mailer.close());

    const deps = { env, logger, mailer, pubSub: events.pubSub, redis: events.redis, signInThrottle };
    const server = await startServer(orm, deps, env.PORT, env.HOST);
    cleanups.push(() => server.stop());
    // the embedded demo moves by itself unless turned off; anywhere else only when asked for
    if (env.SIMULATE_TECHNICIANS ?? (embedded !== null && env.SEED_DEMO && env.NODE_ENV === 'development')) {
      const simulation = startTechnicianSimulation(orm, deps);
      cleanups.push(() => simulation.stop());
    }
    logger.info(
      { url: server.url, database: embedded ? 'embedded' : 'external', events: env.REDIS_URL ? 'redis' : 'in-process', mail: env.SMTP_URL ? 'smtp' : 'outbox' },
      `Partner Hub listening on ${server.url}`,
    );
  } catch (error) {
    logger.fatal({ err: error }, 'start failed');
    await cleanup();
    process.exit(1);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await cleanup();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

await main();
