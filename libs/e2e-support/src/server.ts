/**
 * Starts the built Partner Hub server (`apps/api/dist/main.js`) as a child process, exactly as
 * `npm start` would run it, on free ports and a fresh embedded PostgreSQL under the OS temp dir.
 *
 * Shared by the api e2e suite (Jest, CommonJS) and the browser suite (Vitest, ESM): it uses no
 * CommonJS- or ESM-only feature.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * How long a start may take until /readyz answers. A first start runs initdb, the migrations and the demo seed:
 * on a 2-core machine shared with other work that took over 60 s (initdb alone 19 s). Starts from the run's
 * template data dir (see prepareTemplateDataDir) skip all three and take a few seconds; the bound is for the rest.
 */
const READY_TIMEOUT_MS = 180_000;
/**
 * Time to give a hook or test per server it starts: the readiness limit plus clean-up, so
 * that a slow start fails with the server's output rather than with a bare runner timeout.
 */
export const SERVER_START_BUDGET_MS = 210_000;
/**
 * Names the DATA_DIR of a server that was started once and stopped: its PostgreSQL cluster initialised,
 * migrated and seeded with the demo. Each startServer without its own dataDir starts on a copy of it.
 */
export const TEMPLATE_DATA_DIR_ENV = 'PH_E2E_TEMPLATE_DATA_DIR';
const STOP_TIMEOUT_MS = 30_000;
/** Lines of the server's combined stdout/stderr kept for failure messages. */
const OUTPUT_TAIL_LINES = 80;

export interface StartServerOptions {
  /** Reuse this DATA_DIR (e.g. to restart on the same data); a fresh temp dir otherwise. */
  dataDir?: string;
  /** Extra or overriding environment variables for the server. */
  env?: Record<string, string | undefined>;
}

export interface StopOptions {
  /** Keep DATA_DIR on disk (to start another server on it); it is removed otherwise. */
  keepDataDir?: boolean;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** How long the server took from SIGTERM to exit. */
  ms: number;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** `ws://127.0.0.1:<port>/graphql` */
  wsUrl: string;
  /** The server's DATA_DIR (the embedded PostgreSQL keeps its cluster somewhere inside). */
  dataDir: string;
  pid: number;
  /** The last lines the server printed (stdout and stderr interleaved). */
  outputTail(): string;
  /**
   * Sends SIGTERM, waits for the process to exit, checks that the embedded PostgreSQL of its
   * data dir was stopped, and removes the data dir (unless `keepDataDir`). Rejects when the
   * server does not exit in time or leaves PostgreSQL running. Safe to call more than once.
   */
  stop(options?: StopOptions): Promise<ServerExit>;
}

