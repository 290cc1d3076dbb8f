import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_ACTIONS, JOB_STATUSES, checkTransition } from '@partner-hub/domain';
import type { JobAction, JobActor, JobStatus } from '@partner-hub/domain';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeUser } from '../user/user.factory.js';
import type { User } from '../user/user.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { AccessGrant } from '../vehicle/access-grant.entity.js';
import { makeGrant, makeVehicle } from '../vehicle/vehicle.factory.js';
import type { Vehicle } from '../vehicle/vehicle.entity.js';
import { JobEvent } from './job-event.entity.js';
import { OutboxEmail } from '../mail/outbox-email.entity.js';
import { Job } from './job.entity.js';

const ERR = '... on ErrorResult { code field message } ... on InvalidTransitionError { status }';
const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on JobSuccess { job { id status servicePartner { id } configuration { firmware settings { name value } } } } ${ERR} ... on ValidationError { fieldErrors { field message } } } }`;
const TRANSITION = `mutation($input: TransitionJobInput!) { transitionJob(input: $input) { __typename ... on JobSuccess { job { id status } } ${ERR} } }`;
const DELETE = `mutation($input: JobIdInput!) { deleteJob(input: $input) { __typename ${ERR} } }`;
const VEHICLE = `query($id: ID!) { vehicle(id: $id) { id vin } }`;
const JOB = `query($id: ID!) { job(id: $id) { id status vehicle { vin } configuration { firmware } events { type fromStatus toStatus reason actorLabel } } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let SP: Partner;
let otherSP: Partner;
let vehicle: Vehicle;
/** the technician who runs RUNNING jobs in the table, and a colleague */
let runner: User;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  SP = await em.findOneOrFail(Partner, { organization: world.service });
  otherSP = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
  vehicle = makeVehicle(em, world.principalA);
  runner = world.users.technician;
  await makeUser(em, SP.organization, { role: 'ADMIN', email: 'job-sp-admin@world.example', password: WORLD_PASSWORD });
  await makeUser(em, SP.organization, { role: 'TECHNICIAN', email: 'job-tech-2@world.example', password: WORLD_PASSWORD });
  await makeUser(em, SP.organization, { role: 'STAFF', email: 'job-sp-staff@world.example', password: WORLD_PASSWORD });
  await makeUser(em, otherSP.organization, { role: 'ADMIN', email: 'job-other-admin@world.example', password: WORLD_PASSWORD });
  await em.flush();
  const signIn = (email: string) => app.signIn(email, WORLD_PASSWORD);
  Object.assign(sessions, {
    principalAdmin: await signIn(world.users.adminA.email),
    principalManager: await signIn(world.users.managerA.email),
    principalViewer: await signIn(world.users.viewerA.email),
    partnerAdmin: await signIn('job-sp-admin@world.example'),
    runningTechnician: await signIn(runner.email),
    otherTechnician: await signIn('job-tech-2@world.example'),
    partnerStaff: await signIn('job-sp-staff@world.example'),
    otherPartnerAdmin: await signIn('job-other-admin@world.example'),
  });
});
afterAll(async () => app?.close());

/** A job in `status`, assigned to SP (and, when running, started by `runner`), written straight to the database. */
async function jobIn(status: JobStatus): Promise<Job> {
  const em = app.systemEm();
  const assigned = status !== 'PENDING' && status !== 'CANCELLED';
  const job = em.create(Job, {
    principal: world.principalA,
    kind: 'INSTALLATION',
    vehicle,
    configuration: { settings: {} },
    status,
    servicePartner: assigned ? SP : null,
    technician: status === 'RUNNING' || status === 'SUCCEEDED' || status === 'FAILED' ? runner : null,
  });
  await em.flush();
  return job;
}

/** who each session is to a job of SP, in the lifecycle's terms (for the expectation) */
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

const inputFor = (id: string, action: JobAction) => ({
  id,
  action,
  reason: ['DECLINE', 'FAIL', 'CANCEL'].includes(action) ? 'because' : null,
  servicePartnerId: ['ASSIGN', 'REASSIGN'].includes(action) ? SP.id : null,
});

