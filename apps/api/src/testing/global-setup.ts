/**
 * Vitest global setup for the api's integration tests (`*.int-spec.ts`).
 *
 * Runs once per `vitest` run, in the main process:
 * 1. picks a PostgreSQL server: TEST_DATABASE_URL or DATABASE_URL when set (its database is only
 *    used as the admin connection; nothing in it is touched), otherwise an embedded PostgreSQL
 *    in a fresh temp dir on a free port;
 * 2. creates the template database `ph_template_<run>` and migrates it to the latest migration;
 * 3. provides `testDbAdminUrl` and `testDbTemplate` to the test files, where
 *    `createTestDatabase()` (./test-database.ts) clones one database per test file.
 *
 * Teardown drops the template and any `ph_test_<run>_*` database a crashed worker left behind,
 * stops the embedded server and removes its temp dir. Vitest exits on Ctrl-C without running
 * teardown, so a detached watchdog stops the embedded server and removes the temp dir once this
 * process is gone.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { pgdataPath, quoteIdent, startEmbeddedPostgres, withPgClient } from '../db/embedded-postgres.js';
import { migrateToLatest } from '../db/migrate.js';
import { TEST_DB_PREFIX, newRunId, templateName, withDatabase } from './db-names.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a database on the test server to run CREATE/DROP DATABASE from */
    testDbAdminUrl: string;
    /** name of the migrated template database, `ph_template_<run>` */
    testDbTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = newRunId();
  const template = templateName(runId);
  const cleanups: Array<() => Promise<void>> = [];
  const teardown = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    let adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
    if (!adminUrl) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ph-test-pg-'));
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      const watchdog = spawnWatchdog(dataDir);
      cleanups.push(async () => {
        if (watchdog.exitCode === null && watchdog.signalCode === null && watchdog.pid) watchdog.kill('SIGKILL');
      });
      const server = await startEmbeddedPostgres({ dataDir, port: await freePort() });
      cleanups.push(() => server.stop());
      adminUrl = server.url;
    }
    const admin = adminUrl;

    await withPgClient(admin, (client) => client.query(`CREATE DATABASE ${quoteIdent(template)}`));
    cleanups.push(() => dropRunDatabases(admin, runId));
    await migrateToLatest(withDatabase(admin, template));

    project.provide('testDbAdminUrl', admin);
    project.provide('testDbTemplate', template);
    return teardown;
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
}

/** A TCP port on 127.0.0.1 that is free right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Drops this run's template and every test database of this run still present. */
async function dropRunDatabases(adminUrl: string, runId: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)`,
      [templateName(runId), `${TEST_DB_PREFIX}${runId}_`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(String(datname))} WITH (FORCE)`);
    }
  });
}

/**
 * A detached shell that waits for this process to end, then fast-stops the embedded server
 * (SIGINT to the postmaster) and removes `dataDir`. Killed by a normal teardown.
 */
function spawnWatchdog(dataDir: string) {
  const script = [
    'while kill -0 "$1" 2>/dev/null; do sleep 1; done',
    'pm=$(head -n 1 "$2" 2>/dev/null)',
    'if [ -n "$pm" ]; then kill -INT "$pm" 2>/dev/null; i=0; while kill -0 "$pm" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; fi',
    'rm -rf "$3"',
  ].join('\n');
  const child = spawn(
    '/bin/sh',
    ['-c', script, 'ph-test-pg-watchdog', String(process.pid), path.join(pgdataPath(dataDir), 'postmaster.pid'), dataDir],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
  return child;
}
