import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type TestContext, afterAll, beforeAll, describe, it } from 'vitest';
import {
  type EmbeddedPostgres,
  type EmbeddedPostgresLogger,
  chooseSocketDir,
  parsePostmasterPid,
  pgdataPath,
  startEmbeddedPostgres,
  withPgClient,
} from './embedded-postgres.js';

/** A TCP port on 127.0.0.1 that is free right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function scalar(url: string, sql: string): Promise<unknown> {
  return withPgClient(url, async (client) => Object.values((await client.query(sql)).rows[0] ?? {})[0]);
}

async function postmasterPid(dataDir: string): Promise<number> {
  const info = parsePostmasterPid(await readFile(path.join(pgdataPath(dataDir), 'postmaster.pid'), 'utf8'));
  if (!info) throw new Error('no postmaster.pid');
  return info.pid;
}

async function waitUntilGone(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/** Collects what the wrapper logs, per test (tests run concurrently). */
function recordingLogger() {
  const messages: string[] = [];
  return {
    messages,
    logger: { info: (m: string) => messages.push(m), warn: (m: string) => messages.push(`WARN ${m}`) },
    text: () => messages.join('\n'),
  };
}

// Each test has its own data dir and port, so they run concurrently (initdb is most of the time).
describe.concurrent('startEmbeddedPostgres', () => {
  let root: string;

  /** Starts a server that is stopped when the test ends, whatever happened. */
  const start = async (
    context: TestContext,
    dataDir: string,
    port: number,
    logger: EmbeddedPostgresLogger,
  ): Promise<EmbeddedPostgres> => {
    const server = await startEmbeddedPostgres({ dataDir, port, logger });
    context.onTestFinished(() => server.stop());
    return server;
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'ph-epg-spec-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('initialises a cluster on first use and serves the partner_hub database on 127.0.0.1', async (context) => {
    const { expect } = context;
    const log = recordingLogger();
    const dataDir = path.join(root, 'first');
    const server = await start(context, dataDir, await freePort(), log.logger);

    expect(server.url).toMatch(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\/partner_hub$/);
    expect(await scalar(server.url, 'SELECT current_database()')).toBe('partner_hub');
    expect(await scalar(server.url, 'SHOW listen_addresses')).toBe('127.0.0.1');
    expect(await scalar(server.url, 'SHOW server_encoding')).toBe('UTF8');
    expect(String(await scalar(server.url, 'SHOW server_version'))).toMatch(/^18\./);
    expect(existsSync(path.join(pgdataPath(dataDir), 'PG_VERSION'))).toBe(true);
    expect(log.text()).toMatch(/initialised and started/);
  });

  it('reuses the cluster on the next start: data written before is still there', async (context) => {
    const { expect } = context;
    const log = recordingLogger();
    const dataDir = path.join(root, 'reuse');
    const first = await start(context, dataDir, await freePort(), log.logger);
    await withPgClient(first.url, async (c) => {
      await c.query('CREATE TABLE kept (note text)');
      await c.query(`INSERT INTO kept VALUES ('survives a restart')`);
    });
    await first.stop();
    const before = log.messages.length;

    const second = await start(context, dataDir, await freePort(), log.logger);
    expect(await scalar(second.url, 'SELECT note FROM kept')).toBe('survives a restart');
    expect(log.messages.slice(before).join('\n')).not.toMatch(/initialis/i);
  });

  it('takes over after the app was killed while its server kept running', async (context) => {
    const { expect } = context;
    const log = recordingLogger();
    const dataDir = path.join(root, 'orphan');
    const orphan = await start(context, dataDir, await freePort(), log.logger);
    await withPgClient(orphan.url, (c) => c.query('CREATE TABLE t (id int)'));
    const oldPid = await postmasterPid(dataDir);
    // The app dies without calling stop(): the daemon and its postmaster.pid stay.

    const server = await start(context, dataDir, await freePort(), log.logger);
    expect(log.text()).toMatch(/still serves .*stopping it/);
    expect(await postmasterPid(dataDir)).not.toBe(oldPid);
    expect(await scalar(server.url, `SELECT to_regclass('t') IS NOT NULL`)).toBe(true);
  });

  it('starts again after its process group was SIGKILLed, leaving a stale postmaster.pid', async (context) => {
    const { expect } = context;
    const log = recordingLogger();
    const dataDir = path.join(root, 'killed');
    const port = await freePort();
    const victim = await start(context, dataDir, port, log.logger);
    await withPgClient(victim.url, async (c) => {
      await c.query('CREATE TABLE t (id int)');
      await c.query('INSERT INTO t VALUES (42)');
    });
    const pid = await postmasterPid(dataDir);
    process.kill(-pid, 'SIGKILL'); // the postmaster leads its own process group (pg_ctl setsid)
    await waitUntilGone(pid);
    expect(existsSync(path.join(pgdataPath(dataDir), 'postmaster.pid'))).toBe(true);

    const server = await start(context, dataDir, port, log.logger);
    expect(await scalar(server.url, 'SELECT id FROM t')).toBe(42);
    expect(log.text()).toMatch(/stale postmaster\.pid/);
  });

  it('starts at once after its process group was SIGKILLed, while the killed processes are still exiting', async (context) => {
    const { expect } = context;
    const log = recordingLogger();
    const dataDir = path.join(root, 'killed-now');
    const port = await freePort();
    const victim = await start(context, dataDir, port, log.logger);
    await withPgClient(victim.url, (c) => c.query('CREATE TABLE t (id int)'));
    process.kill(-(await postmasterPid(dataDir)), 'SIGKILL');

    const server = await start(context, dataDir, port, log.logger);
    expect(await scalar(server.url, `SELECT to_regclass('t') IS NOT NULL`)).toBe(true);
  });

  it('stops idempotently and frees the port', async (context) => {
    const { expect } = context;
    const port = await freePort();
    const server = await start(context, path.join(root, 'stop'), port, recordingLogger().logger);
    await Promise.all([server.stop(), server.stop()]);
    await server.stop();
    await expect(withPgClient(server.url, (c) => c.query('SELECT 1'))).rejects.toThrow();
    await expect(freePortIs(port)).resolves.toBe(true);
  });

  it('names the port and EMBEDDED_PG_PORT when another program holds the port', async ({ expect }) => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const dataDir = path.join(root, 'taken');
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(
        new RegExp(`Port ${port}.*EMBEDDED_PG_PORT`, 's'),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('puts the Unix socket under the temp dir when the data dir path is too long for it', async (context) => {
    const { expect } = context;
    const dataDir = path.join(root, 'deep', 'x'.repeat(40), 'y'.repeat(40));
    await mkdir(dataDir, { recursive: true });
    const port = await freePort();
    const socketDir = chooseSocketDir(dataDir, port);
    expect(socketDir?.startsWith(os.tmpdir())).toBe(true);
    context.onTestFinished(() => rm(String(socketDir), { recursive: true, force: true }));

    await start(context, dataDir, port, recordingLogger().logger);
    expect(existsSync(path.join(String(socketDir), `.s.PGSQL.${port}`))).toBe(true);
    const viaSocket = `postgresql://postgres@/partner_hub?host=${encodeURIComponent(String(socketDir))}&port=${port}`;
    expect(await scalar(viaSocket, 'SELECT 1')).toBe(1);
  });
});

async function freePortIs(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