describe('transitionJob: every (state, action, who)', () => {
  const TRIPLES = JOB_STATUSES.flatMap((status) => JOB_ACTIONS.flatMap((action) => Object.keys(ACTOR_OF).map((who) => [status, action, who] as const)));

  it.each(TRIPLES)('%s + %s by %s', async (status, action, who) => {
    const job = await jobIn(status);
    const { data, errors } = await app.gql(TRANSITION, { input: inputFor(job.id, action) }, { sessionToken: sessions[who] ?? '' });
    const stored = await app.systemEm().findOneOrFail(Job, { id: job.id });
    const events = await app.systemEm().count(JobEvent, { job: job.id });
    const expected = checkTransition(status, action, ACTOR_OF[who] ?? 'OTHER');
    // a viewer without jobs:read, or a partner the job is not assigned to, does not see it at all
    const invisible = (who === 'otherPartnerAdmin' || (who !== 'principalAdmin' && who !== 'principalManager' && who !== 'principalViewer' && !stored.servicePartner));
    if (expected.ok) {
      expect(errors).toBeUndefined();
      expect(data?.transitionJob).toEqual({ __typename: 'JobSuccess', job: { id: job.id, status: expected.to } });
      expect(stored.status).toBe(expected.to);
      expect(events).toBe(1);
    } else {
      if (invisible) expect(data?.transitionJob.__typename).toBe('NotFoundError');
      else expect(data?.transitionJob).toMatchObject({ __typename: 'InvalidTransitionError', code: 'INVALID_TRANSITION', status });
      expect(stored.status).toBe(status);
      expect(stored.version).toBe(1);
      expect(events).toBe(0);
    }
  });
});

describe('Start by two technicians at once', () => {
  it('lets exactly one of 20 parallel Starts win; the others are told the job is already running', async () => {
    const job = await jobIn('ASSIGNED');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.gql(TRANSITION, { input: { id: job.id, action: 'START' } }, { sessionToken: (i % 2 === 0 ? sessions['runningTechnician'] : sessions['otherTechnician']) ?? '' }),
      ),
    );
    const outcomes = results.map((r) => r.data?.transitionJob);
    expect(outcomes.filter((o) => o?.__typename === 'JobSuccess')).toHaveLength(1);
    const refused = outcomes.filter((o) => o?.__typename === 'InvalidTransitionError');
    expect(refused).toHaveLength(19);
    for (const o of refused) expect(o).toMatchObject({ message: 'This job is already running.', status: 'RUNNING' });
    expect(await app.systemEm().count(JobEvent, { job: job.id, type: 'START' })).toBe(1);
  });
});

