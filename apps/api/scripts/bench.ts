/**
 * `npm run bench`: measures the hot read paths on a realistic volume and prints their query plans.
 * Runs against a throw-away embedded PostgreSQL (or BENCH_DATABASE_URL), never against your data.
 *
 * - audit log: 200,000 events in one organization (plus 50,000 elsewhere); first page and a deep
 *   keyset page, with and without filters;
 * - partners list: 20,000 partners of one principal (plus 5,000 of another) in a tree; first and
 *   deep keyset pages sorted by name and by Partner ID, search, role filter, one level of the tree;
 * - vehicles list: 200,000 vehicles over that tree (bench-vehicles.ts);
 * - jobs list: 1,000,000 jobs on those vehicles and the tree's service partners (bench-jobs.ts);
 * - vehicles import: a 10,000-row vehicles.csv (5,000 new owners, every row assigned to one of
 *   five partners) checked and committed through the services, three times with fresh VINs;
 * - jobs import: 1,000 / 10,000 / 100,000-row jobs.csv end to end over HTTP with peak memory
 *   (bench-jobs-import.ts; alone: `npx nx run api:bench-jobs-import`);
 * - HTTP read path: three page shapes served by the API process at concurrency 1 and 16, with the
 *   server's CPU per request against raw SQL (bench-http.ts, its own cached database of 1,000,000
 *   jobs; alone: `npx nx run api:bench-http`, smaller: BENCH_HTTP_JOBS=50000);
 * - live subscribers: 1,000 and 10,000 graphql-ws subscribers (mixed principals and partners), one job
 *   change at a time: commit-to-receipt latency, server CPU per delivery, memory per connection; then
 *   two instances through Redis (bench-subscriptions.ts; alone: `npx nx run api:bench-subscriptions`).
 *
 * `BENCH_ONLY=jobs` (any of audit, partners, vehicles, jobs, import, jobs-import, http, subscriptions, comma-separated)
 * measures only those; the partners and vehicles that the jobs need are seeded either way.
 */
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { scopeToOrganization, scopeToSystem } from '../src/common/db/tenant-filter.js';
import { makeOrganization } from '../src/modules/organization/organization.factory.js';
import { makeUser } from '../src/modules/user/user.factory.js';
import { AuditEvent } from '../src/modules/audit/audit-event.entity.js';
import { keysetPage } from '../src/common/graphql/connection.js';
import { Partner } from '../src/modules/partner/partner.entity.js';
import { VEHICLES, benchVehicles } from './bench-vehicles.js';
import { benchJobs } from './bench-jobs.js';
import { benchJobsImport } from './bench-jobs-import.js';
import { benchHttp } from './bench-http.js';
import { benchSubscriptions } from './bench-subscriptions.js';
import { seedPartners } from './bench-data.js';
import { openBenchDatabase } from './bench-database.js';
import { pino } from 'pino';
import { loadEnv } from '../src/config/env.js';
import { createAppPubSub } from '../src/app/pubsub.js';
import { contextForViewer } from '../src/app/request-context.js';
import type { AppDeps, RequestContext } from '../src/common/context/request-context.js';
import { SignInThrottle } from '../src/common/auth/sign-in-throttle.js';
import { makeViewer } from '../src/common/auth/viewer.js';
import { Mailer } from '../src/modules/mail/mailer.js';
import type { User } from '../src/modules/user/user.entity.js';
import { randomVin } from '../src/modules/vehicle/vehicle.factory.js';
import { importVehicles, validateVehiclesImport } from '../src/modules/vehicle/vehicles-import.service.js';

const EVENTS = 200_000;

const ONLY = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim()) ?? null;
const wants = (scenario: string) => ONLY === null || ONLY.includes(scenario);

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  if (!measuring) return;
  await fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2);
  process.stdout.write(`${label.padEnd(52)} median ${p(0.5)} ms   p95 ${p(0.95)} ms   (${runs} runs)\n`);
}

/** whether the scenario being run was asked for (its data is seeded regardless) */
let measuring = true;

const PARTNERS = 20_000;

