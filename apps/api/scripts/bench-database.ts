/**
 * The benches' start-up, in one place: a PostgreSQL server (BENCH_DATABASE_URL's, or an embedded
 * one), the ORM on a database of it, migrated to the latest committed migration. Migrations are
 * applied without writing src/db/migrations/.snapshot.json: a bench database holds tables of its
 * own (bench_http_ready), and a run must leave the working tree as it found it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { ormConfig } from '../src/db/mikro-orm.config.js';
import { applyMigrations } from '../src/db/migrate.js';

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface BenchServer {
  /** BENCH_DATABASE_URL, or the embedded server's database */
  url: string;
  /** stops the embedded server (and removes its throw-away data directory); nothing for BENCH_DATABASE_URL */
  stop: () => Promise<void>;
}

/**
 * The server of BENCH_DATABASE_URL, else an embedded PostgreSQL: in `dataDir` when given (kept),
 * else in a throw-away temporary directory named after `prefix`.
 */
export async function startBenchServer(options: { prefix: string; dataDir?: string }): Promise<BenchServer> {
  const serverUrl = process.env['BENCH_DATABASE_URL'];
  if (serverUrl) return { url: serverUrl, stop: async () => undefined };
  const temporary = options.dataDir ? null : await mkdtemp(join(tmpdir(), options.prefix));
  const embedded = await startEmbeddedPostgres({ dataDir: options.dataDir ?? temporary!, port: await freePort() });
  return {
    url: embedded.url,
    stop: async () => {
      await embedded.stop();
      if (temporary) await rm(temporary, { recursive: true, force: true });
    },
  };
}

/** The ORM on `url`, with every committed migration applied (the snapshot file left alone). */
export async function openMigratedOrm(url: string): Promise<MikroORM> {
  const config = ormConfig(url);
  const orm = await MikroORM.init({ ...config, migrations: { ...config.migrations, snapshot: false } });
  try {
    await applyMigrations(orm);
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

export interface BenchDatabase {
  orm: MikroORM;
  /** closes the ORM, then stops the server */
  close: () => Promise<void>;
}

/** A migrated, throw-away bench database (see startBenchServer) and the ORM on it. */
export async function openBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const server = await startBenchServer({ prefix });
  try {
    const orm = await openMigratedOrm(server.url);
    return {
      orm,
      close: async () => {
        await orm.close(true);
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
