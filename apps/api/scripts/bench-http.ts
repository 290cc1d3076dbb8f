/**
 * The read path over real HTTP (part of `npm run bench`, alone: `npx nx run api:bench-http`).
 * Three page shapes, each served by the API in a process of its own (bench-http-server.ts) to an
 * API key of principal staff, at concurrency 1 and 16: req/s, p50/p95/p99 latency and the
 * server's CPU time per request — next to the floor, the same rows read as raw SQL through `pg`
 * (and serialized to JSON) in this process. Then a jobs page after 400,000 rows against the first
 * page, and a tab's `totalCount` alone.
 *
 * Data: BENCH_HTTP_JOBS jobs (default 1,000,000), a fifth as many vehicles, a hundredth as many
 * partners (at least 1,000) with organizations and owners, plus a quarter of the partners and
 * vehicles for a second principal; built set-based (bench-data.ts) once into the database
 * `bench_http_<jobs>` and reused by every later run (drop it, or delete BENCH_HTTP_DIR, to rebuild).
 * It lives on an embedded PostgreSQL in BENCH_HTTP_DIR (default <tmp>/partner-hub-bench-http) or on
 * the server of BENCH_DATABASE_URL. BENCH_HTTP_SECONDS (default 15) is how long each load runs, after
 * BENCH_HTTP_WARMUP (default 3,000) requests of the page at concurrency 4;
 * BENCH_HTTP_CPU_PROF=<dir> makes the server write a V8 CPU profile there; BENCH_HTTP_ONLY=jobs,tab runs only those parts
 * (partners, jobs, vehicle, vehicles, tab).
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/db/mikro-orm.config.js';
import { scopeToSystem } from '../src/common/db/tenant-filter.js';
import { encodeCursor } from '../src/common/graphql/connection.js';
import { makeOrganization } from '../src/modules/organization/organization.factory.js';
import { makeApiKey } from '../src/modules/api-key/api-key.factory.js';
import { benchId, seedAssignments, seedJobs, seedOwners, seedPartners, seedVehicles } from './bench-data.js';
import type { ServerMessage } from './bench-http-server.js';
import { openMigratedOrm, startBenchServer, withDatabase } from './bench-database.js';
import { readPrincipalSnapshot } from '../src/modules/dashboard/dashboard.snapshot.js';

/** the part of `pg` (untyped here) the bench uses */
interface Pg {
  query<R = Record<string, unknown>>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
  end(): Promise<void>;
}
const pg = createRequire(import.meta.url)('pg') as {
  Client: new (options: { connectionString: string }) => Pg & { connect(): Promise<void> };
  Pool: new (options: { connectionString: string; max: number }) => Pg;
};

const JOBS = Number(process.env['BENCH_HTTP_JOBS'] ?? 1_000_000);
const VEHICLES = Math.floor(JOBS / 5);
const PARTNERS = Math.max(1000, Math.floor(JOBS / 100));
const SECONDS = Number(process.env['BENCH_HTTP_SECONDS'] ?? 15);
/** requests each page is sent before it is measured (at concurrency 4) */
const WARMUP = Number(process.env['BENCH_HTTP_WARMUP'] ?? 3000);
const CPU_PROF = process.env['BENCH_HTTP_CPU_PROF'];
/** BENCH_HTTP_ONLY=jobs,partners,vehicle,vehicles,tab: only these parts (tab: the deep page and the total) */
const ONLY = process.env['BENCH_HTTP_ONLY']?.split(',');
const runs = (part: string) => !ONLY || ONLY.includes(part);
/** hashes the bench's API key: the same in every run, so a cached database's key keeps working */
const SESSION_SECRET = 'bench-http-session-secret-0123456789';
/** vehicle 9: assigned to a partner, with an owner and a user (bench-data.ts) */
const VEHICLE = benchId('vehicle', 9);
/** how deep the "deep page" starts: 400,000 rows into a tab, or most of a smaller one */
const DEEP_ROWS = Math.min(400_000, Math.floor(JOBS * 0.4));

interface Built {
  principalId: string;
  token: string;
}