describe('temporary vehicle access', () => {
  const techSees = async (vehicleId: string) => (await app.gql(VEHICLE, { id: vehicleId }, { sessionToken: sessions['runningTechnician'] ?? '' })).data?.vehicle?.id === vehicleId;

  async function assignedJob(): Promise<{ jobId: string; vehicleId: string }> {
    const em = app.systemEm();
    const v = makeVehicle(em, world.principalA);
    await em.flush();
    const { data } = await app.gql(CREATE, { input: { kind: 'INSTALLATION', vehicleId: v.id, servicePartnerId: SP.id, assign: true, configuration: { firmware: '5.0.2' } } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(data?.createJob.job.status).toBe('ASSIGNED');
    expect(await techSees(v.id)).toBe(true);
    return { jobId: data?.createJob.job.id, vehicleId: v.id };
  }
  const act = (who: string, id: string, action: JobAction) => app.gql(TRANSITION, { input: inputFor(id, action) }, { sessionToken: sessions[who] ?? '' });

  it.each<[string, [string, JobAction][]]>([
    ['succeeds', [['runningTechnician', 'START'], ['runningTechnician', 'SUCCEED']]],
    ['fails', [['runningTechnician', 'START'], ['runningTechnician', 'FAIL']]],
    ['is unassigned', [['principalAdmin', 'UNASSIGN']]],
    ['is declined', [['partnerAdmin', 'DECLINE']]],
    ['is cancelled', [['principalAdmin', 'CANCEL']]],
  ])('ends the moment the job %s: the technician\'s next query for the vehicle is refused', async (_, steps) => {
    const { jobId, vehicleId } = await assignedJob();
    for (const [who, action] of steps) expect((await act(who, jobId, action)).data?.transitionJob.__typename).toBe('JobSuccess');
    expect(await techSees(vehicleId)).toBe(false);
    const job = await app.gql(JOB, { id: jobId }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(job.data?.job.events.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'ASSIGN', ...steps.map(([, action]) => action)]);
  });

  it('ends when the job is deleted', async () => {
    const { jobId, vehicleId } = await assignedJob();
    expect((await app.gql(DELETE, { input: { id: jobId } }, { sessionToken: sessions['principalAdmin'] ?? '' })).data?.deleteJob.__typename).toBe('JobSuccess');
    expect(await techSees(vehicleId)).toBe(false);
  });

  it('ends when its window closes, and a reassignment makes a new grant instead of reviving the old one', async () => {
    const { jobId, vehicleId } = await assignedJob();
    const em = app.systemEm();
    await em.nativeUpdate(AccessGrant, { jobId }, { endsAt: new Date(Date.now() - 1000) });
    expect(await techSees(vehicleId)).toBe(false);
    const running = await jobIn('FAILED');
    const reassigned = await act('principalAdmin', running.id, 'REASSIGN');
    expect(reassigned.data?.transitionJob.job.status).toBe('ASSIGNED');
    expect(await app.systemEm().count(AccessGrant, { jobId: running.id, endedAt: null })).toBe(1);
  });

  it('shows the technician the vehicle and configuration only while the grant lasts', async () => {
    const { jobId } = await assignedJob();
    const during = await app.gql(JOB, { id: jobId }, { sessionToken: sessions['runningTechnician'] ?? '' });
    expect(during.data?.job.configuration).toEqual({ firmware: '5.0.2' });
    expect(during.data?.job.vehicle).not.toBeNull();
    await act('principalAdmin', jobId, 'UNASSIGN');
    const after = await app.gql(JOB, { id: jobId }, { sessionToken: sessions['runningTechnician'] ?? '' });
    expect(after.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_FOUND' });
  });
});

describe('createJob', () => {
  it('refuses a dealer as service partner, a bad date and bad settings, creating nothing', async () => {
    const before = await app.systemEm().count(Job, {});
    const dealer = await app.systemEm().findOneOrFail(Partner, { organization: world.dealer });
    const asDealer = await app.gql(CREATE, { input: { kind: 'INSTALLATION', vehicleId: vehicle.id, servicePartnerId: dealer.id, assign: true } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(asDealer.data?.createJob).toMatchObject({ __typename: 'ValidationError', field: 'servicePartnerId' });
    const badDate = await app.gql(CREATE, { input: { kind: 'INSTALLATION', vehicleId: vehicle.id, scheduledFor: '2027-13-45' } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    // a day is a LocalDate: a month 13 is refused before the mutation runs, saying why
    expect(badDate.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badDate.errors?.[0]?.message).toContain('2027-13-45 is not a day of the calendar.');
    const badSetting = await app.gql(CREATE, { input: { kind: 'MAINTENANCE', vehicleId: vehicle.id, configuration: { settings: [{ name: 'bad name', value: 'x' }] } } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(badSetting.data?.createJob.__typename).toBe('ValidationError');
    const viewer = await app.gql(CREATE, { input: { kind: 'INSTALLATION', vehicleId: vehicle.id } }, { sessionToken: sessions['principalViewer'] ?? '' });
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await app.systemEm().count(Job, {})).toBe(before);
  });
});

describe('updateJob / overrideJobConfiguration', () => {
  const UPDATE = `mutation($input: UpdateJobInput!) { updateJob(input: $input) { __typename ${ERR} } }`;
  const OVERRIDE = `mutation($input: OverrideJobConfigurationInput!) { overrideJobConfiguration(input: $input) { __typename ... on JobSuccess { job { configuration { firmware } } } ${ERR} } }`;

  it('edits a pending job fully, an assigned one only in schedule and instructions', async () => {
    const pending = await jobIn('PENDING');
    const full = await app.gql(UPDATE, { input: { id: pending.id, title: 'New title', configuration: { firmware: '6.0.0' }, scheduledFor: '2027-03-01' } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(full.data?.updateJob.__typename).toBe('JobSuccess');
    const assigned = await jobIn('ASSIGNED');
    const schedule = await app.gql(UPDATE, { input: { id: assigned.id, scheduledFor: '2027-03-02', instructions: 'Ring twice' } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(schedule.data?.updateJob.__typename).toBe('JobSuccess');
    const title = await app.gql(UPDATE, { input: { id: assigned.id, scheduledFor: '2027-03-02', instructions: 'Ring twice', title: 'Changed' } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(title.data?.updateJob).toMatchObject({ __typename: 'InvalidTransitionError', message: expect.stringContaining('title') });
    const events = await app.systemEm().find(JobEvent, { job: assigned.id });
    expect(events.map((e) => e.type)).toEqual(['EDITED']);
  });

  it('lets the running technician change the configuration only when the partner allows overrides, recording old and new values', async () => {
    const em = app.systemEm();
    await em.nativeUpdate(Partner, { id: SP.id }, { allowJobOverride: false });
    const job = await jobIn('RUNNING');
    makeGrant(em, vehicle, SP, { jobId: job.id });
    await em.flush();
    const refused = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { firmware: '9.9.9' } } }, { sessionToken: sessions['runningTechnician'] ?? '' });
    expect(refused.data?.overrideJobConfiguration).toMatchObject({ __typename: 'InvalidTransitionError', message: expect.stringContaining('may not change') });
    expect((await app.systemEm().findOneOrFail(Job, { id: job.id })).configuration).toEqual({ settings: {} });

    await em.nativeUpdate(Partner, { id: SP.id }, { allowJobOverride: true });
    const colleague = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { firmware: '9.9.9' } } }, { sessionToken: sessions['otherTechnician'] ?? '' });
    expect(colleague.data?.overrideJobConfiguration.__typename).toBe('InvalidTransitionError');
    const allowed = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { firmware: '9.9.9', settings: [{ name: 'odometer_source', value: 'CAN' }] } } }, { sessionToken: sessions['runningTechnician'] ?? '' });
    expect(allowed.data?.overrideJobConfiguration).toEqual({ __typename: 'JobSuccess', job: { configuration: { firmware: '9.9.9' } } });
    const [event] = await app.systemEm().find(JobEvent, { job: job.id, type: 'CONFIGURATION_CHANGED' });
    expect(event?.changes).toEqual({ firmware: { from: null, to: '9.9.9' }, 'setting.odometer_source': { from: null, to: 'CAN' } });
    await em.nativeUpdate(Partner, { id: SP.id }, { allowJobOverride: false });
  });

  it('refuses everyone but the running technician and the partner admin, changing nothing, and says so in configurationOverride', async () => {
    const em = app.systemEm();
    await em.nativeUpdate(Partner, { id: SP.id }, { allowJobOverride: true });
    const job = await jobIn('RUNNING');
    makeGrant(em, vehicle, SP, { jobId: job.id });
    await em.flush();
    const STATE = `query($id: ID!) { job(id: $id) { configurationOverride } }`;
    const stateOf = async (who: string) => (await app.gql(STATE, { id: job.id }, { sessionToken: sessions[who] ?? '' })).data?.job?.configurationOverride;
    expect(await stateOf('runningTechnician')).toBe('ALLOWED');
    expect(await stateOf('partnerAdmin')).toBe('ALLOWED');
    expect(await stateOf('otherTechnician')).toBe('NOT_YOURS');
    expect(await stateOf('principalAdmin')).toBe('NOT_YOURS');
    for (const who of ['principalAdmin', 'otherTechnician']) {
      const refused = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { firmware: '1.0.0' } } }, { sessionToken: sessions[who] ?? '' });
      expect(refused.data?.overrideJobConfiguration, who).toMatchObject({ __typename: 'InvalidTransitionError', message: expect.stringContaining('Only the technician running this job') });
    }
    // no jobWork:write: forbidden before anything is looked at; another partner does not see the job at all
    for (const who of ['principalManager', 'principalViewer', 'partnerStaff']) {
      const forbidden = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { firmware: '1.0.0' } } }, { sessionToken: sessions[who] ?? '' });
      expect(forbidden.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
    const stranger = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { firmware: '1.0.0' } } }, { sessionToken: sessions['otherPartnerAdmin'] ?? '' });
    expect(stranger.data?.overrideJobConfiguration).toMatchObject({ __typename: 'NotFoundError' });
    // the domain rules, with the error on its field
    const tooLong = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { fuelType: 'x'.repeat(41) } } }, { sessionToken: sessions['runningTechnician'] ?? '' });
    expect(tooLong.data?.overrideJobConfiguration).toMatchObject({ __typename: 'ValidationError', field: 'configuration.fuelType', message: 'A fuel type has at most 40 characters.' });
    expect((await app.systemEm().findOneOrFail(Job, { id: job.id })).configuration).toEqual({ settings: {} });
    const byAdmin = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { fuelType: 'diesel' } } }, { sessionToken: sessions['partnerAdmin'] ?? '' });
    expect(byAdmin.data?.overrideJobConfiguration.__typename).toBe('JobSuccess');
    const unchanged = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { fuelType: 'diesel' } } }, { sessionToken: sessions['partnerAdmin'] ?? '' });
    expect(unchanged.data?.overrideJobConfiguration).toMatchObject({ __typename: 'ValidationError', message: 'Nothing changed.' });

    // not while assigned; and the partner's people learn when their organization may not override
    const assigned = await jobIn('ASSIGNED');
    const early = await app.gql(OVERRIDE, { input: { id: assigned.id, configuration: { firmware: '1.0.0' } } }, { sessionToken: sessions['partnerAdmin'] ?? '' });
    expect(early.data?.overrideJobConfiguration).toMatchObject({ __typename: 'InvalidTransitionError', status: 'ASSIGNED', message: 'The configuration can be changed only while the job runs.' });
    await em.nativeUpdate(Partner, { id: SP.id }, { allowJobOverride: false });
    expect(await stateOf('runningTechnician')).toBe('PARTNER_DISALLOWS');
    expect(await stateOf('otherTechnician')).toBe('PARTNER_DISALLOWS');
    expect(await stateOf('principalAdmin')).toBe('NOT_YOURS');
    const byAdminNow = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { fuelType: 'petrol' } } }, { sessionToken: sessions['partnerAdmin'] ?? '' });
    expect(byAdminNow.data?.overrideJobConfiguration).toMatchObject({ __typename: 'InvalidTransitionError', message: expect.stringContaining('may not change') });
    const events = await app.systemEm().find(JobEvent, { job: job.id, type: 'CONFIGURATION_CHANGED' });
    expect(events.map((e) => e.changes)).toEqual([{ fuelType: { from: null, to: 'diesel' } }]);
  });

  it('refuses the running technician once the access window closed', async () => {
    const em = app.systemEm();
    await em.nativeUpdate(Partner, { id: SP.id }, { allowJobOverride: true });
    const other = makeVehicle(em, world.principalA);
    await em.flush();
    const job = em.create(Job, { principal: world.principalA, kind: 'MAINTENANCE', vehicle: other, configuration: { settings: {} }, status: 'RUNNING', servicePartner: SP, technician: runner });
    await em.flush();
    makeGrant(em, other, SP, { jobId: job.id, startsAt: new Date(Date.now() - 7_200_000), endsAt: new Date(Date.now() - 60_000) });
    await em.flush();
    const state = await app.gql(`query($id: ID!) { job(id: $id) { configurationOverride configuration { firmware } } }`, { id: job.id }, { sessionToken: sessions['runningTechnician'] ?? '' });
    expect(state.data?.job).toEqual({ configurationOverride: 'ACCESS_ENDED', configuration: null });
    const refused = await app.gql(OVERRIDE, { input: { id: job.id, configuration: { firmware: '1.0.0' } } }, { sessionToken: sessions['runningTechnician'] ?? '' });
    expect(refused.data?.overrideJobConfiguration).toMatchObject({ __typename: 'InvalidTransitionError', message: expect.stringContaining('access to this vehicle has ended') });
    await em.nativeUpdate(Partner, { id: SP.id }, { allowJobOverride: false });
  });

  it('refuses a setting named twice', async () => {
    const job = await jobIn('PENDING');
    const twice = await app.gql(UPDATE, { input: { id: job.id, configuration: { settings: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] } } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(twice.data?.updateJob).toMatchObject({ __typename: 'ValidationError', field: 'configuration.settings' });
  });
});

