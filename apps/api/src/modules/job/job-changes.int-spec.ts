import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../app/create-server.js';
import type { RunningServer } from '../../app/create-server.js';
import { contextFor } from '../../app/request-context.js';
import { inTransaction } from '../../common/context/request-context.js';
import type { JobChangedPayload } from '../../common/context/events.js';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { Partner } from '../partner/partner.entity.js';
import { makeUser } from '../user/user.factory.js';
import { makeVehicle } from '../vehicle/vehicle.factory.js';
import type { Vehicle } from '../vehicle/vehicle.entity.js';
import { Job } from './job.entity.js';
import { createJob } from './job.service.js';
import { jobsImportsSettled } from './jobs-import.service.js';

const ERR = '... on ErrorResult { code message }';
const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on JobSuccess { job { id } } ${ERR} } }`;
const TRANSITION = `mutation($input: TransitionJobInput!) { transitionJob(input: $input) { __typename ${ERR} } }`;
const UPDATE = `mutation($input: UpdateJobInput!) { updateJob(input: $input) { __typename ${ERR} } }`;
const OVERRIDE = `mutation($input: OverrideJobConfigurationInput!) { overrideJobConfiguration(input: $input) { __typename ${ERR} } }`;
const DELETE = `mutation($input: JobIdInput!) { deleteJob(input: $input) { __typename ${ERR} } }`;
const BULK = `mutation($input: BulkJobActionInput!) { bulkJobAction(input: $input) { __typename ... on BulkJobActionPlan { applicable { id } refused { job { id } } } ${ERR} } }`;
const START_IMPORT = `mutation($input: JobsImportInput!) { startJobsImport(input: $input) { __typename ... on JobsImportStarted { batch { id } } } }`;

let app: TestApp;
let server: RunningServer;
let world: Awaited<ReturnType<typeof buildWorld>>;
let SP: Partner;
let vehicle: Vehicle;
const sessions: Record<string, string> = {};
const as = (who: string) => ({ sessionToken: sessions[who] ?? '' });

/** Every JOB_CHANGED event, with what a separate connection read of its jobs at the moment it was published. */
const heard: { event: JobChangedPayload; committed: Promise<Map<string, Job>> }[] = [];

beforeAll(async () => {
  app = await createTestApp();
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
  const em = app.systemEm();
  world = await buildWorld(em);
  SP = await em.findOneOrFail(Partner, { organization: world.service });
  await em.nativeUpdate(Partner, { id: SP.id }, { allowJobOverride: true, code: 'CHGSP' });
  vehicle = makeVehicle(em, world.principalA);
  await makeUser(em, world.service, { role: 'ADMIN', email: 'changes-sp-admin@world.example', password: WORLD_PASSWORD });
  await em.flush();
  Object.assign(sessions, {
    manager: await app.signIn(world.users.managerA.email, WORLD_PASSWORD),
    technician: await app.signIn(world.users.technician.email, WORLD_PASSWORD),
    partnerAdmin: await app.signIn('changes-sp-admin@world.example', WORLD_PASSWORD),
  });
  app.deps.pubSub.listen('JOB_CHANGED', (event) => {
    // read at once, on another connection: a change published before its commit would not be there yet
    const committed = app
      .systemEm()
      .find(Job, { id: { $in: event.jobIds } }, { filters: false })
      .then((jobs) => new Map(jobs.map((job) => [job.id, job])));
    heard.push({ event, committed });
  });
});
afterAll(async () => {
  await jobsImportsSettled();
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

/** Runs `act` and returns the JOB_CHANGED events it published. */
async function published(act: () => Promise<unknown>): Promise<{ event: JobChangedPayload; committed: Map<string, Job> }[]> {
  const mark = heard.length;
  await act();
  return Promise.all(heard.slice(mark).map(async ({ event, committed }) => ({ event, committed: await committed })));
}

async function ok(query: string, input: Record<string, unknown>, who: string, typename = 'JobSuccess'): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- result shapes
  const { data, errors } = await app.gql(query, { input }, as(who));
  expect(errors).toBeUndefined();
  const result = Object.values(data ?? {})[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result shapes
  expect(result, JSON.stringify(result)).toMatchObject({ __typename: typename });
  return result;
}

const createInput = (extra: Record<string, unknown> = {}) => ({ kind: 'INSTALLATION', vehicleId: vehicle.id, configuration: { firmware: '1.0' }, scheduledFor: '2027-02-01', ...extra });

describe('JOB_CHANGED', () => {
  it('is published once per change, after its commit (the jobs read elsewhere already show it), naming the jobs and their partners', async () => {
    let jobId = '';
    const created = await published(async () => (jobId = (await ok(CREATE, createInput(), 'manager')).job.id));
    expect(created.map((c) => c.event)).toEqual([{ principalId: world.principalA.id, change: 'CREATED', jobIds: [jobId], servicePartnerIds: [], formerServicePartnerIdByJob: {}, importBatchId: null }]);
    expect(created[0]?.committed.get(jobId)?.status).toBe('PENDING');

    const updated = await published(() => ok(UPDATE, { id: jobId, title: 'Fit the unit' }, 'manager'));
    expect(updated.map((c) => c.event)).toMatchObject([{ change: 'UPDATED', jobIds: [jobId], servicePartnerIds: [] }]);
    expect(updated[0]?.committed.get(jobId)?.title).toBe('Fit the unit');

    const assigned = await published(() => ok(TRANSITION, { id: jobId, action: 'ASSIGN', servicePartnerId: SP.id }, 'manager'));
    expect(assigned.map((c) => c.event)).toMatchObject([{ change: 'TRANSITIONED', jobIds: [jobId], servicePartnerIds: [SP.id], formerServicePartnerIdByJob: {} }]);
    expect(assigned[0]?.committed.get(jobId)?.status).toBe('ASSIGNED');

    const declined = await published(() => ok(TRANSITION, { id: jobId, action: 'DECLINE', reason: 'No slot' }, 'partnerAdmin'));
    expect(declined.map((c) => c.event)).toMatchObject([{ change: 'TRANSITIONED', servicePartnerIds: [SP.id], formerServicePartnerIdByJob: { [jobId]: SP.id } }]);
    expect(declined[0]?.committed.get(jobId)?.status).toBe('PENDING');

    await ok(TRANSITION, { id: jobId, action: 'ASSIGN', servicePartnerId: SP.id }, 'manager');
    const started = await published(() => ok(TRANSITION, { id: jobId, action: 'START' }, 'technician'));
    expect(started.map((c) => c.event)).toMatchObject([{ change: 'TRANSITIONED', jobIds: [jobId], servicePartnerIds: [SP.id] }]);
    expect(started[0]?.committed.get(jobId)?.status).toBe('RUNNING');

    const overridden = await published(() => ok(OVERRIDE, { id: jobId, configuration: { firmware: '2.0' } }, 'technician'));
    expect(overridden.map((c) => c.event)).toMatchObject([{ change: 'CONFIGURATION_OVERRIDDEN', jobIds: [jobId], servicePartnerIds: [SP.id] }]);
    expect(overridden[0]?.committed.get(jobId)?.configuration).toMatchObject({ firmware: '2.0' });

    const failed = await published(() => ok(TRANSITION, { id: jobId, action: 'FAIL', reason: 'Wrong harness' }, 'technician'));
    expect(failed[0]?.committed.get(jobId)?.status).toBe('FAILED');

    const deletedJob = (await ok(CREATE, createInput(), 'manager')).job.id as string;
    const deleted = await published(() => ok(DELETE, { id: deletedJob }, 'manager'));
    expect(deleted.map((c) => c.event)).toMatchObject([{ change: 'DELETED', jobIds: [deletedJob] }]);
    expect(deleted[0]?.committed.get(deletedJob)?.deletedAt).toBeInstanceOf(Date);
  });

  it('is one event per bulk action, with every job it changed and none it refused', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await ok(CREATE, createInput(), 'manager')).job.id);
    const running = (await ok(CREATE, createInput({ assign: true, servicePartnerId: SP.id }), 'manager')).job.id as string;
    await ok(TRANSITION, { id: running, action: 'START' }, 'technician');

    const assigned = await published(() => ok(BULK, { ids: [...ids, running], action: 'ASSIGN', servicePartnerId: SP.id }, 'manager', 'BulkJobActionPlan'));
    expect(assigned.map((c) => c.event)).toMatchObject([{ change: 'TRANSITIONED', servicePartnerIds: [SP.id] }]);
    expect([...(assigned[0]?.event.jobIds ?? [])].sort()).toEqual([...ids].sort());
    expect([...(assigned[0]?.committed.values() ?? [])].map((job) => job.status)).toEqual(['ASSIGNED', 'ASSIGNED', 'ASSIGNED']);

    const unassigned = await published(() => ok(BULK, { ids, action: 'UNASSIGN' }, 'manager', 'BulkJobActionPlan'));
    expect(unassigned.map((c) => c.event)).toMatchObject([{ change: 'TRANSITIONED', servicePartnerIds: [SP.id], formerServicePartnerIdByJob: Object.fromEntries(ids.map((id) => [id, SP.id])) }]);

    const rescheduled = await published(() => ok(BULK, { ids, action: 'RESCHEDULE', scheduledFor: '2027-05-05' }, 'manager', 'BulkJobActionPlan'));
    expect(rescheduled.map((c) => c.event)).toMatchObject([{ change: 'UPDATED', servicePartnerIds: [] }]);
    expect([...(rescheduled[0]?.committed.values() ?? [])].map((job) => job.scheduledFor)).toEqual(['2027-05-05', '2027-05-05', '2027-05-05']);

    const deleted = await published(() => ok(BULK, { ids, action: 'DELETE' }, 'manager', 'BulkJobActionPlan'));
    expect(deleted.map((c) => c.event)).toMatchObject([{ change: 'DELETED' }]);
    expect(deleted[0]?.event.jobIds).toHaveLength(3);
  });

  it('is one event for a committed jobs import (the batch, not its rows), and none for an import that failed', async () => {
    const importCsv = async (content: string) => {
      const response = await fetch(`${server.url}/imports/uploads?fileName=jobs.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: `ph_session=${sessions['manager']}` }, body: content });
      expect(response.status).toBe(201);
      const { uploadId } = (await response.json()) as { uploadId: string };
      const { data } = await app.gql(START_IMPORT, { input: { uploadId } }, as('manager'));
      await jobsImportsSettled();
      return data?.['startJobsImport'].batch.id as string;
    };
    const rows = ['vin,kind,assigned_installer_company_id', `${vehicle.vin},installation,CHGSP`, `${vehicle.vin},maintenance,`].join('\n');
    let batchId = '';
    const imported = await published(async () => (batchId = await importCsv(`${rows}\n`)));
    expect(imported.map((c) => c.event)).toEqual([{ principalId: world.principalA.id, change: 'IMPORTED', jobIds: [], servicePartnerIds: [SP.id], formerServicePartnerIdByJob: {}, importBatchId: batchId }]);
    expect(await app.systemEm().count(Job, { importBatch: batchId }, { filters: false })).toBe(2);

    // the second row's kind is wrong: nothing is imported, and nobody hears of anything
    const failed = await published(() => importCsv(`vin,kind\n${vehicle.vin},installation\n${vehicle.vin},repair\n`));
    expect(failed).toEqual([]);
  });

  it('publishes nothing for a change whose transaction rolls back, even one made in a transaction within it', async () => {
    const ctx = await contextFor(app.orm, app.deps, { sessionToken: sessions['manager'] ?? null, bearerToken: null }, null);
    let made = '';
    const rolledBack = await published(() =>
      inTransaction(ctx, async (tx) => {
        made = (await createJob(tx, { kind: 'INSTALLATION', vehicleId: vehicle.id, configuration: {} })).id;
        throw new Error('something later in the transaction failed');
      }).catch((error: unknown) => error),
    );
    expect(made).not.toBe('');
    expect(rolledBack).toEqual([]);
    expect(await app.systemEm().count(Job, { id: made }, { filters: false })).toBe(0);

    // the same nesting, committed: published once, after the outer commit
    const committed = await published(() => inTransaction(ctx, async (tx) => (made = (await createJob(tx, { kind: 'INSTALLATION', vehicleId: vehicle.id, configuration: {} })).id)));
    expect(committed.map((c) => c.event)).toMatchObject([{ change: 'CREATED', jobIds: [made] }]);
    expect(committed[0]?.committed.get(made)?.status).toBe('PENDING');
  });

  it('publishes nothing for a refused change', async () => {
    const jobId = (await ok(CREATE, createInput(), 'manager')).job.id as string;
    expect(await published(() => app.gql(TRANSITION, { input: { id: jobId, action: 'START' } }, as('technician')))).toEqual([]);
    expect(await published(() => app.gql(TRANSITION, { input: { id: jobId, action: 'SUCCEED' } }, as('manager')))).toEqual([]);
    expect(await published(() => app.gql(UPDATE, { input: { id: jobId, title: 'x'.repeat(10_000) } }, as('manager')))).toEqual([]);
  });
});
