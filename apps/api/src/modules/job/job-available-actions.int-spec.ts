import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_ACTIONS, JOB_STATUSES, availableActions } from '@partner-hub/domain';
import type { JobAction, JobActor, JobStatus } from '@partner-hub/domain';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { User } from '../user/user.entity.js';
import { makeUser } from '../user/user.factory.js';
import { makeGrant, makeVehicle } from '../vehicle/vehicle.factory.js';
import type { Vehicle } from '../vehicle/vehicle.entity.js';
import { Job } from './job.entity.js';

/**
 * `Job.availableActions` against the mutations: for every status of the lifecycle and every kind of
 * viewer, the actions the field offers are exactly those transitionJob then carries out — tried one
 * by one on fresh jobs. Also: the running technician is known by who started the job (not by an
 * e-mail), deleted jobs offer nothing, and a page of jobs answers the field without a statement per row.
 */

const AVAILABLE = `query($id: ID!) { job(id: $id) { availableActions } }`;
const TRANSITION = `mutation($input: TransitionJobInput!) { transitionJob(input: $input) { __typename ... on JobSuccess { job { status availableActions } } ... on ErrorResult { code message } } }`;
const LIST = `query($first: Int) { jobs(first: $first) { edges { node { id availableActions } } } }`;
const BULK = `mutation($input: BulkJobActionInput!) { bulkJobAction(input: $input) { __typename ... on BulkJobActionPlan { applicable { id availableActions } } } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let SP: Partner;
let vehicle: Vehicle;
/** the technician who started the RUNNING (and finished) jobs of the table */
let runner: User;
const sessions: Record<string, string> = {};
const as = (who: string) => ({ sessionToken: sessions[who] ?? '' });

/** Every kind of viewer the lifecycle tells apart, and those it refuses (a viewer, partner staff, another partner), with who each is to a job of SP. */
const ACTOR_OF: Record<string, JobActor> = {
  principalAdmin: 'PRINCIPAL',
  principalManager: 'PRINCIPAL',
  principalViewer: 'OTHER',
  partnerAdmin: 'PARTNER_ADMIN',
  runningTechnician: 'RUNNING_TECHNICIAN',
  otherTechnician: 'TECHNICIAN',
  partnerStaff: 'OTHER',
  otherPartnerAdmin: 'OTHER',
};

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  SP = await em.findOneOrFail(Partner, { organization: world.service });
  const otherSP = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
  vehicle = makeVehicle(em, world.principalA);
  runner = world.users.technician;
  await makeUser(em, SP.organization, { role: 'ADMIN', email: 'actions-sp-admin@world.example', password: WORLD_PASSWORD });
  await makeUser(em, SP.organization, { role: 'TECHNICIAN', email: 'actions-tech-2@world.example', password: WORLD_PASSWORD });
  await makeUser(em, SP.organization, { role: 'TECHNICIAN', email: 'actions-renamed@world.example', password: WORLD_PASSWORD });
  await makeUser(em, SP.organization, { role: 'STAFF', email: 'actions-sp-staff@world.example', password: WORLD_PASSWORD });
  await makeUser(em, otherSP.organization, { role: 'ADMIN', email: 'actions-other-admin@world.example', password: WORLD_PASSWORD });
  await em.flush();
  const signIn = (email: string) => app.signIn(email, WORLD_PASSWORD);
  Object.assign(sessions, {
    principalAdmin: await signIn(world.users.adminA.email),
    principalManager: await signIn(world.users.managerA.email),
    principalViewer: await signIn(world.users.viewerA.email),
    partnerAdmin: await signIn('actions-sp-admin@world.example'),
    runningTechnician: await signIn(runner.email),
    otherTechnician: await signIn('actions-tech-2@world.example'),
    renamedTechnician: await signIn('actions-renamed@world.example'),
    partnerStaff: await signIn('actions-sp-staff@world.example'),
    otherPartnerAdmin: await signIn('actions-other-admin@world.example'),
  });
});
afterAll(async () => app?.close());

/** Jobs in `status`, assigned to SP where the status has a service partner (started by `runner` once running), written straight to the database. */
async function jobsIn(status: JobStatus, count = 1): Promise<Job[]> {
  const em = app.systemEm();
  const assigned = status !== 'PENDING' && status !== 'CANCELLED';
  const jobs = Array.from({ length: count }, () => {
    const job = em.create(Job, {
      principal: world.principalA,
      kind: 'INSTALLATION',
      vehicle,
      configuration: { settings: {} },
      status,
      servicePartner: assigned ? SP : null,
      technician: status === 'RUNNING' || status === 'SUCCEEDED' || status === 'FAILED' ? runner : null,
    });
    if (status === 'ASSIGNED' || status === 'RUNNING') makeGrant(em, vehicle, SP, { jobId: job.id });
    return job;
  });
  await em.flush();
  return jobs;
}

const inputFor = (id: string, action: JobAction) => ({
  id,
  action,
  reason: ['DECLINE', 'FAIL', 'CANCEL'].includes(action) ? 'because' : null,
  servicePartnerId: ['ASSIGN', 'REASSIGN'].includes(action) ? SP.id : null,
});

/** What the field offers `who` on a job; nothing when the job is not theirs to see. */
async function offered(who: string, id: string): Promise<JobAction[]> {
  const { data, errors } = await app.gql(AVAILABLE, { id }, as(who));
  if (errors?.[0]?.extensions?.['reason'] === 'NOT_FOUND') return [];
  expect(errors).toBeUndefined();
  return data?.job.availableActions;
}

describe('availableActions equals what transitionJob allows', () => {
  const PAIRS = JOB_STATUSES.flatMap((status) => Object.keys(ACTOR_OF).map((who) => [status, who] as const));

  it.each(PAIRS)('a %s job, seen by %s', async (status, who) => {
    const [job] = await jobsIn(status);
    const offer = await offered(who, job?.id ?? '');
    // each action on a job of its own, so one action's success cannot hide another's outcome
    const fresh = await jobsIn(status, JOB_ACTIONS.length);
    const outcomes = await Promise.all(JOB_ACTIONS.map((action, i) => app.gql(TRANSITION, { input: inputFor(fresh[i]?.id ?? '', action) }, as(who))));
    const allowed = JOB_ACTIONS.filter((_, i) => outcomes[i]?.data?.transitionJob.__typename === 'JobSuccess');
    expect(offer).toEqual(allowed);
    // and both are the lifecycle table's row (so an action refused for an unrelated reason would show)
    expect(allowed).toEqual(availableActions(status, ACTOR_OF[who] ?? 'OTHER'));
  });
});

describe('the running technician', () => {
  it('is who started the job, also after an e-mail change; colleagues are offered nothing', async () => {
    const [job] = await jobsIn('ASSIGNED');
    const id = job?.id ?? '';
    const started = await app.gql(TRANSITION, { input: inputFor(id, 'START') }, as('renamedTechnician'));
    expect(started.data?.transitionJob).toEqual({ __typename: 'JobSuccess', job: { status: 'RUNNING', availableActions: ['SUCCEED', 'FAIL'] } });
    expect(await offered('otherTechnician', id)).toEqual([]);

    await app.systemEm().nativeUpdate(User, { email: 'actions-renamed@world.example' }, { email: 'actions-renamed-later@world.example' });
    expect(await offered('renamedTechnician', id)).toEqual(['SUCCEED', 'FAIL']);
    const succeeded = await app.gql(TRANSITION, { input: inputFor(id, 'SUCCEED') }, as('renamedTechnician'));
    expect(succeeded.data?.transitionJob).toEqual({ __typename: 'JobSuccess', job: { status: 'SUCCEEDED', availableActions: [] } });
  });
});

describe('deleted jobs', () => {
  it('offer nothing, as transitionJob no longer finds them', async () => {
    const [job] = await jobsIn('PENDING');
    expect(await offered('principalAdmin', job?.id ?? '')).toEqual(['ASSIGN', 'CANCEL']);
    const { data } = await app.gql(BULK, { input: { ids: [job?.id], action: 'DELETE' } }, as('principalAdmin'));
    expect(data?.bulkJobAction.applicable).toEqual([{ id: job?.id, availableActions: [] }]);
    const cancel = await app.gql(TRANSITION, { input: inputFor(job?.id ?? '', 'CANCEL') }, as('principalAdmin'));
    expect(cancel.data?.transitionJob.code).toBe('NOT_FOUND');
  });
});

describe('a page of jobs', () => {
  it('answers availableActions for 50 rows in as many statements as for 5, for the principal and for a technician, as the job query does', async () => {
    await jobsIn('ASSIGNED', 30);
    await jobsIn('RUNNING', 30);
    for (const who of ['principalAdmin', 'runningTechnician']) {
      const count = (first: number) => app.countStatements(() => app.gql(LIST, { first }, as(who)));
      expect(await count(50)).toBe(await count(5));
      const rows: { id: string; availableActions: JobAction[] }[] = (await app.gql(LIST, { first: 50 }, as(who))).data?.jobs.edges.map((e: { node: unknown }) => e.node);
      expect(rows).toHaveLength(50);
      for (const row of rows.slice(0, 3)) expect(row.availableActions).toEqual(await offered(who, row.id));
      expect(new Set(rows.flatMap((row) => row.availableActions)).size).toBeGreaterThan(0);
    }
  });
});
