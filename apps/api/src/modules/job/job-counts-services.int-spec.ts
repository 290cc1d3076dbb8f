import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BULK_JOB_ACTIONS, JOB_ACTIONS } from '@partner-hub/domain';
import type { BulkJobAction, JobAction, JobStatus } from '@partner-hub/domain';
import { startServer } from '../../app/create-server.js';
import type { RunningServer } from '../../app/create-server.js';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { jobCountDrift } from '../../testing/job-count-drift.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeOrganization } from '../organization/organization.factory.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { makeUser } from '../user/user.factory.js';
import { makeVehicle } from '../vehicle/vehicle.factory.js';
import { jobsImportsSettled } from './jobs-import.service.js';

/**
 * The job counters (`job_count`) against `count(*)` after the changes users actually make, each
 * through the GraphQL layer and its services as a client sends them: a 10,000-row jobs import, every
 * lifecycle action by the actor allowed to take it (and refused ones), bulk actions, edits, single
 * deletes, and many transitions racing on the same counter keys from parallel connections. The
 * SQL-level property (job-counts.int-spec.ts) covers paths no service takes (COPY, truncate, hard deletes).
 */

const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on ErrorResult { message } } }`;
const TRANSITION = `mutation($input: TransitionJobInput!) { transitionJob(input: $input) { __typename ... on ErrorResult { message } } }`;
const BULK = `mutation($input: BulkJobActionInput!) { bulkJobAction(input: $input) { __typename ... on BulkJobActionPlan { applicable { id } } ... on ErrorResult { message } } }`;
const DELETE = `mutation($input: JobIdInput!) { deleteJob(input: $input) { __typename ... on ErrorResult { message } } }`;
const UPDATE = `mutation($input: UpdateJobInput!) { updateJob(input: $input) { __typename ... on ErrorResult { message } } }`;
const START_IMPORT = `mutation($input: JobsImportInput!) { startJobsImport(input: $input) { __typename ... on JobsImportStarted { batch { id } } } }`;
const BATCH = `query($id: ID!) { importBatch(id: $id) { status createdCount } }`;
const TOTAL = `query($filter: JobFilter) { jobs(filter: $filter, first: 1) { totalCount } }`;

let app: TestApp;
let server: RunningServer;
let world: Awaited<ReturnType<typeof buildWorld>>;

/** Who acts on principal A's jobs: its admin, each service partner's admin and technicians (by user id). */
interface Cast {
  principal: string;
  partners: { id: string; code: string; admin: string; technicians: { userId: string; token: string }[] }[];
  vehicles: string[];
}
let cast: Cast;

beforeAll(async () => {
  app = await createTestApp();
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
  const em = app.systemEm();
  world = await buildWorld(em);
  const first = await em.findOneOrFail(Partner, { organization: world.service }, { filters: false });
  const second = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
  const firstAdmin = await makeUser(em, world.service, { role: 'ADMIN', email: 'counted-sp1-admin@world.example', password: WORLD_PASSWORD });
  const firstTech2 = await makeUser(em, world.service, { role: 'TECHNICIAN', email: 'counted-sp1-tech2@world.example', password: WORLD_PASSWORD });
  const secondAdmin = await makeUser(em, second.organization, { role: 'ADMIN', email: 'counted-sp2-admin@world.example', password: WORLD_PASSWORD });
  const secondTech = await makeUser(em, second.organization, { role: 'TECHNICIAN', email: 'counted-sp2-tech@world.example', password: WORLD_PASSWORD });
  const vehicles = Array.from({ length: 8 }, () => makeVehicle(em, world.principalA));
  await em.flush();
  const signIn = (email: string) => app.signIn(email, WORLD_PASSWORD);
  const technician = async (user: { id: string; email: string }) => ({ userId: user.id, token: await signIn(user.email) });
  cast = {
    principal: await signIn(world.users.adminA.email),
    partners: [
      { id: first.id, code: first.code, admin: await signIn(firstAdmin.email), technicians: [await technician(world.users.technician), await technician(firstTech2)] },
      { id: second.id, code: second.code, admin: await signIn(secondAdmin.email), technicians: [await technician(secondTech)] },
    ],
    vehicles: vehicles.map((v) => v.id),
  };
});
afterAll(async () => {
  await jobsImportsSettled();
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => app.systemEm().getConnection().execute(text, params);
const nth = <T>(items: readonly T[], n: number): T => items[n % items.length] as T;
const as = (token: string) => ({ sessionToken: token });

/** Runs one operation and returns its result's __typename; an unexpected error fails the test. */
async function run(query: string, input: Record<string, unknown>, token: string): Promise<string> {
  const { data, errors } = await app.gql(query, { input }, as(token));
  if (errors) throw new Error(`${query.slice(0, 40)}… answered ${JSON.stringify(errors)}`);
  return (Object.values(data ?? {})[0] as { __typename: string }).__typename;
}

interface JobRow {
  id: string;
  status: JobStatus;
  service_partner_id: string | null;
  technician_id: string | null;
}

/** Principal A's live jobs, in a stable order the generated commands index into. */
const liveJobs = () =>
  sql<JobRow>(`select id, status, service_partner_id, technician_id from job where principal_id = ? and deleted_at is null order by id`, [world.principalA.id]);

/** One action a client could send, with who sends it. */
interface Move {
  action: JobAction;
  token: string;
  partner?: string;
}

/** The lifecycle actions the rules allow on `job`, each by someone allowed to take it. */
function legalMoves(job: JobRow, partnerPick: number): Move[] {
  const assigned = cast.partners.find((p) => p.id === job.service_partner_id);
  const target = nth(cast.partners, partnerPick).id;
  const runner = assigned?.technicians.find((t) => t.userId === job.technician_id);
  switch (job.status) {
    case 'PENDING':
      return [{ action: 'ASSIGN', token: cast.principal, partner: target }, { action: 'ASSIGN', token: cast.principal, partner: target }, { action: 'CANCEL', token: cast.principal }];
    case 'ASSIGNED':
      return [
        { action: 'START', token: nth(assigned?.technicians ?? [], partnerPick).token },
        { action: 'START', token: nth(assigned?.technicians ?? [], partnerPick + 1).token },
        { action: 'UNASSIGN', token: cast.principal },
        { action: 'DECLINE', token: assigned?.admin ?? '' },
        { action: 'CANCEL', token: cast.principal },
      ];
    case 'RUNNING':
      return [
        { action: 'SUCCEED', token: runner?.token ?? assigned?.admin ?? '' },
        { action: 'FAIL', token: runner?.token ?? assigned?.admin ?? '' },
        { action: 'SUCCEED', token: assigned?.admin ?? '' },
      ];
    case 'FAILED':
      return [{ action: 'REASSIGN', token: cast.principal, partner: target }];
    default:
      return [];
  }
}

/** A change users make, with the indexes that pick its jobs, actors and values. */
type Command =
  | { op: 'create'; vehicle: number; assign: boolean; partner: number; kind: boolean }
  | { op: 'move'; job: number; pick: number; partner: number }
  | { op: 'anyAction'; job: number; action: JobAction; actor: number }
  | { op: 'bulk'; action: BulkJobAction; jobs: number[]; partner: number; day: number }
  | { op: 'delete'; job: number }
  | { op: 'edit'; job: number; day: number };

/** An index that picks evenly (fast-check's default bias towards 0 would pick the first job and option over and over). */
const pick = () => fc.noBias(fc.nat({ max: 10_000 }));

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('create' as const), vehicle: pick(), assign: fc.boolean(), partner: pick(), kind: fc.boolean() }) },
  { weight: 8, arbitrary: fc.record({ op: fc.constant('move' as const), job: pick(), pick: pick(), partner: pick() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('anyAction' as const), job: pick(), action: fc.constantFrom(...JOB_ACTIONS), actor: pick() }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('bulk' as const), action: fc.constantFrom(...BULK_JOB_ACTIONS), jobs: fc.array(pick(), { minLength: 1, maxLength: 8 }), partner: pick(), day: fc.integer({ min: 1, max: 28 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), job: pick() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('edit' as const), job: pick(), day: fc.integer({ min: 1, max: 28 }) }) },
);

const REASON = 'Counted reason';
const day = (d: number) => `2027-04-${String(d).padStart(2, '0')}`;

async function apply(c: Command): Promise<void> {
  const jobs = c.op === 'create' ? [] : await liveJobs();
  if (c.op !== 'create' && jobs.length === 0) return;
  switch (c.op) {
    case 'create': {
      const partner = nth(cast.partners, c.partner).id;
      const input = { kind: c.kind ? 'INSTALLATION' : 'MAINTENANCE', vehicleId: nth(cast.vehicles, c.vehicle), title: 'Counted', assign: c.assign, servicePartnerId: c.assign ? partner : null };
      expect(await run(CREATE, input, cast.principal)).toBe('JobSuccess');
      return;
    }
    case 'move': {
      const job = nth(jobs, c.job);
      const moves = legalMoves(job, c.partner);
      if (moves.length === 0) return;
      const move = nth(moves, c.pick);
      const input = { id: job.id, action: move.action, reason: REASON, servicePartnerId: move.partner ?? null };
      expect(await run(TRANSITION, input, move.token)).toBe('JobSuccess');
      return;
    }
    case 'anyAction': {
      // anyone trying anything: allowed or refused, the counters must follow what was written
      const tokens = [cast.principal, ...cast.partners.flatMap((p) => [p.admin, ...p.technicians.map((t) => t.token)])];
      const input = { id: nth(jobs, c.job).id, action: c.action, reason: REASON, servicePartnerId: cast.partners[0]?.id };
      expect(['JobSuccess', 'InvalidTransitionError', 'NotFoundError']).toContain(await run(TRANSITION, input, nth(tokens, c.actor)));
      return;
    }
    case 'bulk': {
      const ids = [...new Set(c.jobs.map((n) => nth(jobs, n).id))];
      const input = { ids, action: c.action, reason: REASON, scheduledFor: day(c.day), servicePartnerId: nth(cast.partners, c.partner).id };
      // a selection none of which can take the action is refused as a whole (ValidationError)
      expect(['BulkJobActionPlan', 'ValidationError']).toContain(await run(BULK, input, cast.principal));
      return;
    }
    case 'delete': {
      const job = nth(jobs, c.job);
      expect(await run(DELETE, { id: job.id }, cast.principal)).toBe(job.status === 'RUNNING' ? 'InvalidTransitionError' : 'JobSuccess');
      return;
    }
    case 'edit': {
      const job = nth(jobs, c.job);
      expect(['JobSuccess', 'InvalidTransitionError', 'ValidationError']).toContain(await run(UPDATE, { id: job.id, scheduledFor: day(c.day) }, cast.principal));
      return;
    }
  }
}

/** Every command applied in turn, the counters compared with count(*) after each. */
const everyChangeKeepsCountsExact = fc.asyncProperty(fc.array(command, { minLength: 3, maxLength: 16 }), async (commands) => {
  for (const c of commands) {
    await apply(c);
    expect(await jobCountDrift(app.systemEm())).toEqual([]);
  }
});

/** A CSV upload as the browser sends it; returns the upload's id. */
async function upload(token: string, content: string): Promise<string> {
  const response = await fetch(`${server.url}/imports/uploads?fileName=jobs.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: `ph_session=${token}` }, body: content });
  expect(response.status).toBe(201);
  return ((await response.json()) as { uploadId: string }).uploadId;
}