/** 20,000 partners of one principal in a tree 4 levels deep, 5,000 of another; the list's hot queries. */
async function benchPartners(orm: MikroORM, principalId: string, otherId: string): Promise<void> {
  const connection = orm.em.getConnection();
  const fill = performance.now();
  await seedPartners(connection, principalId, PARTNERS);
  await seedPartners(connection, otherId, PARTNERS / 4, PARTNERS);
  process.stdout.write(`\nseeded ${PARTNERS + PARTNERS / 4} partners in ${((performance.now() - fill) / 1000).toFixed(1)} s\n\n`);
  const scoped = () => {
    const f = orm.em.fork();
    scopeToOrganization(f, principalId);
    return f;
  };
  const page = (where: object, orderBy: 'organization.name' | 'code', after: string | null = null) =>
    keysetPage(scoped(), Partner, { archivedAt: null, ...where }, { first: 50, after, orderBy, direction: 'asc', populate: ['organization'] });
  let deep: string | null = null;
  for (let i = 0; i < 40; i++) deep = (await keysetPage(scoped(), Partner, { archivedAt: null }, { first: 200, after: deep, orderBy: 'organization.name', direction: 'asc', populate: ['organization'] })).pageInfo.endCursor;
  await time('partners: first page of 50 by name', 30, () => page({}, 'organization.name'));
  await time('partners: page of 50 by name after 8,000 rows', 30, () => page({}, 'organization.name', deep));
  await time('partners: first page of 50 by Partner ID', 30, () => page({}, 'code'));
  await time('partners: search by name part, page of 50', 30, () => page({ organization: { name: { $ilike: '%ab%' } } }, 'organization.name'));
  await time('partners: role filter, page of 50', 30, () => page({ role: 'SERVICE_PARTNER' }, 'organization.name'));
  await time('partners: one tree level (children of a root)', 30, () => page({ parent: '00000000-0000-7000-9000-000000000001' }, 'organization.name'));
  process.stdout.write('\nplan of a partners page sorted by name:\n');
  const plan = await connection.execute(
    `explain (analyze, costs off, timing off) select p.*, o.* from partner p join organization o on o.id = p.organization_id
     where p.principal_id = ? and p.archived_at is null order by o.name asc, p.id asc limit 51`,
    [principalId],
  );
  for (const row of plan as { 'QUERY PLAN': string }[]) process.stdout.write(`  ${row['QUERY PLAN']}\n`);
}

const VEHICLE_ROWS = 10_000;

/** A 10,000-row vehicles.csv imported through the services as a principal admin: dry run, then commit, on fresh VINs each run. */
async function benchVehiclesImport(orm: MikroORM, principalId: string, user: User): Promise<void> {
  const logger = pino({ level: 'silent' });
  const env = loadEnv({ NODE_ENV: 'test', SESSION_SECRET: 'bench-session-secret-0123456789', LOG_LEVEL: 'silent' });
  const events = createAppPubSub();
  const deps: AppDeps = { env, logger, mailer: new Mailer(undefined, env.SMTP_FROM, logger), pubSub: events.pubSub, signInThrottle: new SignInThrottle() };
  const viewer = makeViewer({ kind: 'USER', userId: user.id, apiKeyId: null, sessionId: null, sessionExpiresAt: null, organizationId: principalId, organizationKind: 'PRINCIPAL', role: 'ADMIN', label: user.email });
  const context = (): RequestContext => contextForViewer(orm, deps, viewer);
  const codes = ((await orm.em.getConnection().execute('select code from partner where principal_id = ? and archived_at is null order by code limit 5', [principalId])) as { code: string }[]).map((r) => r.code);
  const dry: number[] = [];
  const commit: number[] = [];
  for (let run = 0; run < 3; run++) {
    const lines = ['vin,make,model,year,license_plate,device_serial,device_model,firmware,owner_email,partner_id'];
    for (let i = 0; i < VEHICLE_ROWS; i++) {
      lines.push(`${randomVin()},Aurora,Orion,2024,B-${run}-${i},SN${run}-${i},CloudBoxx 4,4.2.1,run${run}-owner${i % 5000}@owners.example,${codes[i % codes.length]}`);
    }
    const input = { fileName: `bench-${run}.csv`, content: `${lines.join('\n')}\n` };
    const started = performance.now();
    const analysis = await validateVehiclesImport(context(), input);
    if (analysis.plan.problems.length > 0) throw new Error(`bench file has problems: ${JSON.stringify(analysis.plan.problems.slice(0, 3))}`);
    dry.push(performance.now() - started);
    const committed = performance.now();
    const outcome = await importVehicles(context(), input);
    if (outcome.kind !== 'SUCCEEDED') throw new Error('bench import failed');
    commit.push(performance.now() - committed);
  }
  await events.close();
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!.toFixed(0);
  process.stdout.write(`\n${'vehicles import: 10,000 rows, dry run'.padEnd(52)} median ${median(dry)} ms   (3 runs: ${dry.map((d) => d.toFixed(0)).join(', ')})\n`);
  process.stdout.write(`${'vehicles import: 10,000 rows, commit'.padEnd(52)} median ${median(commit)} ms   (3 runs: ${commit.map((d) => d.toFixed(0)).join(', ')})\n`);
}