interface Page {
  /** its name in BENCH_HTTP_ONLY */
  name: 'partners' | 'jobs' | 'vehicle' | 'vehicles';
  label: string;
  query: string;
  variables: Record<string, unknown>;
  /** the same rows as raw SQL through pg: the floor */
  floor: (client: Pg, principalId: string) => Promise<unknown>;
}

const PAGES: Page[] = [
  {
    name: 'partners',
    label: 'partners by name, with parent name, sub-partner and vehicle counts',
    query: `query($first: Int!) { partners(first: $first, orderBy: { field: NAME, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      edges { node { id partnerId name role status parent { id name } subPartnerCount vehicleCount } } } }`,
    variables: { first: 50 },
    floor: (client, principalId) =>
      client.query(
        `select p.id, p.code, o.name, p.role, p.status, pp.id as parent_id, po.name as parent_name,
                (select count(*) from partner c where c.principal_id = p.principal_id and c.parent_id = p.id and c.archived_at is null) as sub_partner_count,
                (select count(*) from vehicle_assignment a where a.partner_id = p.id and a.unassigned_at is null) as vehicle_count
           from partner p join organization o on o.id = p.organization_id
           left join partner pp on pp.id = p.parent_id left join organization po on po.id = pp.organization_id
          where p.principal_id = $1 and p.archived_at is null
          order by o.name, p.id limit 51`,
        [principalId],
      ),
  },
  {
    name: 'jobs',
    label: 'jobs of one status and kind, newest first, with VIN and service partner',
    query: `query($first: Int!, $after: String, $filter: JobFilter) { jobs(first: $first, after: $after, filter: $filter, orderBy: { field: CREATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id kind status title scheduledFor attempt createdAt vehicle { id vin } servicePartner { id partnerId name } } } } }`,
    variables: { first: 50, filter: { kind: 'INSTALLATION', status: 'FAILED' } },
    floor: (client, principalId) =>
      client.query(
        `select j.id, j.kind, j.status, j.title, j.scheduled_for, j.attempt, j.created_at, v.id as vehicle_id, v.vin, sp.id as sp_id, sp.code, o.name
           from job j join vehicle v on v.id = j.vehicle_id
           left join partner sp on sp.id = j.service_partner_id left join organization o on o.id = sp.organization_id
          where j.principal_id = $1 and j.deleted_at is null and j.kind = 'INSTALLATION' and j.status = 'FAILED'
          order by j.created_at desc, j.id desc limit 51`,
        [principalId],
      ),
  },
  {
    name: 'vehicle',
    label: 'one vehicle with owners and assignments',
    query: `query($id: ID!) { vehicle(id: $id) { id vin make model year plate deviceSerial
      owners { id kind owner { id email name } }
      assignments { id assignedAt partner { id partnerId name } } } }`,
    variables: { id: VEHICLE },
    floor: async (client, principalId) => [
      await client.query(
        `select id, vin, make, model, year, plate, device_serial from vehicle where id = $1 and principal_id = $2`,
        [VEHICLE, principalId],
      ),
      await client.query(
        `select a.id, a.kind, o.id as owner_id, o.email, o.name from owner_vehicle_access a join owner o on o.id = a.owner_id where a.vehicle_id = $1 and a.principal_id = $2`,
        [VEHICLE, principalId],
      ),
      await client.query(
        `select a.id, a.assigned_at, p.id as partner_id, p.code, o.name from vehicle_assignment a join partner p on p.id = a.partner_id join organization o on o.id = p.organization_id
          where a.vehicle_id = $1 and a.principal_id = $2 and a.unassigned_at is null`,
        [VEHICLE, principalId],
      ),
    ],
  },
  {
    name: 'vehicles',
    label: 'vehicles newest first, with principal name, current partners and the tab\'s total (the web app\'s list)',
    query: `query($first: Int!) { vehicles(first: $first) { totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id vin principalName make model year plate deviceSerial deviceModel firmware archivedAt createdAt heldOutOfView
        assignments { id assignedAt partner { id partnerId name } } } } } }`,
    variables: { first: 50 },
    floor: async (client, principalId) => {
      const page = await client.query<{ id: string }>(
        `select v.id, v.vin, o.name as principal_name, v.make, v.model, v.year, v.plate, v.device_serial, v.device_model, v.firmware, v.archived_at, v.created_at
           from vehicle v join organization o on o.id = v.principal_id
          where v.principal_id = $1 and v.archived_at is null order by v.created_at desc, v.id desc limit 51`,
        [principalId],
      );
      return [
        page,
        await client.query(`select sum(n) from vehicle_count where principal_id = $1 and not archived`, [principalId]),
        await client.query(
          `select a.id, a.vehicle_id, a.assigned_at, a.unassigned_at, p.id as partner_id, p.code, o.name from vehicle_assignment a
             join partner p on p.id = a.partner_id join organization o on o.id = p.organization_id
            where a.vehicle_id = any($1::uuid[]) and a.principal_id = $2`,
          [`{${page.rows.map((r) => r.id).join(',')}}`, principalId],
        ),
      ];
    },
  },
];

