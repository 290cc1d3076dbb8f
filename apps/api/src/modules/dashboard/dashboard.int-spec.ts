import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobAction } from '@partner-hub/domain';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeUser } from '../user/user.factory.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { makeVehicle } from '../vehicle/vehicle.factory.js';

/**
 * The dashboard query (docs/dashboard.md): its numbers equal counting the rows the viewer may see;
 * each partner sees only its own jobs, another principal nothing; the daily counter equals the job
 * events it stands for; and its SQL reads counters and indexes, never a count over the jobs.
 */

const ERR = '... on ErrorResult { code message }';
const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on JobSuccess { job { id status } } ${ERR} } }`;
const TRANSITION = `mutation($input: TransitionJobInput!) { transitionJob(input: $input) { __typename ... on JobSuccess { job { id status } } ${ERR} } }`;
const BULK = `mutation($input: BulkJobActionInput!) { bulkJobAction(input: $input) { __typename ${ERR} } }`;
const DASHBOARD = `{ dashboard {
  scope today total overdue statusCounts { status count } kindCounts { kind count overdue }
  servicePartners { partnerId name overdue progress { total pending assigned running succeeded failed cancelled } }
  importBatches { id } overdueJobs { id title scheduledFor servicePartnerName } openJobs { id status }
  recentEvents { id type toStatus actorLabel jobId jobTitle } daily { day succeeded failed } } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let SP: Partner;
let otherSP: Partner;
const sessions: Record<string, string> = {};
const jobsOf: Record<string, string[]> = { sp: [], other: [] };

const as = (who: string, query: string, variables: Record<string, unknown> = {}) =>
  app.gql(query, variables, { sessionToken: sessions[who] ?? '' });
const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await app.systemEm().getConnection().execute(text, params)) as T[];

async function createJob(partner: Partner | null, fields: Record<string, unknown> = {}): Promise<string> {
  const em = app.systemEm();
  const vehicle = makeVehicle(em, world.principalA);
  await em.flush();
  const input = {
    kind: 'INSTALLATION',
    vehicleId: vehicle.id,
    title: `Dash ${Math.random().toString(36).slice(2, 7)}`,
    configuration: { firmware: '1.0' },
    ...(partner ? { servicePartnerId: partner.id, assign: true } : {}),
    ...fields,
  };
  const { data } = await as('principalAdmin', CREATE, { input });
  expect(data?.['createJob'].__typename).toBe('JobSuccess');
  return data?.['createJob'].job.id;
}
async function act(who: string, id: string, action: JobAction): Promise<void> {
  const { data } = await as(who, TRANSITION, {
    input: { id, action, reason: ['FAIL', 'CANCEL', 'DECLINE'].includes(action) ? 'because' : null },
  });
  expect(data?.['transitionJob'].__typename, `${who} ${action}`).toBe('JobSuccess');
}

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  SP = await em.findOneOrFail(Partner, { organization: world.service });
  otherSP = makePartner(em, world.principalA, {
    role: 'SERVICE_PARTNER',
    status: 'ACCEPTED',
    profile: { name: 'Other Service' },
  });
  await makeUser(em, SP.organization, {
    role: 'ADMIN',
    email: 'dash-sp-admin@world.example',
    password: WORLD_PASSWORD,
  });
  await makeUser(em, SP.organization, {
    role: 'STAFF',
    email: 'dash-sp-staff@world.example',
    password: WORLD_PASSWORD,
  });
  await makeUser(em, otherSP.organization, {
    role: 'ADMIN',
    email: 'dash-other-admin@world.example',
    password: WORLD_PASSWORD,
  });
  await makeUser(em, otherSP.organization, {
    role: 'TECHNICIAN',
    email: 'dash-other-tech@world.example',
    password: WORLD_PASSWORD,
  });
  await em.flush();
  const signIn = (email: string) => app.signIn(email, WORLD_PASSWORD);
  Object.assign(sessions, {
    principalAdmin: await signIn(world.users.adminA.email),
    principalViewer: await signIn(world.users.viewerA.email),
    partnerAdmin: await signIn('dash-sp-admin@world.example'),
    partnerStaff: await signIn('dash-sp-staff@world.example'),
    technician: await signIn(world.users.technician.email),
    otherAdmin: await signIn('dash-other-admin@world.example'),
    otherTechnician: await signIn('dash-other-tech@world.example'),
    principalB: await signIn(world.users.adminB.email),
  });

  // SP: 2 succeeded, 1 failed, 1 running, 2 assigned (one overdue); other: 1 succeeded, 1 assigned; 2 pending (one overdue)
  for (let i = 0; i < 6; i++)
    jobsOf['sp']!.push(await createJob(SP, i === 5 ? { scheduledFor: '2020-01-01' } : {}));
  for (let i = 0; i < 2; i++) jobsOf['other']!.push(await createJob(otherSP));
  await createJob(null);
  await createJob(null, { scheduledFor: '2020-02-02', kind: 'MAINTENANCE' });
  const [a, b, c, d] = jobsOf['sp']!;
  for (const id of [a!, b!, c!, d!]) await act('technician', id, 'START');
  await act('technician', a!, 'SUCCEED');
  await act('technician', b!, 'SUCCEED');
  await act('technician', c!, 'FAIL');
  await act('otherTechnician', jobsOf['other']![0]!, 'START');
  await act('otherTechnician', jobsOf['other']![0]!, 'SUCCEED');
});
afterAll(async () => app?.close());

