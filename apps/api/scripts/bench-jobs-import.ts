/**
 * The jobs import part of `npm run bench`, also runnable alone: `npx nx run api:bench-jobs-import`.
 * End to end through the real HTTP server in this process, as the web app does it: sign in, upload
 * the file (POST /imports/uploads), dry run (validateJobsImport), start the import
 * (startJobsImport) and wait until its batch is SUCCEEDED. Files of 1,000, 10,000 and 100,000 rows
 * (half of them assigned to a service partner, so they also write ASSIGN events and access
 * grants). The process's RSS and heap are sampled every 10 ms during each run: their peak over
 * the baseline shows whether memory grows with the file.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { pino } from 'pino';
import { scopeToSystem } from '../src/common/db/tenant-filter.js';
import { makeOrganization } from '../src/modules/organization/organization.factory.js';
import { makeUser } from '../src/modules/user/user.factory.js';
import { makePartner } from '../src/modules/partner/partner.factory.js';
import { loadEnv } from '../src/config/env.js';
import { createAppPubSub } from '../src/app/pubsub.js';
import type { AppDeps } from '../src/common/context/request-context.js';
import { SignInThrottle } from '../src/common/auth/sign-in-throttle.js';
import { Mailer } from '../src/modules/mail/mailer.js';
import { startServer } from '../src/app/create-server.js';
import { jobsImportsSettled } from '../src/modules/job/jobs-import.service.js';
import { openBenchDatabase } from './bench-database.js';

const VEHICLES = 5000;
const PASSWORD = 'bench-password-0123';
const SIZES = (process.env['BENCH_JOBS_IMPORT_ROWS'] ?? '1000,10000,100000').split(',').map(Number);

type Sample = { rss: number; heap: number; live: number };
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Peak RSS and heap while `run` runs (sampled every 10 ms), and the peak live heap — heap used
 * right after a forced garbage collection, every 500 ms (run with --expose-gc): what the import
 * actually holds, without the garbage a lazy collector leaves. With the baseline before it.
 */
async function sampled<T>(run: () => Promise<T>): Promise<{ result: T; base: Sample; peak: Sample }> {
  gc?.();
  const heap = () => process.memoryUsage().heapUsed;
  const base = { rss: process.memoryUsage.rss(), heap: heap(), live: heap() };
  const peak = { ...base };
  const timer = setInterval(() => {
    peak.rss = Math.max(peak.rss, process.memoryUsage.rss());
    peak.heap = Math.max(peak.heap, heap());
  }, 10);
  const collector = gc
    ? setInterval(() => {
        gc();
        peak.live = Math.max(peak.live, heap());
      }, 500)
    : undefined;
  try {
    return { result: await run(), base, peak };
  } finally {
    clearInterval(timer);
    clearInterval(collector);
  }
}