const TAB_QUERY = `query($first: Int!, $after: String) { jobs(first: $first, after: $after, filter: { kind: INSTALLATION }, orderBy: { field: CREATED_AT, direction: DESC }) {
  pageInfo { hasNextPage endCursor } edges { node { id kind status title createdAt vehicle { id vin } servicePartner { id partnerId name } } } } }`;
const TAB_TOTAL_QUERY = `{ jobs(first: 1, filter: { kind: INSTALLATION }) { totalCount } }`;
/** the web dashboard's first load (libs/graphql-client/fragments/DashboardFields.graphql, trimmed of nothing that costs a read) */
const DASHBOARD_QUERY = `{ dashboard { scope readAt today total overdue statusCounts { status count } kindCounts { kind count overdue }
  servicePartnerCount servicePartners { partnerId name overdue progress { total pending assigned running succeeded failed cancelled } }
  importBatches { id fileName status rowCount processedRows progress { total succeeded failed } }
  overdueJobs { id title kind status scheduledFor servicePartnerName } openJobs { id }
  recentEvents { id at type fromStatus toStatus actorLabel jobId jobTitle jobKind } daily { day succeeded failed } } }`;

/** The bench database: reused when a previous run finished building it, else (re)built. */
async function benchDatabase(serverUrl: string): Promise<{ url: string; built: Built }> {
  const name = `bench_http_${JOBS}`;
  const url = withDatabase(serverUrl, name);
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount) {
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      try {
        const ready = await db
          .query<{ principal_id: string; token: string }>(`select principal_id, token from bench_http_ready`)
          .catch(() => null);
        if (ready?.rows[0]) {
          process.stdout.write(`reusing the bench database ${name}\n`);
          return { url, built: { principalId: ready.rows[0].principal_id, token: ready.rows[0].token } };
        }
      } finally {
        await db.end();
      }
      await admin.query(`drop database ${name}`);
    }
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return { url, built: await build(url) };
}