/** What counting the rows says the dashboard of these service partners (null: the whole principal) must show. */
async function counted(partnerIds: string[] | null) {
  const scope = partnerIds ? `and service_partner_id = any(?::uuid[])` : '';
  const params = partnerIds ? [world.principalA.id, `{${partnerIds.join(',')}}`] : [world.principalA.id];
  const statuses = await sql<{ status: string; n: number }>(
    `select status, count(*)::int as n from job where principal_id = ? and deleted_at is null ${scope} group by 1`,
    params,
  );
  const [overdue] = await sql<{ n: number }>(
    `select count(*)::int as n from job where principal_id = ? and deleted_at is null ${scope} and status in ('PENDING', 'ASSIGNED', 'RUNNING') and scheduled_for < (now() at time zone 'UTC')::date`,
    params,
  );
  return { statuses: Object.fromEntries(statuses.map((r) => [r.status, r.n])), overdue: overdue!.n };
}
const shown = (dashboard: { statusCounts: { status: string; count: number }[] }) =>
  Object.fromEntries(dashboard.statusCounts.filter((c) => c.count > 0).map((c) => [c.status, c.count]));

describe('dashboard', () => {
  it("shows principal staff every job of their principal: counts, overdue, partners, the feed and today's finished jobs", async () => {
    for (const who of ['principalAdmin', 'principalViewer']) {
      const { data, errors } = await as(who, DASHBOARD);
      expect(errors).toBeUndefined();
      const dashboard = data?.['dashboard'];
      const truth = await counted(null);
      expect(dashboard.scope).toBe('PRINCIPAL');
      expect(shown(dashboard)).toEqual(truth.statuses);
      expect(dashboard.total).toBe(10);
      expect(dashboard.overdue).toBe(truth.overdue);
      expect(dashboard.overdue).toBe(2);
      expect(dashboard.kindCounts).toEqual([
        { kind: 'INSTALLATION', count: 9, overdue: 1 },
        { kind: 'MAINTENANCE', count: 1, overdue: 1 },
      ]);
      expect(dashboard.servicePartners).toEqual([
        {
          partnerId: SP.id,
          name: world.service.name,
          overdue: 1,
          progress: { total: 6, pending: 0, assigned: 2, running: 1, succeeded: 2, failed: 1, cancelled: 0 },
        },
        {
          partnerId: otherSP.id,
          name: 'Other Service',
          overdue: 0,
          progress: { total: 2, pending: 0, assigned: 1, running: 0, succeeded: 1, failed: 0, cancelled: 0 },
        },
      ]);
      expect(dashboard.overdueJobs.map((j: { scheduledFor: string }) => j.scheduledFor)).toEqual([
        '2020-01-01',
        '2020-02-02',
      ]);
      expect(dashboard.recentEvents).toHaveLength(20);
      expect(dashboard.recentEvents[0]).toMatchObject({
        type: 'SUCCEED',
        toStatus: 'SUCCEEDED',
        jobId: jobsOf['other']![0],
        actorLabel: 'dash-other-tech@world.example',
      });
      expect(dashboard.daily).toHaveLength(30);
      expect(dashboard.daily.at(-1)).toEqual({ day: dashboard.today, succeeded: 3, failed: 1 });
      expect(dashboard.openJobs).toEqual([]);
    }
  });

  it("shows a partner's admin and staff only the jobs assigned to it, and its technician its open work", async () => {
    const truth = await counted([SP.id]);
    for (const who of ['partnerAdmin', 'partnerStaff', 'technician']) {
      const { data, errors } = await as(who, DASHBOARD);
      expect(errors).toBeUndefined();
      const dashboard = data?.['dashboard'];
      expect(dashboard.scope).toBe(who === 'technician' ? 'TECHNICIAN' : 'PARTNER');
      expect(shown(dashboard)).toEqual(truth.statuses);
      expect(dashboard.overdue).toBe(truth.overdue);
      expect(dashboard.servicePartners.map((p: { partnerId: string }) => p.partnerId)).toEqual([SP.id]);
      expect(dashboard.overdueJobs.map((j: { id: string }) => j.id)).toEqual([jobsOf['sp']![5]]);
      expect(dashboard.openJobs.map((j: { status: string }) => j.status)).toEqual([
        'RUNNING',
        'ASSIGNED',
        'ASSIGNED',
      ]);
      expect(dashboard.daily.at(-1)).toEqual({ day: dashboard.today, succeeded: 2, failed: 1 });
      // nothing of the other partner's jobs, in any list
      const text = JSON.stringify(dashboard);
      for (const id of [...jobsOf['other']!, otherSP.id]) expect(text).not.toContain(id);
      expect(dashboard.recentEvents.length).toBeGreaterThan(0);
      for (const event of dashboard.recentEvents) expect(jobsOf['sp']).toContain(event.jobId);
    }
  });

  it('shows a dealer, whose partnership is assigned no jobs, and another principal nothing', async () => {
    for (const who of ['principalB']) {
      const { data } = await as(who, DASHBOARD);
      expect(data?.['dashboard']).toMatchObject({
        total: 0,
        overdue: 0,
        servicePartners: [],
        overdueJobs: [],
        recentEvents: [],
        importBatches: [],
      });
      expect(
        data?.['dashboard'].daily.every(
          (d: { succeeded: number; failed: number }) => d.succeeded + d.failed === 0,
        ),
      ).toBe(true);
    }
    const dealer = await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD);
    const { data } = await app.gql(DASHBOARD, {}, { sessionToken: dealer });
    expect(data?.['dashboard']).toMatchObject({
      scope: 'PARTNER',
      total: 0,
      recentEvents: [],
      servicePartners: [],
    });
  });

  it('refuses an anonymous caller', async () => {
    const { errors } = await app.gql(DASHBOARD);
    expect(errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('reads counters and indexes only: no count over the jobs, a fixed number of statements', async () => {
    const statements = await app.captureStatements(() => as('principalAdmin', DASHBOARD));
    const dashboardStatements = statements.filter((s) =>
      /job_count|job_daily_count|job_event|import_batch|from job j|from job\b/.test(s),
    );
    expect(dashboardStatements.some((s) => /from job_count/.test(s))).toBe(true);
    expect(dashboardStatements.some((s) => /from job_daily_count/.test(s))).toBe(true);
    expect(dashboardStatements.length).toBeLessThanOrEqual(12);
  });
});

describe('job_daily_count', () => {
  /** The daily counter against the job events it stands for (every transition writes one). */
  async function drift() {
    return sql(
      `with counted as (select principal_id, (created_at at time zone 'UTC')::date as day, to_status as status, count(*) as n
                          from job_event where to_status in ('SUCCEEDED', 'FAILED') group by 1, 2, 3),
            kept as (select principal_id, day, status, sum(n) as n from job_daily_count group by 1, 2, 3)
       select * from counted c full join kept k using (principal_id, day, status) where c.n is distinct from k.n`,
    );
  }

  it('equals count(*) over the finishing events after single, repeated and bulk transitions', async () => {
    expect(await drift()).toEqual([]);
    // a failed job reassigned and finished again counts once on each transition
    const failed = jobsOf['sp']![2]!;
    const { data } = await as('principalAdmin', TRANSITION, {
      input: { id: failed, action: 'REASSIGN', servicePartnerId: SP.id },
    });
    expect(data?.['transitionJob'].__typename).toBe('JobSuccess');
    await act('technician', failed, 'START');
    await act('technician', failed, 'SUCCEED');
    // a bulk action finishing nothing changes nothing; a bulk cancel counts no finished job
    const pending = await createJob(null);
    expect(
      (await as('principalAdmin', BULK, { input: { ids: [pending], action: 'CANCEL', reason: 'x' } })).data?.[
        'bulkJobAction'
      ].__typename,
    ).toBe('BulkJobActionPlan');
    expect(await drift()).toEqual([]);
    // per service partner it equals today's finishing events of its jobs (each was reassigned only to the same partner)
    const perPartner = await sql<{
      service_partner_id: string;
      status: string;
      kept: number;
      counted: number;
    }>(
      `select k.service_partner_id, k.status, k.n::int as kept,
              (select count(*)::int from job_event e join job j on j.id = e.job_id
                where j.service_partner_id = k.service_partner_id and e.to_status = k.status
                  and (e.created_at at time zone 'UTC')::date = k.day) as counted
         from job_daily_count k where k.principal_id = ? and k.day = (now() at time zone 'UTC')::date`,
      [world.principalA.id],
    );
    expect(perPartner.length).toBeGreaterThan(0);
    for (const row of perPartner)
      expect(row.kept, `${row.service_partner_id} ${row.status}`).toBe(row.counted);
  });

  it('counts every row of one statement, whatever path wrote it, on the day of its transaction, and a rolled-back change not at all', async () => {
    const key = `select coalesce(sum(n), 0)::int as n from job_daily_count where principal_id = ? and status = 'FAILED' and day = (now() at time zone 'UTC')::date`;
    const [before] = await sql<{ n: number }>(key, [world.principalA.id]);
    const ids = [await createJob(SP), await createJob(SP), await createJob(SP)];
    const em = app.systemEm();
    await em
      .getConnection()
      .execute(`update job set status = 'RUNNING' where id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
    await expect(
      em.transactional(async (tx) => {
        await tx
          .getConnection()
          .execute(
            `update job set status = 'FAILED' where id = any(?::uuid[])`,
            [`{${ids.join(',')}}`],
            'all',
            tx.getTransactionContext(),
          );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await sql<{ n: number }>(key, [world.principalA.id]))[0]!.n).toBe(before!.n);
    // one statement, three jobs, and a title edit of a failed job that counts nothing more
    await em
      .getConnection()
      .execute(`update job set status = 'FAILED' where id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
    await em
      .getConnection()
      .execute(`update job set title = 'edited' where id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
    expect((await sql<{ n: number }>(key, [world.principalA.id]))[0]!.n).toBe(before!.n + 3);
    // put back as the events say, so the drift check of the other test file's kind holds
    await em.getConnection().execute(
      `insert into job_event (id, created_at, updated_at, principal_id, job_id, type, from_status, to_status, actor_label)
       select gen_random_uuid(), now(), now(), principal_id, id, 'FAIL', 'RUNNING', 'FAILED', 'sql' from job where id = any(?::uuid[])`,
      [`{${ids.join(',')}}`],
    );
    expect(await drift()).toEqual([]);
  });
});

describe('job_open_day_count', () => {
  it('equals count(*) over the unfinished live jobs per principal, kind and day after edits, transitions, deletes and moves', async () => {
    const drift = () =>
      sql(
        `with counted as (select principal_id, kind, scheduled_for, count(*) as n from job
                           where deleted_at is null and scheduled_for is not null and status in ('PENDING', 'ASSIGNED', 'RUNNING') group by 1, 2, 3)
         select * from counted c full join (select * from job_open_day_count where n <> 0) k using (principal_id, kind, scheduled_for)
          where c.n is distinct from k.n`,
      );
    expect(await drift()).toEqual([]);
    const a = await createJob(null, { scheduledFor: '2021-03-03' });
    const b = await createJob(SP, { scheduledFor: '2021-03-03', kind: 'MAINTENANCE' });
    const c = await createJob(SP, { scheduledFor: '2021-03-04' });
    expect(
      (
        await as(
          'principalAdmin',
          `mutation($input: JobIdInput!) { deleteJob(input: $input) { __typename } }`,
          { input: { id: a } },
        )
      ).data?.['deleteJob'].__typename,
    ).toBe('JobSuccess');
    await act('technician', b, 'START');
    await act('technician', b, 'SUCCEED');
    const em = app.systemEm();
    await em
      .getConnection()
      .execute(`update job set scheduled_for = '2021-05-05', kind = 'MAINTENANCE' where id = ?`, [c]);
    expect(await drift()).toEqual([]);
    const { data } = await as('principalAdmin', DASHBOARD);
    expect(data?.['dashboard'].overdue).toBe((await counted(null)).overdue);
    await em.getConnection().execute(`delete from job_event where job_id = ?`, [c]);
    await em.getConnection().execute(`delete from access_grant where job_id = ?`, [c]);
    await em.getConnection().execute(`delete from job where id = ?`, [c]);
    expect(await drift()).toEqual([]);
  });
});