/** Runs the jobs import scenario against a migrated database. */
export async function benchJobsImport(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  scopeToSystem(em);
  const principal = makeOrganization(em, 'PRINCIPAL', { name: 'Jobs Import Bench' });
  const user = await makeUser(em, principal, { role: 'MANAGER', email: `jobs-import-bench-${Date.now()}@bench.example`, password: PASSWORD });
  const partner = makePartner(em, principal, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
  await em.flush();
  const connection = orm.em.getConnection();
  await connection.execute(
    `insert into vehicle (id, created_at, updated_at, principal_id, vin, make, model, year, device_serial, device_model, firmware)
     select gen_random_uuid(), now(), now(), ?::uuid, 'W' || upper(substr(translate(md5('ji' || g), 'io', 'xy'), 1, 10)) || lpad(g::text, 6, '0'),
            'Aurora', 'Orion', 2024, 'CB' || g, 'CloudBoxx 4', '4.2.1'
       from generate_series(1, ?) g`,
    [principal.id, VEHICLES],
  );
  await connection.execute('analyze vehicle');
  const vins = ((await connection.execute('select vin from vehicle where principal_id = ? order by vin', [principal.id])) as { vin: string }[]).map((r) => r.vin);

  const logger = pino({ level: 'silent' });
  const env = loadEnv({ NODE_ENV: 'test', SESSION_SECRET: 'bench-session-secret-0123456789', LOG_LEVEL: 'silent' });
  const events = createAppPubSub();
  const deps: AppDeps = { env, logger, mailer: new Mailer(undefined, env.SMTP_FROM, logger), pubSub: events.pubSub, signInThrottle: new SignInThrottle() };
  const server = await startServer(orm, deps, 0, '127.0.0.1');
  try {
    const signIn = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($i: SignInInput!) { signIn(input: $i) { __typename } }', variables: { i: { email: user.email, password: PASSWORD } } }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
      if (body.errors || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body).slice(0, 500)}`);
      return body.data;
    };

    process.stdout.write(`\njobs import end to end over HTTP (upload + dry run + background commit until SUCCEEDED), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}:\n`);
    for (const rows of SIZES) {
      const lines = ['vin,kind,title,device_serial,firmware,setting.odometer_source,scheduled_for,assigned_installer_company_id'];
      for (let i = 0; i < rows; i++) lines.push(`${vins[i % vins.length]},${i % 4 ? 'installation' : 'maintenance'},Install unit,SN${i},5.0.2,CAN,2027-03-01,${i % 2 ? partner.code : ''}`);
      const file = Buffer.from(`${lines.join('\n')}\n`);
      lines.length = 0;
      const phases: Record<string, number> = {};
      const mark = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
        const t = performance.now();
        const result = await fn();
        phases[name] = performance.now() - t;
        return result;
      };
      const { result: batch, base, peak } = await sampled(async () => {
        const upload = await mark('upload', async () => {
          const response = await fetch(`${server.url}/imports/uploads?fileName=bench-${rows}.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie }, body: file });
          return (await response.json()) as { uploadId: string };
        });
        const report = await mark('dry run', () => gql('query($i: JobsImportInput!) { validateJobsImport(input: $i) { valid problemCount counts { jobs } } }', { i: { uploadId: upload.uploadId } }));
        if (!report['validateJobsImport']?.['valid']) throw new Error(`bench file has problems: ${JSON.stringify(report)}`);
        return mark('commit', async () => {
          const started = await gql('mutation($i: JobsImportInput!) { startJobsImport(input: $i) { ... on JobsImportStarted { batch { id } } } }', { i: { uploadId: upload.uploadId } });
          await jobsImportsSettled();
          const id = (started['startJobsImport']?.['batch'] as { id: string }).id;
          return (await gql('query($id: ID!) { importBatch(id: $id) { status createdCount } }', { id }))['importBatch'] as { status: string; createdCount: number };
        });
      });
      if (batch.status !== 'SUCCEEDED' || batch.createdCount !== rows) throw new Error(`bench import ended ${JSON.stringify(batch)}`);
      const total = Object.values(phases).reduce((a, b) => a + b, 0);
      process.stdout.write(
        `  ${`${rows.toLocaleString('en')} rows (${(file.length / 1024 / 1024).toFixed(1)} MB)`.padEnd(24)} total ${(total / 1000).toFixed(2)} s` +
          ` = upload ${phases['upload']?.toFixed(0)} ms + dry run ${phases['dry run']?.toFixed(0)} ms + commit ${phases['commit']?.toFixed(0)} ms;` +
          ` peak RSS +${mb(peak.rss - base.rss)} MB (${mb(peak.rss)} MB), peak heap +${mb(peak.heap - base.heap)} MB, peak live heap +${mb(peak.live - base.live)} MB (${mb(peak.live)} MB)\n`,
      );
    }
  } finally {
    await server.stop();
    server.httpServer.close();
    await events.close();
  }
}

// alone: a throw-away embedded PostgreSQL (or BENCH_DATABASE_URL)
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const database = await openBenchDatabase('ph-bench-ji-');
  try {
    await benchJobsImport(database.orm);
  } finally {
    await database.close();
  }
}
