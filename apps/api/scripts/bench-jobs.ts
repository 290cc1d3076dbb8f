/**
 * The jobs part of `npm run bench`: 1,000,000 jobs of one principal on the vehicles and service
 * partners bench-vehicles.ts and bench.ts seeded, measured through the real list service (scope,
 * filters, keyset page and exact total) for principal staff and for a service partner, with the
 * query plans of the filtered pages.
 */
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { graphql } from 'graphql';
import { buildAppSchema } from '../src/app/build-schema.js';
import { contextForViewer } from '../src/app/request-context.js';
import { makeViewer } from '../src/common/auth/viewer.js';
import type { Viewer } from '../src/common/auth/viewer.js';
import type { JobFilterInput } from '../src/modules/job/job.service.js';
import { jobsCsvPieces } from '../src/modules/job/jobs-export.service.js';
import { benchId, seedJobs } from './bench-data.js';

const JOBS = 1_000_000;
const partnerId = (g: number) => benchId('partner', g);

type Timer = (label: string, runs: number, fn: () => Promise<unknown>) => Promise<void>;

/** reads need no mailer, pub/sub or configuration */
const contextOf = (orm: MikroORM, viewer: Viewer) => contextForViewer(orm, null as never, viewer);

export async function benchJobs(orm: MikroORM, time: Timer, principalId: string, partnerCount: number, vehicleCount: number): Promise<void> {
  const connection = orm.em.getConnection();
  const fill = performance.now();
  await seedJobs(connection, principalId, JOBS, vehicleCount, partnerCount);
  process.stdout.write(`\nseeded ${JOBS} jobs in ${((performance.now() - fill) / 1000).toFixed(1)} s\n\n`);

  // 10,000 of them came from one import batch (the list's "import batch" filter)
  const batch = (await connection.execute(
    `insert into import_batch (id, created_at, updated_at, organization_id, kind, status, file_name, created_by_label, row_count, created_count, problems)
     values ('00000000-0000-7000-8000-0000000b0001', now(), now(), ?::uuid, 'JOBS', 'SUCCEEDED', 'bench-jobs.csv', 'bench', 10000, 10000, '[]') returning id`,
    [principalId],
  )) as { id: string }[];
  await connection.execute(`update job set import_batch_id = ? where id in (select id from job where principal_id = ? order by id limit 10000)`, [batch[0]!.id, principalId]);
  await connection.execute('analyze job');

  const staff = makeViewer({ kind: 'USER', userId: null, apiKeyId: null, sessionId: null, sessionExpiresAt: null, organizationId: principalId, organizationKind: 'PRINCIPAL', role: 'ADMIN', label: 'bench' });
  const sp = partnerId(4);
  const root = (await connection.execute(`select organization_id from partner where id = ?`, [sp])) as { organization_id: string }[];
  const technician = makeViewer({
    kind: 'USER', userId: null, apiKeyId: null, sessionId: null, sessionExpiresAt: null,
    organizationId: root[0]?.organization_id ?? '', organizationKind: 'PARTNER', role: 'TECHNICIAN', label: 'bench technician',
    partnerships: [{ partnerId: sp, principalId }],
  });
  const vehicle = benchId('vehicle', 7);
  const today = new Date().toISOString().slice(0, 10);
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

  // the web app's jobs page exactly: the Jobs query with its row fields (vehicle, service partner) and totalCount
  const schema = await buildAppSchema();
  const pageOf = async (viewer: Viewer, filter: JobFilterInput, orderBy = { field: 'CREATED_AT', direction: 'DESC' }, after: string | null = null) => {
    const result = await graphql({ schema, source: JOBS_PAGE, contextValue: contextOf(orm, viewer), variableValues: { first: 50, after, filter, orderBy } });
    if (result.errors?.length) throw new Error(`jobs page failed: ${JSON.stringify(result.errors)}`);
    return result.data as { jobs: { totalCount: number; edges: unknown[]; pageInfo: { endCursor: string | null } } };
  };
  let deep: string | null = null;
  for (let i = 0; i < 40; i++) deep = (await pageOf(staff, { kind: 'INSTALLATION' }, undefined, deep)).jobs.pageInfo.endCursor;

  const scenarios: [string, Viewer, JobFilterInput, { field: string; direction: string }?, string?][] = [
    ['tab (kind) only, newest first', staff, { kind: 'INSTALLATION' }],
    ['tab, page after 8,000 rows', staff, { kind: 'INSTALLATION' }, undefined, deep ?? undefined],
    ['tab + status FAILED', staff, { kind: 'INSTALLATION', status: 'FAILED' }],
    // the bench's service partner 4 holds maintenance jobs only (odd rows)
    ['tab + one service partner', staff, { kind: 'MAINTENANCE', servicePartnerId: sp }],
    ['status FAILED without a tab (API clients)', staff, { status: 'FAILED' }],
    ['tab + one vehicle', staff, { kind: 'INSTALLATION', vehicleId: vehicle }],
    ['tab + scheduled this week', staff, { kind: 'INSTALLATION', scheduledFrom: today, scheduledTo: inAWeek }],
    ['tab + overdue', staff, { kind: 'INSTALLATION', overdue: true }],
    ['tab + import batch', staff, { kind: 'INSTALLATION', importBatchId: batch[0]!.id }],
    ['tab sorted by status', staff, { kind: 'INSTALLATION' }, { field: 'STATUS', direction: 'ASC' }],
    ['technician: its organization\'s jobs (tab)', technician, { kind: 'MAINTENANCE' }],
  ];
  const captured: { label: string; statements: { sql: string; params: unknown[] }[] }[] = [];
  for (const [label, viewer, filter, orderBy, after] of scenarios) {
    const statements = await captureStatements(orm, () => pageOf(viewer, filter, orderBy, after ?? null));
    captured.push({ label, statements });
    await time(`jobs page of 50: ${label} (${statements.length} SQL)`, 10, () => pageOf(viewer, filter, orderBy, after ?? null));
  }

  // the CSV export of a large filtered view, streamed through the service as the download route does
  for (const [label, filter] of [['tab + status FAILED', { kind: 'INSTALLATION', status: 'FAILED' }], ['tab + scheduled this week', { kind: 'INSTALLATION', scheduledFrom: today, scheduledTo: inAWeek }]] as const) {
    let rows = 0;
    let bytes = 0;
    let peak = process.memoryUsage().rss;
    const started = performance.now();
    const statements = await captureStatements(orm, async () => {
      for await (const piece of jobsCsvPieces(contextOf(orm, staff), filter, { field: 'CREATED_AT', direction: 'DESC' })) {
        bytes += Buffer.byteLength(piece);
        rows += piece.split('\n').length - 1;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
    });
    process.stdout.write(
      `jobs export (${label}): ${(rows - 1).toLocaleString('en')} jobs, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s, ${statements.length} SQL statements, peak RSS ${(peak / 1e6).toFixed(0)} MB\n`,
    );
    if (label === 'tab + status FAILED') captured.push({ label: `export ${label} (first three statements)`, statements: statements.slice(0, 3) });
  }

  for (const { label, statements } of captured) {
    process.stdout.write(`\nplans of a jobs page, ${label} — ${statements.length} statements:\n`);
    for (const { sql, params } of statements) {
      process.stdout.write(`  > ${sql.replace(/\s+/g, ' ').slice(0, 300)}${sql.length > 300 ? ' …' : ''}\n`);
      const plan = (await connection.execute(`explain (analyze, costs off, timing off, summary off) ${sql}`, params)) as { 'QUERY PLAN': string }[];
      for (const row of plan) process.stdout.write(`    ${row['QUERY PLAN']}\n`);
    }
  }
}

/** The web app's jobs list query (operations/Jobs.graphql with fragments/JobListFields.graphql). */
const JOBS_PAGE = `query($first: Int, $after: String, $filter: JobFilter, $orderBy: JobOrder) {
  jobs(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id kind status title scheduledFor attempt createdAt vehicle { id vin } servicePartner { id partnerId name } } }
  }
}`;

/** Every SQL statement `run` sends, with its parameters (to count them and to EXPLAIN each). */
export async function captureStatements(orm: MikroORM, run: () => Promise<unknown>): Promise<{ sql: string; params: unknown[] }[]> {
  const statements: { sql: string; params: unknown[] }[] = [];
  const connection = orm.em.getConnection();
  const original = connection.execute.bind(connection);
  connection.execute = ((query: unknown, params: unknown[] = [], ...rest: unknown[]) => {
    if (typeof query === 'string') statements.push({ sql: query, params });
    else statements.push({ sql: String((query as { toString(): string }).toString()), params: [] });
    return (original as (...args: unknown[]) => unknown)(query, params, ...rest);
  }) as typeof connection.execute;
  try {
    await run();
  } finally {
    connection.execute = original;
  }
  return statements;
}
