/**
 * The API as bench-http.ts measures it: the real server (startServer) in a process of its own, so
 * its CPU time is the server's alone. Forked with an IPC channel: it sends `{ url }` once
 * listening, answers `'cpu'` with its process.cpuUsage() and exits on `'stop'`.
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { ormConfig } from '../src/db/mikro-orm.config.js';
import { loadEnv } from '../src/config/env.js';
import { createAppPubSub } from '../src/app/pubsub.js';
import type { AppDeps } from '../src/common/context/request-context.js';
import { SignInThrottle } from '../src/common/auth/sign-in-throttle.js';
import { Mailer } from '../src/modules/mail/mailer.js';
import { startServer } from '../src/app/create-server.js';

export type ServerMessage = { url: string } | { cpu: NodeJS.CpuUsage };

const send = (message: ServerMessage) => process.send!(message);
const orm = await MikroORM.init(ormConfig(process.env['BENCH_HTTP_DATABASE_URL']!));
const logger = pino({ level: 'silent' });
const env = loadEnv({ NODE_ENV: 'production', SESSION_SECRET: process.env['BENCH_HTTP_SESSION_SECRET'], LOG_LEVEL: 'silent' });
const events = createAppPubSub();
const deps: AppDeps = { env, logger, mailer: new Mailer(undefined, env.SMTP_FROM, logger), pubSub: events.pubSub, signInThrottle: new SignInThrottle() };
const server = await startServer(orm, deps, 0, '127.0.0.1');
process.on('message', (message) => {
  if (message === 'cpu') send({ cpu: process.cpuUsage() });
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
send({ url: server.url });
