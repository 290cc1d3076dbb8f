/**
 * The jobs part of `npm run bench`: 1,000,000 jobs of one principal on the vehicles and service
 * partners bench-vehicles.ts and bench.ts seeded, measured through the real list service (scope,
 * filters, keyset page and exact total) for principal staff and for a service partner, with the
 * query plans of the filtered pages.
 */
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/postgresql';
import { contextForViewer } from '../src/app/request-context.js';
import { makeViewer } from '../src/common/auth/viewer.js';
import type { Viewer } from '../src/common/auth/viewer.js';
import { listJobs } from '../src/modules/job/job.service.js';
import type { JobFilterInput } from '../src/modules/job/job.service.js';

const JOBS = 1_000_000;
const partnerId = (g: number) => `00000000-0000-7000-9000-${g.toString(16).padStart(12, '0')}`;

type Timer = (label: string, runs: number, fn: () => Promise<unknown>) => Promise<void>;

/** reads need no mailer, pub/sub or configuration */
const contextOf = (orm: MikroORM, viewer: Viewer) => contextForViewer(orm, null as never, viewer);

export async function benchJobs(orm: MikroORM, time: Timer, principalId: string, partnerCount: number, vehicleCount: number): Promise<void> {
  const connection = orm.em.getConnection();
  const fill = performance.now();
  // service partners of the bench tree are the rows g with g % 3 = 1; statuses and kinds spread evenly
  await connection.execute(
    `insert into job (id, created_at, updated_at, principal_id, kind, status, title, vehicle_id, configuration, scheduled_for, service_partner_id, attempt, version)
     select ('00000000-0000-7000-c000-' || lpad(to_hex(g), 12, '0'))::uuid, now() - (g || ' seconds')::interval, now(), ?::uuid,
            (array['INSTALLATION','MAINTENANCE'])[1 + g % 2]::job_kind,
            (array['PENDING','ASSIGNED','RUNNING','SUCCEEDED','FAILED','CANCELLED'])[1 + g % 6]::job_status,
            'Job ' || g,
            ('00000000-0000-7000-a000-' || lpad(to_hex(1 + g % ?), 12, '0'))::uuid, '{"settings":{}}'::jsonb,
            (current_date + ((g % 365) - 180))::date,
            case when g % 6 in (0, 5) then null else ('00000000-0000-7000-9000-' || lpad(to_hex(1 + 3 * (g % (? / 3))), 12, '0'))::uuid end,
            1, 1
     from generate_series(1, ?) g`,
    [principalId, vehicleCount, partnerCount, JOBS],
  );
  await connection.execute('vacuum analyze job');
  process.stdout.write(`\nseeded ${JOBS} jobs in ${((performance.now() - fill) / 1000).toFixed(1)} s\n\n`);

  const staff = makeViewer({ kind: 'USER', userId: null, apiKeyId: null, sessionId: null, sessionExpiresAt: null, organizationId: principalId, organizationKind: 'PRINCIPAL', role: 'ADMIN', label: 'bench' });
  const sp = partnerId(4);
  const root = (await connection.execute(`select organization_id from partner where id = ?`, [sp])) as { organization_id: string }[];
  const technician = makeViewer({
    kind: 'USER', userId: null, apiKeyId: null, sessionId: null, sessionExpiresAt: null,
    organizationId: root[0]?.organization_id ?? '', organizationKind: 'PARTNER', role: 'TECHNICIAN', label: 'bench technician',
    partnerships: [{ partnerId: sp, principalId }],
  });
  const page = async (viewer: Viewer, filter: JobFilterInput, withTotal = true) => {
    const result = await listJobs(contextOf(orm, viewer), filter, { field: 'CREATED_AT', direction: 'DESC' }, 50);
    if (withTotal) await result.totalCount;
  };
  const today = new Date().toISOString().slice(0, 10);
  await time('jobs (staff): newest 50, no total', 20, () => page(staff, {}, false));
  await time('jobs (staff): newest 50 + total of 1,000,000', 5, () => page(staff, {}));
  await time('jobs (staff): only FAILED, page of 50, no total', 20, () => page(staff, { status: 'FAILED' }, false));
  await time('jobs (staff): only FAILED + total', 10, () => page(staff, { status: 'FAILED' }));
  await time('jobs (staff): one service partner + total', 20, () => page(staff, { servicePartnerId: sp }));
  await time('jobs (staff): scheduled this week, no total', 20, () => page(staff, { scheduledFrom: today, scheduledTo: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) }, false));
  await time('jobs (staff): overdue, no total', 20, () => page(staff, { overdue: true }, false));
  await time('jobs (technician): its organization\'s jobs + total', 20, () => page(technician, {}));

  const plans: [string, string, unknown[]][] = [
    ['only FAILED', `select j.* from job j where j.principal_id = ? and j.deleted_at is null and j.status = 'FAILED' order by j.created_at desc, j.id desc limit 51`, [principalId]],
    ['one service partner', `select j.* from job j where j.principal_id = ? and j.deleted_at is null and j.service_partner_id = ? order by j.created_at desc, j.id desc limit 51`, [principalId, sp]],
    ['scheduled range', `select j.* from job j where j.principal_id = ? and j.deleted_at is null and j.scheduled_for between current_date and current_date + 7 order by j.created_at desc, j.id desc limit 51`, [principalId]],
  ];
  for (const [label, sql, params] of plans) {
    process.stdout.write(`\nplan of a jobs page, ${label}:\n`);
    const plan = (await connection.execute(`explain (analyze, costs off, timing off, summary off) ${sql}`, params)) as { 'QUERY PLAN': string }[];
    for (const row of plan) process.stdout.write(`  ${row['QUERY PLAN']}\n`);
  }
}