describe('bulk actions and the assignment e-mail', () => {
  const PREVIEW = `query($input: BulkJobActionInput!) { bulkJobActionPreview(input: $input) { applicable { id } refused { job { id } message } } }`;
  const BULK = `mutation($input: BulkJobActionInput!) { bulkJobAction(input: $input) { __typename ... on BulkJobActionPlan { applicable { id status } refused { job { id status } message } } ... on ErrorResult { code field message } } }`;

  it('says which jobs an action would change and which it refuses, then changes exactly those, with one e-mail to the partner’s admins', async () => {
    const pending = [await jobIn('PENDING'), await jobIn('PENDING'), await jobIn('PENDING')];
    const running = await jobIn('RUNNING');
    const ids = [...pending.map((j) => j.id), running.id];
    const input = { ids, action: 'ASSIGN', servicePartnerId: SP.id };
    const preview = await app.gql(PREVIEW, { input }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(preview.data?.bulkJobActionPreview.applicable.map((j: { id: string }) => j.id).sort()).toEqual(pending.map((j) => j.id).sort());
    expect(preview.data?.bulkJobActionPreview.refused).toEqual([{ job: { id: running.id }, message: 'A running job cannot be assigned.' }]);

    const mails = async () => (await app.systemEm().find(OutboxEmail, { to: { $like: '%job-sp-admin@world.example%' } })).length;
    const before = await mails();
    const result = await app.gql(BULK, { input }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(result.data?.bulkJobAction.applicable.map((j: { status: string }) => j.status)).toEqual(['ASSIGNED', 'ASSIGNED', 'ASSIGNED']);
    expect(result.data?.bulkJobAction.refused).toEqual([{ job: { id: running.id, status: 'RUNNING' }, message: 'A running job cannot be assigned.' }]);
    expect(await mails()).toBe(before + 1);
    expect(await app.systemEm().count(AccessGrant, { jobId: { $in: pending.map((j) => j.id) }, endedAt: null })).toBe(3);
  });

  it('changes nothing when one job of the selection is not the viewer’s', async () => {
    const mine = await jobIn('PENDING');
    const foreign = await jobIn('ASSIGNED');
    const result = await app.gql(BULK, { input: { ids: [mine.id, foreign.id], action: 'CANCEL', reason: 'no longer needed' } }, { sessionToken: sessions['partnerAdmin'] ?? '' });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const asPrincipal = await app.gql(BULK, { input: { ids: [mine.id, '01a20a4e-0000-7000-8000-000000000000'], action: 'CANCEL', reason: 'x' } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(asPrincipal.data?.bulkJobAction).toMatchObject({ __typename: 'NotFoundError', field: 'ids' });
    expect((await app.systemEm().findOneOrFail(Job, { id: mine.id })).status).toBe('PENDING');
  });
});

describe('createJob from a template', () => {
  const TEMPLATE = `mutation($input: CreateJobTemplateInput!) { createJobTemplate(input: $input) { __typename ... on JobTemplateSuccess { jobTemplate { id } } } }`;

  it('fills title, configuration and the service partner from the template, the job’s own values winning, and assigns with "Save & Assign"', async () => {
    const made = await app.gql(
      TEMPLATE,
      { input: { name: `Install CB4 ${Date.now()}`, kind: 'INSTALLATION', title: 'Install CloudBoxx 4', configuration: { deviceModel: 'CloudBoxx 4', firmware: '5.0.2', settings: [{ name: 'odometer_source', value: 'CAN' }] }, defaultServicePartnerId: SP.id } },
      { sessionToken: sessions['principalAdmin'] ?? '' },
    );
    const templateId = made.data?.createJobTemplate.jobTemplate.id;
    expect(templateId).toBeTruthy();
    const { data } = await app.gql(
      CREATE,
      { input: { kind: 'INSTALLATION', vehicleId: vehicle.id, templateId, assign: true, configuration: { firmware: '5.1.0' } } },
      { sessionToken: sessions['principalAdmin'] ?? '' },
    );
    expect(data?.createJob.job).toMatchObject({ status: 'ASSIGNED', servicePartner: { id: SP.id }, configuration: { firmware: '5.1.0', settings: [{ name: 'odometer_source', value: 'CAN' }] } });
    const wrongKind = await app.gql(CREATE, { input: { kind: 'MAINTENANCE', vehicleId: vehicle.id, templateId } }, { sessionToken: sessions['principalAdmin'] ?? '' });
    expect(wrongKind.data?.createJob).toMatchObject({ __typename: 'ValidationError', field: 'templateId' });
  });
});