async function build(url: string): Promise<Built> {
  const started = performance.now();
  const orm = await openMigratedOrm(url);
  try {
    const em = orm.em.fork();
    scopeToSystem(em);
    const principal = makeOrganization(em, 'PRINCIPAL', { name: 'HTTP Bench Principal' });
    const other = makeOrganization(em, 'PRINCIPAL', { name: 'Other Principal' });
    const { token } = makeApiKey(em, principal, { role: 'ADMIN', name: 'bench' }, SESSION_SECRET);
    await em.flush();
    const connection = orm.em.getConnection();
    const step = async (label: string, run: () => Promise<void>) => {
      const t = performance.now();
      await run();
      process.stdout.write(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    };
    process.stdout.write(
      `building bench_http_${JOBS}: ${PARTNERS} partners, ${VEHICLES} vehicles, ${JOBS} jobs (+ a quarter of the partners and vehicles for another principal)\n`,
    );
    await step('partners', async () => {
      await seedPartners(connection, principal.id, PARTNERS);
      await seedPartners(connection, other.id, PARTNERS / 4, PARTNERS);
    });
    await step('vehicles and assignments', async () => {
      await seedVehicles(connection, principal.id, VEHICLES);
      await seedVehicles(connection, other.id, VEHICLES / 4, VEHICLES);
      await seedAssignments(connection, principal.id, VEHICLES, PARTNERS);
    });
    await step('owners', () => seedOwners(connection, principal.id, VEHICLES));
    await step('jobs', () => seedJobs(connection, principal.id, JOBS, VEHICLES, PARTNERS));
    await connection.execute(
      `create table bench_http_ready as select ?::uuid as principal_id, ?::text as token`,
      [principal.id, token],
    );
    process.stdout.write(`built in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    return { principalId: principal.id, token };
  } finally {
    await orm.close(true);
  }
}

/** The API in its own process, with its CPU time on request. */
async function startApi(
  databaseUrl: string,
): Promise<{ url: string; cpu: () => Promise<number>; stop: () => Promise<void> }> {
  const child: ChildProcess = fork(
    join(dirname(fileURLToPath(import.meta.url)), 'bench-http-server.ts'),
    [],
    {
      // BENCH_HTTP_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools)
      execArgv: [
        ...process.execArgv.filter((a) => a !== '--expose-gc'),
        ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []),
      ],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        BENCH_HTTP_DATABASE_URL: databaseUrl,
        BENCH_HTTP_SESSION_SECRET: SESSION_SECRET,
      },
    },
  );
  const next = () =>
    new Promise<ServerMessage>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the bench server exited (${code})`));
      child.once('exit', exited);
      child.once('message', (m) => {
        child.off('exit', exited);
        resolve(m as ServerMessage);
      });
    });
  const ready = await next();
  if (!('url' in ready)) throw new Error('the bench server did not start');
  return {
    url: ready.url,
    /** the server's user + system CPU time so far, in ms */
    cpu: async () => {
      const answer = next();
      child.send('cpu');
      const m = await answer;
      if (!('cpu' in m)) throw new Error('unexpected answer');
      return (m.cpu.user + m.cpu.system) / 1000;
    },
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await exited;
    },
  };
}

