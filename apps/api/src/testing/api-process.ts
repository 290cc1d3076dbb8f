/**
 * Starts an API instance as a separate OS process (./api-process-main.ts, run from source through
 * @swc-node), for tests and benchmarks that need real multi-process behaviour: two instances sharing
 * one database and Redis, or a server whose CPU time and memory are its own.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ApiProcessMessage } from './api-process-main.js';

export interface ApiProcessOptions {
  databaseUrl: string;
  sessionSecret: string;
  /** share events through this Redis (the multi-instance path); in-process events otherwise */
  redisUrl?: string;
  /** the ORM's pool size (default 10) */
  pool?: number;
  /** run with --expose-gc so `usage()` measures memory after a full GC */
  exposeGc?: boolean;
  /** extra Node options, e.g. ['--cpu-prof'] */
  nodeOptions?: string[];
}

export interface PublishedEvent {
  topic: string;
  payload: unknown;
  /** wall-clock instant of the dispatch on that instance, ms (performance.timeOrigin + performance.now()) */
  at: number;
}

export interface ApiProcess {
  url: string;
  pid: number;
  /** every watched event this instance dispatched so far, in order */
  published: PublishedEvent[];
  /** resolves with the first event (already dispatched or still to come) that `match` accepts */
  waitForPublished(match: (event: PublishedEvent) => boolean): Promise<PublishedEvent>;
  /** the process's CPU time so far (ms) and its memory now (bytes; `afterGc`: after a full GC, with `exposeGc`) */
  usage(afterGc?: boolean): Promise<{ cpuMs: number; rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('./api-process-main.ts', import.meta.url));

export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const child: ChildProcess = fork(MAIN, [], {
    execArgv: ['--import', '@swc-node/register/esm-register', ...(options.exposeGc ? ['--expose-gc'] : []), ...(options.nodeOptions ?? [])],
    env: {
      ...process.env,
      API_PROCESS_DATABASE_URL: options.databaseUrl,
      API_PROCESS_SESSION_SECRET: options.sessionSecret,
      API_PROCESS_REDIS_URL: options.redisUrl ?? '',
      API_PROCESS_POOL: String(options.pool ?? 10),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const published: PublishedEvent[] = [];
  const waiters = new Set<{ match: (event: PublishedEvent) => boolean; resolve: (event: PublishedEvent) => void }>();
  let answer: ((usage: { cpuMs: number; rss: number; heapUsed: number }) => void) | null = null;
  let exited = false;
  const ready = new Promise<string>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      exited = true;
      reject(new Error(`the API process exited before listening (${code ?? signal})`));
    });
    child.on('message', (raw) => {
      const message = raw as ApiProcessMessage;
      if ('url' in message) resolve(message.url);
      else if ('published' in message) {
        published.push(message.published);
        for (const waiter of [...waiters]) {
          if (!waiter.match(message.published)) continue;
          waiters.delete(waiter);
          waiter.resolve(message.published);
        }
      } else if ('usage' in message) answer?.(message.usage);
    });
  });
  const url = await ready.catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url,
    pid: child.pid ?? -1,
    published,
    waitForPublished: (match) => {
      const seen = published.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.add({ match, resolve }));
    },
    usage: (afterGc = false) =>
      new Promise((resolve) => {
        answer = (usage) => {
          answer = null;
          resolve(usage);
        };
        child.send(afterGc ? 'usage after gc' : 'usage');
      }),
    stop: async () => {
      if (exited || child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
