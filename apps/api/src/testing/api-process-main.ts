/**
 * One API instance in a process of its own (started by ./api-process.ts): the real server on a free
 * port of 127.0.0.1, against API_PROCESS_DATABASE_URL, sharing events through API_PROCESS_REDIS_URL
 * when set. Talks to its parent over the IPC channel:
 * - sends `{ url }` once listening;
 * - sends `{ published }` for every event of the watched topics as this instance dispatches it (on the
 *   instance that commits, that is right after the commit; elsewhere, when Redis brought it), with
 *   the wall-clock instant in ms (sub-millisecond, comparable across processes of one machine);
 * - answers `'usage'` with its CPU time and memory, `'usage after gc'` the same after a full GC (when run
 *   with --expose-gc);
 * - exits on `'stop'`.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { ormConfig } from '../db/mikro-orm.config.js';
import { loadEnv } from '../config/env.js';
import { createAppPubSub } from '../app/pubsub.js';
import { startServer } from '../app/create-server.js';
import type { AppDeps } from '../common/context/request-context.js';
import { SignInThrottle } from '../common/auth/sign-in-throttle.js';
import { Mailer } from '../modules/mail/mailer.js';

export type ApiProcessMessage =
  | { url: string }
  | { published: { topic: string; payload: unknown; at: number } }
  | { usage: { cpuMs: number; rss: number; heapUsed: number } };

/** The topics whose dispatch instants the parent hears of. */
export const WATCHED_TOPICS = ['AUDIT_EVENT_RECORDED', 'JOB_CHANGED', 'CREDENTIALS_CHANGED'] as const;

const send = (message: ApiProcessMessage) => process.send?.(message);
const now = () => performance.timeOrigin + performance.now();

const databaseUrl = process.env['API_PROCESS_DATABASE_URL'];
if (!databaseUrl) throw new Error('API_PROCESS_DATABASE_URL is not set (start this through testing/api-process.ts)');
const orm = await MikroORM.init(ormConfig(databaseUrl, { pool: { min: 0, max: Number(process.env['API_PROCESS_POOL'] ?? 10) } }));
const logger = pino({ level: process.env['API_PROCESS_LOG_LEVEL'] ?? 'silent' });
const env = loadEnv({ NODE_ENV: 'production', SESSION_SECRET: process.env['API_PROCESS_SESSION_SECRET'], LOG_LEVEL: 'silent', REDIS_URL: process.env['API_PROCESS_REDIS_URL'] || undefined });
const events = createAppPubSub(env.REDIS_URL, logger);
const deps: AppDeps = {
  env,
  logger,
  mailer: new Mailer(undefined, env.SMTP_FROM, logger),
  pubSub: events.pubSub,
  redis: events.redis,
  signInThrottle: new SignInThrottle(events.redis?.client('sign-in throttle', { commandTimeout: 1000 })),
};
for (const topic of WATCHED_TOPICS) events.pubSub.listen(topic, (payload) => send({ published: { topic, payload, at: now() } }));
const server = await startServer(orm, deps, 0, '127.0.0.1');

process.on('message', (message) => {
  if (message === 'usage' || message === 'usage after gc') {
    if (message === 'usage after gc') globalThis.gc?.();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    send({ usage: { cpuMs: (cpu.user + cpu.system) / 1000, rss: memory.rss, heapUsed: memory.heapUsed } });
  }
  if (message === 'stop') {
    void (async () => {
      await server.stop();
      server.httpServer.close();
      await events.close();
      await orm.close(true);
      process.exit(0);
    })();
  }
});
process.on('disconnect', () => process.exit(0)); // the parent is gone: never outlive it
send({ url: server.url });