/** 200,000 audit events in one organization (plus 50,000 elsewhere): first and deep keyset pages, filters. */
async function benchAuditLog(orm: MikroORM, orgId: string, otherId: string, user: User): Promise<void> {
  const em = orm.em.fork();
  const org = { id: orgId };
  const other = { id: otherId };
  const fill = performance.now();
  const connection = em.getConnection();
  await connection.execute(
    `insert into audit_event (id, created_at, updated_at, organization_id, action, object_type, object_id, actor_label, actor_user_id)
     select (lpad(to_hex(floor(extract(epoch from now()) * 1000)::bigint - g), 12, '0') || '700080000000' || lpad(to_hex(g), 8, '0'))::uuid,
            now() - (g || ' seconds')::interval, now(), case when g % 5 = 0 then ?::uuid else ?::uuid end,
            (array['user.create','user.update','apiKey.create','session.create'])[1 + g % 4], 'User', md5(g::text), 'bench', ?::uuid
     from generate_series(1, ?) g`,
    [other.id, org.id, user.id, EVENTS + EVENTS / 4],
  );
  await connection.execute('analyze audit_event');
  process.stdout.write(`seeded ${EVENTS + EVENTS / 4} audit events in ${((performance.now() - fill) / 1000).toFixed(1)} s\n\n`);

  const scoped = () => {
    const f = orm.em.fork();
    scopeToOrganization(f, org.id);
    return f;
  };
  let deepCursor: string | null = null;
  {
    let after: string | null = null;
    for (let i = 0; i < 40; i++) after = (await keysetPage(scoped(), AuditEvent, {}, { first: 200, after, orderBy: 'id', direction: 'desc' })).pageInfo.endCursor;
    deepCursor = after;
  }
  await time('audit log: first page of 50', 50, () => keysetPage(scoped(), AuditEvent, {}, { first: 50, orderBy: 'id', direction: 'desc' }));
  await time('audit log: page of 50 after 8,000 rows', 50, () => keysetPage(scoped(), AuditEvent, {}, { first: 50, after: deepCursor, orderBy: 'id', direction: 'desc' }));
  await time('audit log: action filter, first page of 50', 50, () => keysetPage(scoped(), AuditEvent, { action: 'user.update' }, { first: 50, orderBy: 'id', direction: 'desc' }));
  await time('audit log: one object\'s history', 50, () => keysetPage(scoped(), AuditEvent, { objectType: 'User', objectId: 'c4ca4238a0b923820dcc509a6f75849b' }, { first: 50, orderBy: 'id', direction: 'desc' }));

  process.stdout.write('\nplan of a deep page (keyset on the primary key inside the organization index):\n');
  const plan = await connection.execute(
    `explain (analyze, costs off, timing off) select * from audit_event where organization_id = ? and id < ? order by id desc limit 51`,
    [org.id, '01900000-0000-7000-8000-000000000000'],
  );
  for (const row of plan as { 'QUERY PLAN': string }[]) process.stdout.write(`  ${row['QUERY PLAN']}\n`);
}

const database = await openBenchDatabase('ph-bench-');
const { orm } = database;
try {
  const em = orm.em.fork();
  scopeToSystem(em);
  const org = makeOrganization(em, 'PRINCIPAL', { name: 'Bench Principal' });
  const other = makeOrganization(em, 'PRINCIPAL', { name: 'Other Principal' });
  const user = await makeUser(em, org, { role: 'ADMIN', email: `bench-${Date.now()}@bench.example` });
  await em.flush();

  if (wants('audit')) await benchAuditLog(orm, org.id, other.id, user);
  if (['partners', 'vehicles', 'jobs'].some(wants)) {
    measuring = wants('partners');
    await benchPartners(orm, org.id, other.id);
    measuring = wants('vehicles');
    await benchVehicles(orm, time, org.id, other.id, PARTNERS);
    measuring = wants('jobs');
    if (measuring) await benchJobs(orm, time, org.id, PARTNERS, VEHICLES);
  }
  measuring = true;
  if (wants('import')) await benchVehiclesImport(orm, org.id, user);
  if (wants('jobs-import')) await benchJobsImport(orm);
  if (wants('http')) await benchHttp();
  if (wants('subscriptions')) await benchSubscriptions();
  process.stdout.write('\nnote: totalCount (a count over all matching rows) dominates these timings; it is exact by design.\n');
} finally {
  await database.close();
}