interface Run {
  requests: number;
  seconds: number;
  latencies: number[];
  cpuMs: number;
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** `concurrency` clients sending `body` back to back for `seconds` (or `count` requests in all), every answer checked. */
async function load(
  api: { url: string; cpu: () => Promise<number> },
  token: string,
  body: string,
  concurrency: number,
  limit: { seconds?: number; count?: number },
): Promise<Run> {
  const latencies: number[] = [];
  const cpuBefore = await api.cpu();
  const started = performance.now();
  const deadline = started + (limit.seconds ?? Infinity) * 1000;
  let sent = 0;
  const client = async () => {
    while (performance.now() < deadline && sent < (limit.count ?? Infinity)) {
      sent += 1;
      const t = performance.now();
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors"'))
        throw new Error(`request failed (${response.status}): ${text.slice(0, 500)}`);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = (await api.cpu()) - cpuBefore;
  return { requests: latencies.length, seconds, latencies: latencies.sort((a, b) => a - b), cpuMs };
}

/** CPU time of this process per call of `run`, sequentially over `count` calls (ms). */
async function cpuPerCall(count: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / count;
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** The plan of every statement of the dashboard's snapshot (EXPLAIN ANALYZE): each reads an index or a counter table. */
async function printDashboardPlans(url: string, principalId: string): Promise<void> {
  const orm = await MikroORM.init(ormConfig(url));
  try {
    const connection = orm.em.getConnection();
    const plans: string[] = [];
    const explaining = {
      execute: async (sql: string, params: unknown[] = []) => {
        const started = performance.now();
        const rows = (await connection.execute(
          `explain (analyze, costs off, timing off, summary on) ${sql}`,
          params,
        )) as { 'QUERY PLAN': string }[];
        plans.push(
          `-- ${sql.replace(/\s+/g, ' ').slice(0, 120)}… (${ms(performance.now() - started)} ms)\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`,
        );
        return connection.execute(sql, params);
      },
    };
    // a partner's own lists too: the partner with the most jobs
    const [busiest] = (await connection.execute(
      `select service_partner_id as id from job_count where principal_id = ? and service_partner_id is not null group by 1 order by sum(n) desc limit 1`,
      [principalId],
    )) as { id: string }[];
    await readPrincipalSnapshot(explaining, principalId, busiest ? [busiest.id] : []);
    process.stdout.write(
      `\nThe dashboard snapshot's statements (one principal, and the lists of its busiest partner):\n\n\`\`\`\n${plans.join('\n\n')}\n\`\`\`\n`,
    );
  } finally {
    await orm.close(true);
  }
}

/** Runs the HTTP scenario; builds its database on first use. */
export async function benchHttp(): Promise<void> {
  const server = await startBenchServer({
    prefix: 'ph-bench-http-',
    dataDir: process.env['BENCH_HTTP_DIR'] ?? join(tmpdir(), 'partner-hub-bench-http'),
  });
  try {
    const { url, built } = await benchDatabase(server.url);
    // migrations added since the database was built
    await (await openMigratedOrm(url)).close(true);
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const api = await startApi(url);
    try {
      const request = (query: string, variables: Record<string, unknown>) =>
        JSON.stringify({ query, variables });
      process.stdout.write(
        `\nHTTP read path: ${JOBS.toLocaleString('en')} jobs, ${VEHICLES.toLocaleString('en')} vehicles, ${PARTNERS.toLocaleString('en')} partners; ` +
          `${SECONDS} s per load; load average ${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')}\n\n`,
      );
      process.stdout.write(
        '| page | concurrency | req/s | p50 | p95 | p99 | server CPU / request | floor: pg CPU / request | ratio |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n',
      );
      for (const page of PAGES.filter((p) => runs(p.name))) {
        const body = request(page.query, page.variables);
        // warm up: pools, caches, the JIT and the heap's sizing — a page's CPU per request keeps falling
        // over its first ~2,000 requests (measured: 8 → 4 ms for partners); the figures are the steady
        // state of a long-running server, not its first seconds
        await load(api, built.token, body, 4, { count: WARMUP });
        const floor = await cpuPerCall(100, async () =>
          JSON.stringify((await page.floor(pool, built.principalId)) as object),
        );
        for (const concurrency of [1, 16]) {
          const run = await load(api, built.token, body, concurrency, { seconds: SECONDS });
          const cpu = run.cpuMs / run.requests;
          process.stdout.write(
            `| ${page.label} | ${concurrency} | ${(run.requests / run.seconds).toFixed(1)} | ${ms(percentile(run.latencies, 0.5))} ms | ${ms(percentile(run.latencies, 0.95))} ms | ` +
              `${ms(percentile(run.latencies, 0.99))} ms | ${ms(cpu)} ms | ${ms(floor)} ms | ${(cpu / floor).toFixed(0)}× |\n`,
          );
        }
      }

      // deep keyset page and a tab's total, one request at a time
      if (!runs('tab')) return;
      const deep = await pool.query<{ created_at: Date; id: string }>(
        `select created_at, id from job where principal_id = $1 and deleted_at is null and kind = 'INSTALLATION' order by created_at desc, id desc offset $2 limit 1`,
        [built.principalId, DEEP_ROWS - 1],
      );
      const cursor = encodeCursor(deep.rows[0]!.created_at, deep.rows[0]!.id);
      process.stdout.write(
        `\n| one request at a time (20 runs) | p50 | p95 | server CPU / request |\n| --- | --- | --- | --- |\n`,
      );
      for (const [label, body] of [
        ['jobs tab (kind), first page of 50', request(TAB_QUERY, { first: 50 })],
        [
          `jobs tab (kind), page of 50 after ${DEEP_ROWS.toLocaleString('en')} rows`,
          request(TAB_QUERY, { first: 50, after: cursor }),
        ],
        [
          `a tab's totalCount (${(JOBS / 2).toLocaleString('en')} of ${JOBS.toLocaleString('en')} jobs)`,
          request(TAB_TOTAL_QUERY, {}),
        ],
        [
          'the dashboard, first load (principal staff: counts, partners, overdue, feed, 30 days)',
          request(DASHBOARD_QUERY, {}),
        ],
      ] as const) {
        await load(api, built.token, body, 1, { count: 2 });
        const run = await load(api, built.token, body, 1, { count: 20 });
        process.stdout.write(
          `| ${label} | ${ms(percentile(run.latencies, 0.5))} ms | ${ms(percentile(run.latencies, 0.95))} ms | ${ms(run.cpuMs / run.requests)} ms |\n`,
        );
      }
      await printDashboardPlans(url, built.principalId);
    } finally {
      await api.stop();
      await pool.end();
    }
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchHttp();