describe('job counters, through the services', () => {
  it('equal count(*) after a 10,000-row jobs import, and after bulk actions and deletes on the imported jobs', async () => {
    const em = app.systemEm();
    const organization = makeOrganization(em, 'PRINCIPAL', { name: 'Counted importer' });
    const manager = await makeUser(em, organization, { role: 'MANAGER', email: 'counted-importer@world.example', password: WORLD_PASSWORD });
    const [east, west] = [makePartner(em, organization, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' }), makePartner(em, organization, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' })];
    const vehicles = Array.from({ length: 200 }, () => makeVehicle(em, organization));
    await em.flush();
    const token = await app.signIn(manager.email, WORLD_PASSWORD);
    const partnerOf = (i: number) => (i % 3 === 0 ? '' : i % 3 === 1 ? east.code : west.code);
    const rows = Array.from({ length: 10_000 }, (_, i) => `${vehicles[i % 200]?.vin},${i % 4 ? 'installation' : 'maintenance'},2027-03-01,${partnerOf(i)}`);
    const uploadId = await upload(token, `vin,kind,scheduled_for,assigned_installer_company_id\n${rows.join('\n')}\n`);
    const started = await app.gql(START_IMPORT, { input: { uploadId } }, as(token));
    const batchId = started.data?.['startJobsImport'].batch.id as string;
    await jobsImportsSettled();
    expect((await app.gql(BATCH, { id: batchId }, as(token))).data?.['importBatch']).toEqual({ status: 'SUCCEEDED', createdCount: 10_000 });
    expect(await jobCountDrift(em)).toEqual([]);
    const total = async (filter: Record<string, unknown>) => (await app.gql(TOTAL, { filter }, as(token))).data?.['jobs'].totalCount;
    expect(await total({ importBatchId: batchId })).toBe(10_000);
    expect(await total({ importBatchId: batchId, status: 'PENDING' })).toBe(3334);
    expect(await total({ servicePartnerId: east.id, kind: 'MAINTENANCE' })).toBe(833);

    // the principal works through the imported jobs a hundred at a time (a bulk action of 1,000 takes minutes: see the report)
    const idsOf = async (status: JobStatus, partner: string | null, limit: number) =>
      (await sql<{ id: string }>(`select id from job where import_batch_id = ? and status = ? and service_partner_id is not distinct from ? and deleted_at is null order by id limit ?`, [batchId, status, partner, limit])).map((r) => r.id);
    const bulk = async (ids: string[], action: BulkJobAction, extra: Record<string, unknown> = {}) => {
      const { data, errors } = await app.gql(BULK, { input: { ids, action, ...extra } }, as(token));
      expect(errors).toBeUndefined();
      expect(data?.['bulkJobAction'].applicable).toHaveLength(ids.length);
      expect(await jobCountDrift(em)).toEqual([]);
    };
    await bulk(await idsOf('PENDING', null, 100), 'ASSIGN', { servicePartnerId: west.id });
    await bulk(await idsOf('ASSIGNED', east.id, 100), 'UNASSIGN');
    await bulk(await idsOf('ASSIGNED', west.id, 100), 'RESCHEDULE', { scheduledFor: '2027-05-02' });
    await bulk(await idsOf('ASSIGNED', west.id, 70), 'CANCEL', { reason: REASON });
    await bulk(await idsOf('PENDING', null, 90), 'DELETE');
    for (const id of await idsOf('CANCELLED', west.id, 5)) expect(await run(DELETE, { id }, token)).toBe('JobSuccess');
    expect(await total({ importBatchId: batchId })).toBe(10_000 - 95);
    expect(await total({ importBatchId: batchId, status: 'CANCELLED' })).toBe(65);
  });

  it('equal count(*) after every change of any sequence of creations, lifecycle actions, bulk actions, edits and deletes', async () => {
    await fc.assert(everyChangeKeepsCountsExact, { numRuns: 40 });
    const reached = await sql<{ to_status: JobStatus }>(`select distinct to_status from job_event where principal_id = ? and to_status is not null`, [world.principalA.id]);
    // the sequences moved jobs into every status, so every kind of counter move was checked
    expect(reached.map((s) => s.to_status).sort()).toEqual(['ASSIGNED', 'CANCELLED', 'FAILED', 'PENDING', 'RUNNING', 'SUCCEEDED']);
  });

  it('stay exact when many transitions race on the same counter keys from parallel connections', async () => {
    const [sp1] = cast.partners;
    if (!sp1) throw new Error('no service partner');
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) => app.gql(`mutation($input: CreateJobInput!) { createJob(input: $input) { ... on JobSuccess { job { id } } } }`, { input: { kind: 'INSTALLATION', vehicleId: nth(cast.vehicles, i), title: 'Raced', assign: true, servicePartnerId: sp1.id } }, as(cast.principal))),
    );
    const ids = created.map((r) => r.data?.['createJob'].job.id as string);
    expect(ids.every(Boolean)).toBe(true);
    // both technicians press Start on every job at once: exactly one wins each job
    const starts = await Promise.all(ids.flatMap((id) => sp1.technicians.map((t) => run(TRANSITION, { id, action: 'START' }, t.token))));
    expect(starts.filter((s) => s === 'JobSuccess')).toHaveLength(ids.length);
    expect(starts.filter((s) => s === 'InvalidTransitionError')).toHaveLength(ids.length * (sp1.technicians.length - 1));
    expect(await jobCountDrift(app.systemEm())).toEqual([]);
    // each runner finishes (success or failure) while the partner's admin races to finish the same jobs,
    // and the principal bulk-cancels them all at once (refused for running ones, or losing the race)
    const running = await sql<JobRow>(`select id, status, service_partner_id, technician_id from job where id = any(?::uuid[])`, [`{${ids.join(',')}}`]);
    const finish = running.flatMap((job, i) => {
      const runner = sp1.technicians.find((t) => t.userId === job.technician_id);
      return [
        run(TRANSITION, { id: job.id, action: i % 2 ? 'SUCCEED' : 'FAIL', reason: REASON }, runner?.token ?? ''),
        run(TRANSITION, { id: job.id, action: i % 3 ? 'FAIL' : 'SUCCEED', reason: REASON }, sp1.admin),
      ];
    });
    const outcomes = await Promise.all([...finish, run(BULK, { ids, action: 'CANCEL', reason: REASON }, cast.principal)]);
    expect(outcomes.filter((s) => s === 'JobSuccess')).toHaveLength(ids.length);
    expect(outcomes.at(-1)).toBe('ValidationError'); // every job was running: the bulk cancel changed nothing
    expect(await jobCountDrift(app.systemEm())).toEqual([]);
    // the principal reassigns the failed ones while the technicians start whatever is assigned again
    const failed = (await sql<{ id: string }>(`select id from job where id = any(?::uuid[]) and status = 'FAILED'`, [`{${ids.join(',')}}`])).map((r) => r.id);
    await Promise.all([
      ...failed.map((id) => run(TRANSITION, { id, action: 'REASSIGN', servicePartnerId: sp1.id }, cast.principal)),
      ...failed.flatMap((id) => sp1.technicians.map((t) => run(TRANSITION, { id, action: 'START' }, t.token))),
    ]);
    expect(await jobCountDrift(app.systemEm())).toEqual([]);
  });

  it('catch a trigger that counts soft-deleted jobs (the property fails, then the real trigger is restored)', async () => {
    const [{ definition }] = (await sql<{ definition: string }>(`select pg_get_functiondef('job_count_apply'::regproc) as definition`)) as [{ definition: string }];
    // the broken trigger forgets that an update can delete a job (deleted_at set): it counts it on
    const broken = definition.replace(
      'select principal_id, kind, status, service_partner_id, import_batch_id, 1 as delta from new_jobs where deleted_at is null',
      'select principal_id, kind, status, service_partner_id, import_batch_id, 1 as delta from new_jobs',
    );
    expect(broken).not.toBe(definition);
    await sql(broken);
    try {
      const result = await fc.check(everyChangeKeepsCountsExact, { numRuns: 40, seed: 13, endOnFailure: true });
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toMatch(/to deeply equal \[\]/); // the drift check, not some other error
    } finally {
      await sql(definition);
      await sql(`truncate job_count`);
      await sql(`insert into job_count (principal_id, kind, status, service_partner_id, import_batch_id, n)
        select principal_id, kind, status, service_partner_id, import_batch_id, count(*) from job where deleted_at is null group by 1, 2, 3, 4, 5`);
    }
    expect(await jobCountDrift(app.systemEm())).toEqual([]);
  });
});
