import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '@partner-hub/domain';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { ImportBatch } from '../import/import-batch.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { makeUser } from '../user/user.factory.js';
import { AccessGrant } from '../vehicle/access-grant.entity.js';
import { makeGrant, makeVehicle } from '../vehicle/vehicle.factory.js';
import type { Vehicle } from '../vehicle/vehicle.entity.js';
import { JobEvent } from './job-event.entity.js';
import { JobTemplate } from './job-template.entity.js';
import { Job } from './job.entity.js';

const PREVIEW = `query($input: BulkJobActionInput!) { bulkJobActionPreview(input: $input) { applicable { id } refused { job { id } message } } }`;
const BULK = `mutation($input: BulkJobActionInput!) { bulkJobAction(input: $input) { __typename ... on BulkJobActionPlan { applicable { id status scheduledFor } refused { job { id status } message } } ... on ErrorResult { code field message } } }`;
const LIST = `query($first: Int) { jobs(first: $first) { edges { node { id status scheduledFor servicePartner { name } template { name } importBatch { fileName } } } } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let SP: Partner;
let vehicle: Vehicle;
const sessions: Record<string, string> = {};
const as = (who: string) => ({ sessionToken: sessions[who] ?? '' });

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  SP = await em.findOneOrFail(Partner, { organization: world.service });
  vehicle = makeVehicle(em, world.principalA);
  await makeUser(em, SP.organization, { role: 'ADMIN', email: 'bulk-sp-admin@world.example', password: WORLD_PASSWORD });
  await em.flush();
  const signIn = (email: string) => app.signIn(email, WORLD_PASSWORD);
  Object.assign(sessions, {
    principalAdmin: await signIn(world.users.adminA.email),
    principalViewer: await signIn(world.users.viewerA.email),
    partnerAdmin: await signIn('bulk-sp-admin@world.example'),
    technician: await signIn(world.users.technician.email),
    otherPrincipal: await signIn(world.users.adminB.email),
  });
});
afterAll(async () => app?.close());

/** Jobs in these statuses (assigned ones to SP, with an open grant while they hold one), written straight to the database. */
async function jobsIn(statuses: JobStatus[], scheduledFor: string | null = '2027-01-15'): Promise<Job[]> {
  const em = app.systemEm();
  const jobs = statuses.map((status) => {
    const assigned = status !== 'PENDING' && status !== 'CANCELLED';
    const job = em.create(Job, { principal: world.principalA, kind: 'INSTALLATION', vehicle, configuration: { settings: {} }, status, scheduledFor, servicePartner: assigned ? SP : null, title: `${status} job` });
    if (status === 'ASSIGNED' || status === 'RUNNING') makeGrant(em, vehicle, SP, { jobId: job.id });
    return job;
  });
  await em.flush();
  return jobs;
}

/** The jobs as stored now, in the order given (jobs made in one go can share a created_at). */
async function reload(jobs: Job[]): Promise<Job[]> {
  const rows = await app.systemEm().find(Job, { id: { $in: jobs.map((j) => j.id) } }, { filters: false });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return jobs.map((job) => byId.get(job.id) as Job);
}
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('bulk RESCHEDULE', () => {
  it('moves pending and assigned jobs to the new day, refusing the others with the reason, one EDITED event and audit record per job', async () => {
    const [pending, assigned, running, succeeded, cancelled] = await jobsIn(['PENDING', 'ASSIGNED', 'RUNNING', 'SUCCEEDED', 'CANCELLED']);
    const [sameDay] = await jobsIn(['PENDING'], '2027-03-01');
    const selection = [pending, assigned, running, succeeded, cancelled, sameDay] as Job[];
    const input = { ids: selection.map((j) => j.id), action: 'RESCHEDULE', scheduledFor: '2027-03-01' };

    const preview = (await app.gql(PREVIEW, { input }, as('principalAdmin'))).data?.bulkJobActionPreview;
    expect(ids(preview.applicable)).toEqual(ids([pending, assigned] as Job[]));
    expect(preview.refused).toEqual(
      expect.arrayContaining([
        { job: { id: running?.id }, message: 'A running job cannot be rescheduled.' },
        { job: { id: succeeded?.id }, message: 'A succeeded job cannot be rescheduled.' },
        { job: { id: cancelled?.id }, message: 'A cancelled job cannot be rescheduled.' },
        { job: { id: sameDay?.id }, message: 'It is already scheduled for 2027-03-01.' },
      ]),
    );
    expect(preview.refused).toHaveLength(4);

    const result = (await app.gql(BULK, { input }, as('principalAdmin'))).data?.bulkJobAction;
    expect(result.__typename).toBe('BulkJobActionPlan');
    expect(result.applicable.map((j: { status: string; scheduledFor: string }) => [j.status, j.scheduledFor])).toEqual([['PENDING', '2027-03-01'], ['ASSIGNED', '2027-03-01']]);
    const after = await reload(selection);
    expect(after.map((j) => [j.status, j.scheduledFor])).toEqual([
      ['PENDING', '2027-03-01'], ['ASSIGNED', '2027-03-01'], ['RUNNING', '2027-01-15'], ['SUCCEEDED', '2027-01-15'], ['CANCELLED', '2027-01-15'], ['PENDING', '2027-03-01'],
    ]);
    const em = app.systemEm();
    const events = await em.find(JobEvent, { job: { $in: selection.map((j) => j.id) } }, { filters: false });
    expect(events.map((e) => [e.job.id, e.type, e.changes])).toEqual(
      expect.arrayContaining([
        [pending?.id, 'EDITED', { scheduledFor: { from: '2027-01-15', to: '2027-03-01' } }],
        [assigned?.id, 'EDITED', { scheduledFor: { from: '2027-01-15', to: '2027-03-01' } }],
      ]),
    );
    expect(events).toHaveLength(2);
    expect(await em.count(AuditEvent, { action: 'job.edited', objectId: { $in: selection.map((j) => j.id) } }, { filters: false })).toBe(2);
  });

  it('refuses a missing or impossible day before anything changes', async () => {
    const [pending] = await jobsIn(['PENDING']);
    const missing = (await app.gql(BULK, { input: { ids: [pending?.id], action: 'RESCHEDULE', scheduledFor: null } }, as('principalAdmin'))).data?.bulkJobAction;
    expect(missing).toMatchObject({ __typename: 'ValidationError', field: 'scheduledFor', message: 'Choose the new day.' });
    // a LocalDate that is no day of the calendar is refused by the scalar, saying which value and why
    for (const [scheduledFor, reason] of [
      ['2027-02-30', '2027-02-30 is not a day of the calendar.'],
      ['next week', '"next week" is not a date: use YYYY-MM-DD, e.g. 2027-01-31.'],
      ['2027-01-15T00:00:00Z', '"2027-01-15T00:00:00Z" is not a date: use YYYY-MM-DD, e.g. 2027-01-31.'],
    ]) {
      const { data, errors } = await app.gql(BULK, { input: { ids: [pending?.id], action: 'RESCHEDULE', scheduledFor } }, as('principalAdmin'));
      expect(data).toBeUndefined();
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toBe(`Variable "$input" got invalid value "${scheduledFor}" at "input.scheduledFor"; ${reason}`);
    }
    expect((await reload([pending as Job]))[0]?.scheduledFor).toBe('2027-01-15');
  });

  it('answers the scheduled day as the same LocalDate it was given', async () => {
    const [pending] = await jobsIn(['PENDING']);
    const result = (await app.gql(BULK, { input: { ids: [pending?.id], action: 'RESCHEDULE', scheduledFor: '2026-11-05' } }, as('principalAdmin'))).data?.bulkJobAction;
    expect(result.applicable).toEqual([{ id: pending?.id, status: 'PENDING', scheduledFor: '2026-11-05' }]);
    const filtered = await app.gql(`query($filter: JobFilter) { jobs(first: 5, filter: $filter) { edges { node { id scheduledFor } } } }`, { filter: { scheduledFrom: '2026-11-05', scheduledTo: '2026-11-05' } }, as('principalAdmin'));
    expect(filtered.data?.jobs.edges.map((e: { node: unknown }) => e.node)).toContainEqual({ id: pending?.id, scheduledFor: '2026-11-05' });
    const refused = await app.gql(`query { jobs(first: 1, filter: { scheduledFrom: "2026-13-01" }) { totalCount } }`, {}, as('principalAdmin'));
    expect(refused.errors?.[0]?.message).toContain('2026-13-01 is not a day of the calendar.');
  });
});

describe('bulk REASSIGN', () => {
  const input = (jobs: Job[]) => ({ ids: jobs.map((j) => j.id), action: 'REASSIGN', servicePartnerId: SP.id });

  it('gives failed jobs a new attempt with the service partner and a new grant, refusing the others with the reason', async () => {
    const selection = await jobsIn(['FAILED', 'FAILED', 'PENDING']);
    const result = (await app.gql(BULK, { input: input(selection) }, as('principalAdmin'))).data?.bulkJobAction;
    expect(ids(result.applicable)).toEqual(ids(selection.slice(0, 2)));
    expect(result.refused).toEqual([{ job: { id: selection[2]?.id, status: 'PENDING' }, message: expect.stringContaining('pending') }]);
    expect((await reload(selection)).map((j) => [j.status, j.attempt])).toEqual([['ASSIGNED', 2], ['ASSIGNED', 2], ['PENDING', 1]]);
    const grants = await app.systemEm().find(AccessGrant, { jobId: { $in: selection.map((j) => j.id) } }, { filters: false });
    expect(grants.map((g) => g.jobId).sort()).toEqual(ids(selection.slice(0, 2)));
  });

  it.each(['principalViewer', 'partnerAdmin', 'technician'])('refuses %s, changing nothing', async (who) => {
    const selection = await jobsIn(['FAILED']);
    expect((await app.gql(PREVIEW, { input: input(selection) }, as(who))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(BULK, { input: input(selection) }, as(who))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await reload(selection)).map((j) => [j.status, j.attempt])).toEqual([['FAILED', 1]]);
  });

  it("answers another principal as if the jobs did not exist, and changes none of a selection holding one of theirs", async () => {
    const selection = await jobsIn(['FAILED']);
    expect((await app.gql(BULK, { input: input(selection) }, as('otherPrincipal'))).data?.bulkJobAction).toMatchObject({ __typename: 'NotFoundError', field: 'ids' });
    const em = app.systemEm();
    const theirs = em.create(Job, { principal: world.principalB, kind: 'INSTALLATION', vehicle: makeVehicle(em, world.principalB), configuration: { settings: {} }, status: 'FAILED' });
    await em.flush();
    const mixed = { ...input(selection), ids: [selection[0]?.id, theirs.id] };
    expect((await app.gql(BULK, { input: mixed }, as('principalAdmin'))).data?.bulkJobAction).toMatchObject({ __typename: 'NotFoundError', field: 'ids' });
    expect((await reload([...selection, theirs])).map((j) => [j.status, j.attempt])).toEqual([['FAILED', 1], ['FAILED', 1]]);
  });
});

describe('bulk DELETE', () => {
  it('deletes every selected job but a running one, ending their grants, one DELETED event per job; the list no longer shows them', async () => {
    const selection = await jobsIn(['PENDING', 'ASSIGNED', 'FAILED', 'RUNNING', 'CANCELLED']);
    const [pending, assigned, failed, running, cancelled] = selection as [Job, Job, Job, Job, Job];
    const input = { ids: selection.map((j) => j.id), action: 'DELETE' };
    const preview = (await app.gql(PREVIEW, { input }, as('principalAdmin'))).data?.bulkJobActionPreview;
    expect(ids(preview.applicable)).toEqual(ids([pending, assigned, failed, cancelled]));
    expect(preview.refused).toEqual([{ job: { id: running.id }, message: 'A running job cannot be deleted; let the technician finish or fail it first.' }]);

    const result = (await app.gql(BULK, { input }, as('principalAdmin'))).data?.bulkJobAction;
    expect(result.applicable).toHaveLength(4);
    const after = await reload(selection);
    expect(after.map((j) => [j.status, j.deletedAt !== null && j.deletedAt !== undefined])).toEqual([
      ['PENDING', true], ['ASSIGNED', true], ['FAILED', true], ['RUNNING', false], ['CANCELLED', true],
    ]);
    const em = app.systemEm();
    expect(await em.count(AccessGrant, { jobId: assigned.id, endedAt: null }, { filters: false })).toBe(0);
    expect(await em.count(AccessGrant, { jobId: running.id, endedAt: null }, { filters: false })).toBe(1);
    const events = await em.find(JobEvent, { job: { $in: selection.map((j) => j.id) } }, { filters: false });
    expect(events.map((e) => e.type)).toEqual(['DELETED', 'DELETED', 'DELETED', 'DELETED']);
    const listed = (await app.gql(LIST, { first: 200 }, as('principalAdmin'))).data?.jobs.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(listed).toContain(running.id);
    for (const job of [pending, assigned, failed, cancelled]) expect(listed).not.toContain(job.id);
  });

  it('answers a selection none of which can take the action with the first reason, changing nothing', async () => {
    const [running] = await jobsIn(['RUNNING']);
    const result = (await app.gql(BULK, { input: { ids: [running?.id], action: 'DELETE' } }, as('principalAdmin'))).data?.bulkJobAction;
    expect(result).toMatchObject({ __typename: 'ValidationError', field: 'ids', message: expect.stringMatching(/^None of the selected jobs can take this action: .+/) });
    expect((await reload([running as Job]))[0]).toMatchObject({ status: 'RUNNING', deletedAt: null });
  });

  it('keeps the cap of 1,000 jobs', async () => {
    const tooMany = Array.from({ length: 1001 }, (_, i) => `01a20a4e-0000-7000-8000-${String(i).padStart(12, '0')}`);
    const result = (await app.gql(BULK, { input: { ids: tooMany, action: 'DELETE' } }, as('principalAdmin'))).data?.bulkJobAction;
    expect(result).toMatchObject({ __typename: 'ValidationError', field: 'ids', message: 'Select between 1 and 1000 jobs.' });
  });
});

describe('who may act in bulk', () => {
  it.each([
    ['principalViewer', 'FORBIDDEN'],
    ['partnerAdmin', 'FORBIDDEN'],
    ['technician', 'FORBIDDEN'],
  ])('refuses %s (%s) for reschedule and delete, changing nothing', async (who, code) => {
    const selection = await jobsIn(['PENDING', 'ASSIGNED']);
    for (const input of [{ action: 'RESCHEDULE', scheduledFor: '2027-06-01' }, { action: 'DELETE' }]) {
      const full = { ...input, ids: selection.map((j) => j.id) };
      expect((await app.gql(PREVIEW, { input: full }, as(who))).errors?.[0]?.extensions?.code).toBe(code);
      expect((await app.gql(BULK, { input: full }, as(who))).errors?.[0]?.extensions?.code).toBe(code);
    }
    expect((await reload(selection)).map((j) => [j.scheduledFor, j.deletedAt ?? null])).toEqual([['2027-01-15', null], ['2027-01-15', null]]);
  });

  it('answers another principal as if the jobs did not exist, changing nothing', async () => {
    const selection = await jobsIn(['PENDING']);
    for (const input of [{ action: 'RESCHEDULE', scheduledFor: '2027-06-01' }, { action: 'DELETE' }]) {
      const result = (await app.gql(BULK, { input: { ...input, ids: selection.map((j) => j.id) } }, as('otherPrincipal'))).data?.bulkJobAction;
      expect(result).toMatchObject({ __typename: 'NotFoundError', field: 'ids' });
    }
    expect((await reload(selection)).map((j) => [j.scheduledFor, j.deletedAt ?? null])).toEqual([['2027-01-15', null]]);
  });
});

describe('all or nothing', () => {
  it('changes none of the selection when one job is another principal’s', async () => {
    const mine = await jobsIn(['PENDING', 'ASSIGNED']);
    const em = app.systemEm();
    const theirs = em.create(Job, { principal: world.principalB, kind: 'INSTALLATION', vehicle: makeVehicle(em, world.principalB), configuration: { settings: {} }, status: 'PENDING', scheduledFor: '2027-01-15' });
    await em.flush();
    for (const input of [{ action: 'RESCHEDULE', scheduledFor: '2027-06-01' }, { action: 'DELETE' }, { action: 'CANCEL', reason: 'gone' }]) {
      const result = (await app.gql(BULK, { input: { ...input, ids: [...mine.map((j) => j.id), theirs.id] } }, as('principalAdmin'))).data?.bulkJobAction;
      expect(result).toMatchObject({ __typename: 'NotFoundError', field: 'ids' });
    }
    expect((await reload([...mine, theirs])).map((j) => [j.status, j.scheduledFor, j.deletedAt ?? null])).toEqual([
      ['PENDING', '2027-01-15', null], ['ASSIGNED', '2027-01-15', null], ['PENDING', '2027-01-15', null],
    ]);
    expect(await app.systemEm().count(JobEvent, { job: { $in: [...mine.map((j) => j.id), theirs.id] } }, { filters: false })).toBe(0);
  });
});

describe('statements', () => {
  it('previews 100 jobs in as many statements as 5', async () => {
    const small = await jobsIn(Array.from({ length: 5 }, () => 'PENDING' as const));
    const large = await jobsIn(Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 'RUNNING' : 'PENDING') as JobStatus));
    const count = (jobs: Job[]) => app.countStatements(() => app.gql(PREVIEW, { input: { ids: jobs.map((j) => j.id), action: 'DELETE' } }, as('principalAdmin')));
    const [few, many] = [await count(small), await count(large)];
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(4);
  });

  it('lists a page of 50 with template and import batch in as many statements as a page of 5; partners see neither', async () => {
    const jobs = await jobsIn(Array.from({ length: 60 }, (_, i) => (i % 2 ? 'PENDING' : 'ASSIGNED') as JobStatus));
    const em = app.systemEm();
    const templates = [0, 1, 2].map((i) => em.create(JobTemplate, { principal: world.principalA, name: `Bulk template ${i}`, kind: 'INSTALLATION', configuration: { settings: {} } }));
    const batches = [0, 1].map((i) => em.create(ImportBatch, { organization: world.principalA, kind: 'JOBS', fileName: `jobs-${i}.csv`, createdByLabel: 'admin', rowCount: 30 }));
    await em.flush();
    for (const [i, job] of jobs.entries()) await em.nativeUpdate(Job, { id: job.id }, { template: templates[i % 3], importBatch: batches[i % 2] });

    const count = (first: number) => app.countStatements(async () => {
      const rows = (await app.gql(LIST, { first }, as('principalAdmin'))).data?.jobs.edges;
      expect(rows.every((r: { node: { template: { name: string }; importBatch: { fileName: string } } }) => r.node.template.name.startsWith('Bulk template') && r.node.importBatch.fileName.startsWith('jobs-'))).toBe(true);
    });
    expect(await count(50)).toBe(await count(5));

    const partnerRows = (await app.gql(LIST, { first: 5 }, as('partnerAdmin'))).data?.jobs.edges;
    expect(partnerRows.length).toBe(5);
    for (const row of partnerRows) expect([row.node.template, row.node.importBatch]).toEqual([null, null]);
  });
});