/** The workspace root: the nearest directory above the current one that holds nx.json. */
export function workspaceRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No nx.json found above ${from}; run the e2e tests inside the workspace.`);
    dir = parent;
  }
}

/**
 * A TCP port that was free a moment ago, drawn at random from outside the kernel's ephemeral
 * range: the server binds it seconds later (after initdb), and in the meantime any outgoing
 * connection (the server's own pool to PostgreSQL, say) may be handed an ephemeral port.
 */
export async function freePort(): Promise<number> {
  const [low, high] = portRange();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await canListen(port)) return port;
  }
  throw new Error(`No free port found between ${low} and ${high}.`);
}

/** How many times a start is retried when a chosen port was taken in the meantime. */
const START_ATTEMPTS = 3;

/**
 * Starts the server and resolves once GET /readyz answers 200. Rejects (with the end of the
 * server's output) when it exits early or is not ready within 60 s; the process is killed then.
 * A start that fails because a port was taken meanwhile is retried on other ports.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const root = workspaceRoot();
  const mainJs = path.join(root, 'apps/api/dist/main.js');
  if (!existsSync(mainJs)) {
    throw new Error(`${mainJs} does not exist: build the server first (npx nx run api:build).`);
  }
  const createdDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? freshDataDir();
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(mainJs, root, dataDir, options.env ?? {});
    } catch (error) {
      if (error instanceof StartError && error.portTaken && attempt < START_ATTEMPTS) continue;
      if (createdDataDir) rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }
}

/** A new temp DATA_DIR: a copy of the run's template data dir when there is one, empty otherwise. */
function freshDataDir(): string {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ph-e2e-'));
  const template = process.env[TEMPLATE_DATA_DIR_ENV];
  // `cp -a` keeps owners and modes: PostgreSQL refuses a cluster that is not its server user's, mode 0700.
  if (template && existsSync(template)) execFileSync('cp', ['-a', `${template}/.`, dataDir]);
  return dataDir;
}

/**
 * Once per test run (a global setup): starts a server on a fresh DATA_DIR — initdb, migrations, demo seed — stops
 * it, and names its data dir in TEMPLATE_DATA_DIR_ENV, so that every later start copies a ready cluster (a second
 * or two) instead of repeating that work. Returns the clean-up that removes the template.
 */
export async function prepareTemplateDataDir(): Promise<() => void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ph-e2e-template-'));
  try {
    await (await startServer({ dataDir })).stop({ keepDataDir: true });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  process.env[TEMPLATE_DATA_DIR_ENV] = dataDir;
  return () => {
    delete process.env[TEMPLATE_DATA_DIR_ENV];
    rmSync(dataDir, { recursive: true, force: true });
  };
}

class StartError extends Error {
  constructor(
    message: string,
    readonly portTaken: boolean,
  ) {
    super(message);
  }
}

async function launch(
  mainJs: string,
  root: string,
  dataDir: string,
  extraEnv: Record<string, string | undefined>,
): Promise<RunningServer> {
  const [port, pgPort] = await distinctFreePorts();
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Run the server as `npm start` would: no test-runner NODE_ENV, no outside services.
  for (const name of ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'PUBLIC_URL', 'WEB_DIST', 'HOST']) {
    delete env[name];
  }
  Object.assign(env, {
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    // the demo holds still in tests (npm start would move it): a test that wants it passes SIMULATE_TECHNICIANS=1
    SIMULATE_TECHNICIANS: '0',
    LOG_LEVEL: 'info',
  });
  for (const [name, value] of Object.entries(extraEnv)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  const child = spawn(process.execPath, [mainJs], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Only our own child's announcement proves that /readyz answers from it, not from whatever
  // else may have taken the port meanwhile.
  const output = collectOutput(child, new RegExp(`listening on http://[^\\s:"]+:${port}\\b`));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((info) => (exitInfo = info));

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(baseUrl, () => exitInfo, output.seen);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await stopLeftoverPostgres(dataDir);
    const tail = output.tail();
    throw new StartError(
      `The server did not become ready (${(error as Error).message}).\n` +
        `Command: node ${mainJs} (PORT=${port} EMBEDDED_PG_PORT=${pgPort} DATA_DIR=${dataDir})\n` +
        `Last output:\n${tail}`,
      /EADDRINUSE|already in use/.test(tail),
    );
  }

  let stopping: Promise<ServerExit> | undefined;
  const stop = (stopOptions: StopOptions = {}): Promise<ServerExit> => {
    stopping ??= (async () => {
      const startedAt = Date.now();
      if (!exitInfo) child.kill('SIGTERM');
      const exit = await Promise.race([
        exited,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), STOP_TIMEOUT_MS).unref()),
      ]);
      if (!exit) {
        child.kill('SIGKILL');
        await exited;
        await stopLeftoverPostgres(dataDir);
        throw new Error(`The server did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM.\nLast output:\n${output.tail()}`);
      }
      const leftovers = postmastersOf(dataDir);
      if (leftovers.length > 0) {
        await stopLeftoverPostgres(dataDir);
        throw new Error(
          `The server exited (code ${exit.code}, signal ${exit.signal}) but left the embedded PostgreSQL ` +
            `running (${leftovers.map((p) => `pid ${p.pid} on ${p.pgdata}`).join(', ')}).\nLast output:\n${output.tail()}`,
        );
      }
      if (!stopOptions.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
      return { ...exit, ms: Date.now() - startedAt };
    })();
    return stopping;
  };

  return {
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    dataDir,
    pid: child.pid ?? -1,
    outputTail: output.tail,
    stop,
  };
}

/** A running PostgreSQL server (postmaster) and the cluster directory it serves. */
export interface Postmaster {
  pid: number;
  /** the `-D` directory */
  pgdata: string;
}

/**
 * Running PostgreSQL postmasters whose cluster lies inside `dataDir` (read from /proc: pg_ctl
 * starts them as `postgres -D <pgdata> ...`; where under DATA_DIR is the server's business).
 * Empty when none runs, or where there is no /proc.
 */
export function postmastersOf(dataDir: string): Postmaster[] {
  const root = path.resolve(dataDir);
  const found: Postmaster[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    let stat: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') continue;
    const args = cmdline.split('\0').filter((arg) => arg !== '');
    if (path.basename(args[0] ?? '') !== 'postgres') continue;
    const d = args.indexOf('-D');
    const pgdata = d >= 0 && args[d + 1] !== undefined ? path.resolve(args[d + 1]) : undefined;
    if (pgdata && (pgdata === root || pgdata.startsWith(root + path.sep))) found.push({ pid: Number(entry), pgdata });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

/** Free ports are drawn from below the ephemeral range (or above it when it starts low). */
function portRange(): [number, number] {
  let ephemeral: [number, number] = [32768, 60999]; // Linux default
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && high) ephemeral = [low, high];
  } catch {
    // not Linux: keep the default
  }
  return ephemeral[0] > 12_000 ? [10_000, ephemeral[0]] : [ephemeral[1] + 1, 65_535];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    // The wildcard address conflicts with any listener on the port, 127.0.0.1 included.
    probe.listen({ port, host: '0.0.0.0', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

async function distinctFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  for (;;) {
    const second = await freePort();
    if (second !== first) return [first, second];
  }
}

/** Keeps the last lines the child prints, and notes whether a line matching `watch` appeared. */
function collectOutput(child: ChildProcess, watch: RegExp): { tail: () => string; seen: () => boolean } {
  const lines: string[] = [];
  let partial = '';
  let seen = false;
  const onData = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    if (!seen && parts.some((line) => watch.test(line))) seen = true;
    lines.push(...parts);
    if (lines.length > OUTPUT_TAIL_LINES) lines.splice(0, lines.length - OUTPUT_TAIL_LINES);
    if (process.env.E2E_SERVER_OUTPUT === '1') process.stderr.write(chunk);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    tail: () => [...lines, partial].filter((line) => line !== '').join('\n') || '(no output)',
    seen: () => seen,
  };
}

async function waitUntilReady(
  baseUrl: string,
  exitInfo: () => { code: number | null; signal: NodeJS.Signals | null } | undefined,
  announced: () => boolean,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    const exit = exitInfo();
    if (exit) throw new Error(`it exited with code ${exit.code}, signal ${exit.signal}`);
    if (!announced()) {
      last = 'it has not printed "listening on" its port yet';
    } else {
      try {
        const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
        if (response.status === 200) return;
        last = `GET /readyz answered ${response.status}: ${(await response.text()).slice(0, 200)}`;
      } catch (error) {
        last = `GET /readyz failed: ${(error as Error).message}`;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS} ms; ${last}`);
}

/** Last resort after a failure: stop a PostgreSQL the server left behind so it does not leak. */
async function stopLeftoverPostgres(dataDir: string): Promise<void> {
  for (const { pid } of postmastersOf(dataDir)) {
    try {
      process.kill(pid, 'SIGQUIT'); // immediate shutdown
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 10_000;
  while (postmastersOf(dataDir).length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
