/**
 * Live jobs over graphql-ws (DESIGN.md §5, issue 13): `jobChanged` delivers to each subscriber only the
 * jobs it may see, as it may see them, checked at delivery; filters; nothing for a rolled-back change; a
 * withdrawn identity's subscriptions end; `jobEventAdded` replays what a reconnecting client missed.
 *
 * "Heard nothing" is proven with barriers: after the change under test, a later change every subscriber
 * may see (its barrier job); a subscription delivers in publication order, so once its barrier arrived,
 * whatever it did not receive before will never come.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startServer } from '../../app/create-server.js';
import type { RunningServer } from '../../app/create-server.js';
import { contextFor } from '../../app/request-context.js';
import { inTransaction } from '../../common/context/request-context.js';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeApiKey } from '../api-key/api-key.factory.js';
import { makeOrganization } from '../organization/organization.factory.js';
import { Partner } from '../partner/partner.entity.js';
import { makeUser } from '../user/user.factory.js';
import { makeVehicle } from '../vehicle/vehicle.factory.js';
import type { Vehicle } from '../vehicle/vehicle.entity.js';
import { createJob } from './job.service.js';
import { sharedResults } from '../../common/graphql/shared-execution.js';
import { jobsImportsSettled } from './jobs-import.service.js';

/** Waits until `condition` holds (bounded by the test's own timeout, never by a guess of how long it takes). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const ERR = '... on ErrorResult { code message }';
const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on JobSuccess { job { id } } ${ERR} } }`;
const TRANSITION = `mutation($input: TransitionJobInput!) { transitionJob(input: $input) { __typename ${ERR} } }`;
const UPDATE = `mutation($input: UpdateJobInput!) { updateJob(input: $input) { __typename ${ERR} } }`;
const DELETE = `mutation($input: JobIdInput!) { deleteJob(input: $input) { __typename ${ERR} } }`;
const BULK = `mutation($input: BulkJobActionInput!) { bulkJobAction(input: $input) { __typename ${ERR} } }`;
const START_IMPORT = `mutation($input: JobsImportInput!) { startJobsImport(input: $input) { __typename ... on JobsImportStarted { batch { id } } } }`;
const JOB_CHANGED = `subscription($filter: JobChangeFilter) { jobChanged(filter: $filter) { change jobId importBatchId job { id status vehicle { id } configuration { firmware } servicePartner { id } } } }`;
const JOB_EVENT_ADDED = `subscription($jobId: ID!, $after: ID) { jobEventAdded(jobId: $jobId, after: $after) { id type fromStatus toStatus actorLabel } }`;

interface Change {
  change: string;
  jobId: string | null;
  importBatchId: string | null;
  job: { id: string; status: string; vehicle: { id: string } | null; configuration: { firmware: string | null } | null; servicePartner: { id: string } | null } | null;
}

interface Credential {
  bearer?: string;
  session?: string;
}

let app: TestApp;
let server: RunningServer;
const lines: Line[] = [];
/** how many subscriptions listen to the job topic on the server (counted as each starts listening) */
let listeners = 0;

/** One graphql-ws connection of one identity with one subscription, as a client keeps it open. */
class Line<T = Change> {
  readonly client: Client;
  readonly received: T[] = [];
  readonly errors: unknown[] = [];
  closed: { code: number; reason: string } | null = null;
  completed = false;

  constructor(credential: Credential, query: string, variables: Record<string, unknown>, field: string) {
    const cookie = credential.session ? `ph_session=${credential.session}` : undefined;
    this.client = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: cookie
        ? class extends WebSocket {
            constructor(address: string, protocols?: string | string[]) {
              super(address, protocols, { headers: { cookie } });
            }
          }
        : WebSocket,
      connectionParams: credential.bearer ? { authorization: `Bearer ${credential.bearer}` } : undefined,
      retryAttempts: 0,
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          this.closed ??= { code, reason: String(reason) };
        },
      },
    });
    this.client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: ({ data, errors }) => {
          if (errors) this.errors.push(errors);
          else if (data) this.received.push(data[field] as T);
        },
        error: (error) => this.errors.push(error),
        complete: () => (this.completed = true),
      },
    );
    lines.push(this as Line<unknown> as Line);
  }

  since(mark: number): T[] {
    return this.received.slice(mark);
  }
}

/** Opens `jobChanged` subscriptions and resolves once each listens on the server. */
async function subscribed(...made: (() => Line)[]): Promise<Line[]> {
  const before = listeners;
  const opened = made.map((make) => make());
  await until(() => listeners >= before + opened.length || opened.some((line) => line.errors.length > 0 || line.closed));
  for (const line of opened) expect(line.errors).toEqual([]);
  return opened;
}
const changes = (credential: Credential, filter?: Record<string, unknown>) => () => new Line(credential, JOB_CHANGED, { filter }, 'jobChanged');

let world: Awaited<ReturnType<typeof buildWorld>>;
let SP: Partner;
let SP2: Partner;
let v1: Vehicle;
let v2: Vehicle;
/** only the shared-execution test's job is on it (its grant ends when that job succeeds) */
let v3: Vehicle;
const who: Record<string, Credential> = {};
/** jobs only to make barriers: one each assigned to SP and to SP2 (principal A), one of principal B */
const barrierJobs: { a: string[]; b: string } = { a: [], b: '' };
let barrierDay = 0;
let principalKeyId = '';

beforeAll(async () => {
  app = await createTestApp();
  // counts the subscriptions that start listening: jobEventAdded's listen from their first pull on…
  const subscribe = app.deps.pubSub.subscribeToPrincipals.bind(app.deps.pubSub);
  app.deps.pubSub.subscribeToPrincipals = ((...args: Parameters<typeof subscribe>) => {
    const iterable = subscribe(...args);
    if (args[0] !== 'JOB_CHANGED') return iterable;
    const iterator = iterable[Symbol.asyncIterator]();
    let started = false;
    const counted: AsyncIterableIterator<unknown> = {
      next: (...next: []) => {
        const result = iterator.next(...next);
        if (!started) listeners += 1;
        started = true;
        return result;
      },
      return: (value?: unknown) => iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
      [Symbol.asyncIterator]: () => counted,
    };
    return counted;
  }) as typeof subscribe;
  // …jobChanged's as they subscribe, with one handler for each of their principals
  const listen = app.deps.pubSub.listenToPrincipal.bind(app.deps.pubSub);
  const handlers = new WeakSet<object>();
  app.deps.pubSub.listenToPrincipal = ((...args: Parameters<typeof listen>) => {
    const stop = listen(...args);
    if (args[0] === 'JOB_CHANGED' && !handlers.has(args[2])) {
      handlers.add(args[2]);
      listeners += 1;
    }
    return stop;
  }) as typeof listen;
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
  const em = app.systemEm();
  world = await buildWorld(em);
  const secret = app.deps.env.SESSION_SECRET;
  SP = await em.findOneOrFail(Partner, { organization: world.service }, { filters: false });
  await em.nativeUpdate(Partner, { id: SP.id }, { code: 'LIVE1' });
  const service2 = makeOrganization(em, 'PARTNER', { name: 'Second service' });
  SP2 = em.create(Partner, { principal: world.principalA, organization: service2, role: 'SERVICE_PARTNER', code: 'LIVE2', status: 'ACCEPTED' });
  em.persist(SP2);
  v1 = makeVehicle(em, world.principalA);
  v2 = makeVehicle(em, world.principalA);
  v3 = makeVehicle(em, world.principalA);
  const vB = makeVehicle(em, world.principalB);
  const spAdmin = await makeUser(em, world.service, { role: 'ADMIN', password: WORLD_PASSWORD });
  const spStaff = await makeUser(em, world.service, { role: 'STAFF', password: WORLD_PASSWORD });
  const sp2Admin = await makeUser(em, service2, { role: 'ADMIN', password: WORLD_PASSWORD });
  const sp2Technician = await makeUser(em, service2, { role: 'TECHNICIAN', password: WORLD_PASSWORD });
  const spTechnician2 = await makeUser(em, world.service, { role: 'TECHNICIAN', password: WORLD_PASSWORD });
  const keys = {
    principal: makeApiKey(em, world.principalA, { role: 'MANAGER', name: 'principal system' }, secret),
    service: makeApiKey(em, world.service, { role: 'ADMIN', name: 'service system' }, secret),
    service2: makeApiKey(em, service2, { role: 'ADMIN', name: 'second service system' }, secret),
  };
  await em.flush();
  principalKeyId = keys.principal.apiKey.id;
  const session = async (email: string) => ({ session: await app.signIn(email, WORLD_PASSWORD) });
  Object.assign(who, {
    principalAdmin: await session(world.users.adminA.email),
    principalManager: await session(world.users.managerA.email),
    principalViewer: await session(world.users.viewerA.email),
    principalKey: { bearer: keys.principal.token },
    spAdmin: await session(spAdmin.email),
    spStaff: await session(spStaff.email),
    technician: await session(world.users.technician.email),
    technician2: await session(spTechnician2.email),
    spKey: { bearer: keys.service.token },
    sp2Admin: await session(sp2Admin.email),
    sp2Technician: await session(sp2Technician.email),
    sp2Key: { bearer: keys.service2.token },
    dealerAdmin: await session(world.users.dealerAdmin.email),
    otherPrincipal: await session(world.users.adminB.email),
  });
  barrierJobs.a = [await created({ assign: true, servicePartnerId: SP.id }), await created({ assign: true, servicePartnerId: SP2.id })];
  barrierJobs.b = await created({ vehicleId: vB.id }, 'otherPrincipal');
});
afterAll(async () => {
  await Promise.all(lines.map((line) => line.client.dispose()));
  await jobsImportsSettled();
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

async function gqlOk(query: string, input: Record<string, unknown>, as: string): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- result shapes
  const { data, errors } = await app.gql(query, { input }, { sessionToken: who[as]?.session ?? null });
  expect(errors).toBeUndefined();
  const result = Object.values(data ?? {})[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result shapes
  expect(result.__typename, JSON.stringify(result)).not.toMatch(/Error/);
  return result;
}

async function created(extra: Record<string, unknown> = {}, as = 'principalManager'): Promise<string> {
  const input = { kind: 'INSTALLATION', vehicleId: v1.id, configuration: { firmware: '1.0' }, scheduledFor: '2027-02-01', ...extra };
  return (await gqlOk(CREATE, input, as)).job.id as string;
}

/**
 * A change after the one under test that every subscriber may see (principal A's barrier jobs rescheduled,
 * principal B's edited); resolves once every line received its barrier — or was closed.
 */
async function barrier(...waiting: Line[]): Promise<void> {
  barrierDay += 1;
  const day = `2027-03-${String(barrierDay).padStart(2, '0')}`;
  const marks = waiting.map((line) => line.received.length);
  await gqlOk(BULK, { ids: barrierJobs.a, action: 'RESCHEDULE', scheduledFor: day }, 'principalManager');
  await gqlOk(UPDATE, { id: barrierJobs.b, scheduledFor: day }, 'otherPrincipal');
  const isBarrier = (c: Change) => c.jobId !== null && [...barrierJobs.a, barrierJobs.b].includes(c.jobId);
  await until(() => waiting.every((line, i) => line.closed !== null || line.since(marks[i] ?? 0).some(isBarrier)));
}

/** What a line received from `mark` up to its barrier, barrier changes left out. */
function heardBefore(line: Line, mark: number): Change[] {
  const seen = line.since(mark);
  const end = seen.findIndex((c) => c.jobId !== null && [...barrierJobs.a, barrierJobs.b].includes(c.jobId));
  return (end === -1 ? seen : seen.slice(0, end)).filter((c) => !(c.jobId && [...barrierJobs.a, barrierJobs.b].includes(c.jobId)));
}

describe('jobChanged: rights at delivery', () => {
  it('delivers each change to exactly the identities that may see the job, as each may see it', async () => {
    const roles = ['principalAdmin', 'principalManager', 'principalViewer', 'principalKey', 'spAdmin', 'spStaff', 'technician', 'spKey', 'sp2Admin', 'sp2Key', 'dealerAdmin', 'otherPrincipal'] as const;
    const subs = await subscribed(...roles.map((role) => changes(who[role] ?? {})));
    const line = Object.fromEntries(roles.map((role, i) => [role, subs[i] as Line])) as Record<(typeof roles)[number], Line>;
    const everyone = [...subs].filter((l) => l !== line.dealerAdmin); // a dealer has no job to make its barrier
    const marks = new Map(subs.map((l) => [l, l.received.length]));
    const heard = (role: (typeof roles)[number]) => heardBefore(line[role], marks.get(line[role]) ?? 0);

    // created and assigned to SP at once, then started and finished by SP's technician
    const jobId = await created({ assign: true, servicePartnerId: SP.id, vehicleId: v2.id, configuration: { firmware: '4.2' } });
    await gqlOk(TRANSITION, { id: jobId, action: 'START' }, 'technician');
    await gqlOk(TRANSITION, { id: jobId, action: 'SUCCEED' }, 'technician');
    await barrier(...everyone);

    const full = (status: string) => ({ id: jobId, status, vehicle: { id: v2.id }, configuration: { firmware: '4.2' }, servicePartner: { id: SP.id } });
    const expected = [
      { change: 'CREATED', jobId, importBatchId: null, job: full('ASSIGNED') },
      { change: 'TRANSITIONED', jobId, importBatchId: null, job: full('RUNNING') },
      { change: 'TRANSITIONED', jobId, importBatchId: null, job: full('SUCCEEDED') },
    ];
    for (const role of ['principalAdmin', 'principalManager', 'principalViewer', 'principalKey'] as const) expect(heard(role), role).toEqual(expected);
    // SP's people see the job; its vehicle and configuration only while the grant lasts (it ends when the job succeeds)
    for (const role of ['spAdmin', 'spStaff', 'technician', 'spKey'] as const) {
      const seen = heard(role);
      expect(seen.map((c) => [c.change, c.job?.status]), role).toEqual([['CREATED', 'ASSIGNED'], ['TRANSITIONED', 'RUNNING'], ['TRANSITIONED', 'SUCCEEDED']]);
      expect(seen.slice(0, 2).map((c) => [c.job?.vehicle, c.job?.configuration]), role).toEqual([[{ id: v2.id }, { firmware: '4.2' }], [{ id: v2.id }, { firmware: '4.2' }]]);
      expect([seen[2]?.job?.vehicle, seen[2]?.job?.configuration], role).toEqual([null, null]);
    }
    // a partner the job is not assigned to, and another principal: nothing
    for (const role of ['sp2Admin', 'sp2Key', 'otherPrincipal'] as const) expect(heard(role), role).toEqual([]);
    expect(line.dealerAdmin.since(marks.get(line.dealerAdmin) ?? 0)).toEqual([]);
  });

  it('tells a partner once that a job left its view (job null), and hands it to the new partner', async () => {
    const subs = await subscribed(changes(who['spAdmin'] ?? {}), changes(who['technician'] ?? {}), changes(who['sp2Admin'] ?? {}), changes(who['principalViewer'] ?? {}));
    const [sp, technician, sp2, viewer] = subs as [Line, Line, Line, Line];
    const marks = subs.map((l) => l.received.length);
    const jobId = await created({ assign: true, servicePartnerId: SP.id });
    await gqlOk(TRANSITION, { id: jobId, action: 'UNASSIGN' }, 'principalManager');
    await gqlOk(TRANSITION, { id: jobId, action: 'ASSIGN', servicePartnerId: SP2.id }, 'principalManager');
    await gqlOk(DELETE, { id: jobId }, 'principalManager');
    await barrier(...subs);
    const brief = (line: Line, i: number) => heardBefore(line, marks[i] ?? 0).map((c) => [c.change, c.job?.status ?? null]);
    expect(brief(sp, 0)).toEqual([['CREATED', 'ASSIGNED'], ['TRANSITIONED', null]]);
    expect(brief(technician, 1)).toEqual([['CREATED', 'ASSIGNED'], ['TRANSITIONED', null]]);
    expect(brief(sp2, 2)).toEqual([['TRANSITIONED', 'ASSIGNED'], ['DELETED', null]]);
    expect(brief(viewer, 3)).toEqual([['CREATED', 'ASSIGNED'], ['TRANSITIONED', 'PENDING'], ['TRANSITIONED', 'ASSIGNED'], ['DELETED', null]]);
  });

  it('gives each partner only its own jobs of a bulk action that touched several partners', async () => {
    const mine = await created({ assign: true, servicePartnerId: SP.id });
    const theirs = await created({ assign: true, servicePartnerId: SP2.id });
    const subs = await subscribed(changes(who['spAdmin'] ?? {}), changes(who['technician'] ?? {}), changes(who['sp2Key'] ?? {}), changes(who['principalKey'] ?? {}));
    const marks = subs.map((l) => l.received.length);
    await gqlOk(BULK, { ids: [mine, theirs], action: 'RESCHEDULE', scheduledFor: '2027-06-01' }, 'principalManager');
    await barrier(...subs);
    const ids = subs.map((line, i) => heardBefore(line, marks[i] ?? 0).map((c) => c.jobId).sort());
    expect(ids).toEqual([[mine], [mine], [theirs], [mine, theirs].sort()]);
  });

  it('delivers one IMPORTED change per committed jobs import, to principal staff and the partners it assigned jobs to', async () => {
    const subs = await subscribed(changes(who['principalViewer'] ?? {}), changes(who['spAdmin'] ?? {}), changes(who['sp2Admin'] ?? {}), changes(who['otherPrincipal'] ?? {}));
    const marks = subs.map((l) => l.received.length);
    const batchId = await importJobs([`${v1.vin},installation,LIVE1`, `${v2.vin},maintenance,`]);
    await barrier(...subs);
    const imported = { change: 'IMPORTED', jobId: null, importBatchId: batchId, job: null };
    expect(subs.map((line, i) => heardBefore(line, marks[i] ?? 0))).toEqual([[imported], [imported], [], []]);
  });

  it('publishes nothing for a change that rolled back', async () => {
    const [viewer] = (await subscribed(changes(who['principalViewer'] ?? {}))) as [Line];
    const mark = viewer.received.length;
    const ctx = await contextFor(app.orm, app.deps, { sessionToken: who['principalManager']?.session ?? null, bearerToken: null }, null);
    await inTransaction(ctx, async (tx) => {
      await createJob(tx, { kind: 'INSTALLATION', vehicleId: v1.id, configuration: {} });
      throw new Error('a later step failed');
    }).catch(() => undefined);
    // refused outright: a technician cannot start a job of another partner
    const other = await created({ assign: true, servicePartnerId: SP2.id });
    const refused = await app.gql(TRANSITION, { input: { id: other, action: 'START' } }, { sessionToken: who['technician']?.session ?? null });
    expect(refused.data?.['transitionJob'].__typename).toMatch(/Error/);
    await barrier(viewer);
    // only the committed creation: neither the rolled-back one nor the refused start
    expect(heardBefore(viewer, mark).map((c) => [c.change, c.jobId])).toEqual([['CREATED', other]]);
  });
});

async function importJobs(rows: string[]): Promise<string> {
  const content = `vin,kind,assigned_installer_company_id\n${rows.join('\n')}\n`;
  const response = await fetch(`${server.url}/imports/uploads?fileName=jobs.csv`, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: `ph_session=${who['principalManager']?.session}` }, body: content });
  expect(response.status).toBe(201);
  const { uploadId } = (await response.json()) as { uploadId: string };
  const { data } = await app.gql(START_IMPORT, { input: { uploadId } }, { sessionToken: who['principalManager']?.session ?? null });
  await jobsImportsSettled();
  return data?.['startJobsImport'].batch.id as string;
}

describe('jobChanged: filters', () => {
  it('narrows by kind, status, service partner, vehicle and import batch, on the job as it is after the change', async () => {
    const batch1 = await importJobs([`${v2.vin},maintenance,LIVE2`]);
    const batchJob = (await app.gql(`query($f: JobFilter) { jobs(filter: $f) { edges { node { id } } } }`, { f: { importBatchId: batch1 } }, { sessionToken: who['principalManager']?.session ?? null })).data?.['jobs'].edges[0].node.id as string;
    const key = who['principalKey'] ?? {};
    const [kind, status, partner, vehicle, batch] = (await subscribed(
      changes(key, { kind: 'MAINTENANCE' }),
      changes(key, { status: 'RUNNING' }),
      changes(key, { servicePartnerId: SP2.id }),
      changes(key, { vehicleId: v2.id }),
      changes(key, { importBatchId: batch1 }),
    )) as [Line, Line, Line, Line, Line];

    const j2 = await created({ kind: 'MAINTENANCE' });
    const j3 = await created({ vehicleId: v2.id, assign: true, servicePartnerId: SP.id });
    const j4 = await created({ assign: true, servicePartnerId: SP2.id });
    await gqlOk(TRANSITION, { id: j3, action: 'START' }, 'technician');
    const batch2 = await importJobs([`${v2.vin},installation,`]);
    // last, a change every filter matches: SP2's technician starts the maintenance job batch 1 made on v2
    await gqlOk(TRANSITION, { id: batchJob, action: 'START' }, 'sp2Technician');
    const last = (line: Line) => line.received.some((c) => c.jobId === batchJob && c.job?.status === 'RUNNING');
    await until(() => [kind, status, partner, vehicle, batch].every(last));

    const brief = (line: Line) => line.received.map((c) => [c.change, c.jobId ?? c.importBatchId]);
    const started = ['TRANSITIONED', batchJob];
    expect(brief(kind)).toEqual([['CREATED', j2], ['IMPORTED', batch2], started]);
    expect(brief(status)).toEqual([['TRANSITIONED', j3], started]);
    expect(brief(partner)).toEqual([['CREATED', j4], started]);
    expect(brief(vehicle)).toEqual([['CREATED', j3], ['TRANSITIONED', j3], ['IMPORTED', batch2], started]);
    expect(brief(batch)).toEqual([started]);
  });
});

describe('jobChanged: one execution per visibility group', () => {
  it('hands subscribers of the same operation the result of their own group only: each receives what it would read itself', async () => {
    // one document for everyone, with fields that differ by role (availableActions), by technician
    // (who started the job) and by grant (vehicle, configuration)
    const doc = 'subscription { jobChanged { change jobId job { id status availableActions vehicle { id } configuration { firmware } } } }';
    const roles = ['principalViewer', 'principalViewer', 'principalManager', 'spAdmin', 'technician', 'technician2', 'sp2Admin', 'otherPrincipal'] as const;
    const shared = sharedResults();
    const subs = await subscribed(...roles.map((role) => () => new Line(who[role] ?? {}, doc, {}, 'jobChanged')));
    const marks = subs.map((l) => l.received.length);
    const heard = (i: number) => heardBefore(subs[i] as Line, marks[i] ?? 0) as unknown as { change: string; job: { status: string; availableActions: string[]; vehicle: unknown } | null }[];

    const jobId = await created({ assign: true, servicePartnerId: SP.id, vehicleId: v3.id, configuration: { firmware: '5.1' } });
    await gqlOk(TRANSITION, { id: jobId, action: 'START' }, 'technician');
    await gqlOk(TRANSITION, { id: jobId, action: 'SUCCEED' }, 'technician');
    await barrier(...subs);

    // a partner the job is not assigned to, and another principal: nothing of it
    expect([heard(6), heard(7)]).toEqual([[], []]);
    const running = (i: number) => heard(i).find((c) => c.job?.status === 'RUNNING')?.job;
    // the technician who started it may finish it; another technician of the same partner may not
    expect(running(4)?.availableActions).toEqual(expect.arrayContaining(['SUCCEED', 'FAIL']));
    expect(running(5)?.availableActions).not.toContain('SUCCEED');
    // principal staff who may change jobs, and those who may only read
    const assigned = (i: number) => heard(i).find((c) => c.change === 'CREATED')?.job;
    expect(assigned(0)?.availableActions).toEqual([]);
    expect(assigned(2)?.availableActions.length).toBeGreaterThan(0);
    // the last change: every subscriber received exactly what it reads itself now (the grant has ended for the partner)
    const now = 'query($id: ID!) { job(id: $id) { id status availableActions vehicle { id } configuration { firmware } } }';
    for (const [i, role] of roles.slice(0, 6).entries()) {
      const { data, errors } = await app.gql(now, { id: jobId }, { sessionToken: who[role]?.session ?? null });
      expect(errors, role).toBeUndefined();
      expect(heard(i).map((c) => c.change), role).toEqual(['CREATED', 'TRANSITIONED', 'TRANSITIONED']);
      expect(heard(i)[2]?.job, role).toEqual(data?.['job']);
    }
    expect(heard(0)[2]?.job?.vehicle).toEqual({ id: v3.id });
    expect(heard(4)[2]?.job?.vehicle).toBeNull();
    // the two principal viewers are one group: the second received the first's execution of each change
    expect(heard(1)).toEqual(heard(0));
    expect(sharedResults() - shared).toBeGreaterThanOrEqual(3);
  });
});

describe('jobEventAdded', () => {
  it('delivers a job\'s events as recorded, replays what a reconnecting client missed, and is refused for a job the subscriber may not see', async () => {
    const jobId = await created();
    const events = (credential: Credential, after?: string) => new Line<{ id: string; type: string; toStatus: string | null }>(credential, JOB_EVENT_ADDED, { jobId, after }, 'jobEventAdded');
    const before = listeners;
    const first = events(who['principalViewer'] ?? {});
    await until(() => listeners > before);
    await gqlOk(TRANSITION, { id: jobId, action: 'ASSIGN', servicePartnerId: SP.id }, 'principalManager');
    await until(() => first.received.length === 1);
    expect(first.received.map((e) => e.type)).toEqual(['ASSIGN']);
    const lastSeen = first.received[0]?.id as string;
    await first.client.dispose();

    // while the client is away
    await gqlOk(TRANSITION, { id: jobId, action: 'START' }, 'technician');
    await gqlOk(TRANSITION, { id: jobId, action: 'SUCCEED' }, 'technician');

    const back = events(who['principalViewer'] ?? {}, lastSeen);
    const technician = events(who['technician'] ?? {}, lastSeen);
    await until(() => back.received.length === 2 && technician.received.length === 2);
    expect(back.received.map((e) => [e.type, e.toStatus])).toEqual([['START', 'RUNNING'], ['SUCCEED', 'SUCCEEDED']]);
    expect(technician.received.map((e) => e.type)).toEqual(['START', 'SUCCEED']);
    // then live: the deletion arrives too
    await gqlOk(DELETE, { id: jobId }, 'principalManager');
    await until(() => back.received.length === 3);
    expect(back.received[2]?.type).toBe('DELETED');

    // a partner the job was never assigned to, and another principal: as if the job did not exist
    const other = await created();
    for (const credential of [who['sp2Admin'], who['otherPrincipal'], who['spAdmin']]) {
      const refused = new Line(credential ?? {}, JOB_EVENT_ADDED, { jobId: other }, 'jobEventAdded');
      await until(() => refused.errors.length > 0);
      expect(JSON.stringify(refused.errors)).toMatch(/NOT_FOUND/);
    }
  });
});

describe('withdrawn identities', () => {
  it('ends the open jobChanged subscriptions of a signed-out session, a revoked key and a blocked partner at once', async () => {
    const leaving = { session: await app.signIn(world.users.viewerA.email, WORLD_PASSWORD) };
    const [signedOut, revoked, blockedAdmin, blockedTechnician, bystander] = await subscribed(
      changes(leaving),
      changes(who['principalKey'] ?? {}),
      changes(who['spAdmin'] ?? {}),
      changes(who['technician'] ?? {}),
      changes(who['principalViewer'] ?? {}),
    );
    expect((await app.gql('mutation { signOut { signedOut } }', {}, { sessionToken: leaving.session })).data?.['signOut']).toEqual({ signedOut: true });
    await until(() => signedOut?.closed !== null);
    const revoke = await app.gql(`mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }`, { i: { id: principalKeyId } }, { sessionToken: who['principalAdmin']?.session ?? null });
    expect(revoke.errors).toBeUndefined();
    await until(() => revoked?.closed !== null);
    const block = await app.gql(
      `mutation($i: UpdatePartnerSettingsInput!) { updatePartnerSettings(input: $i) { __typename } }`,
      { i: { id: SP.id, allowJobOverride: false, blocked: true, usersBlocked: false, passwordPolicy: 'SIMPLE' } },
      { sessionToken: who['principalAdmin']?.session ?? null },
    );
    expect(block.data?.['updatePartnerSettings'].__typename).toBe('PartnerSuccess');
    await until(() => blockedAdmin?.closed !== null && blockedTechnician?.closed !== null);
    for (const line of [signedOut, revoked, blockedAdmin, blockedTechnician]) expect(line?.closed).toMatchObject({ code: 4403 });

    // a change to a job of the blocked partner after the block reaches its principal's staff, and nobody cut off
    const marks = [blockedAdmin, blockedTechnician].map((l) => l?.received.length ?? 0);
    const jobId = barrierJobs.a[0] as string;
    await gqlOk(UPDATE, { id: jobId, instructions: 'After the block' }, 'principalManager');
    await until(() => bystander?.received.some((c) => c.jobId === jobId && c.change === 'UPDATED') ?? false);
    expect([blockedAdmin, blockedTechnician].map((l, i) => l?.since(marks[i] ?? 0))).toEqual([[], []]);
  });
});
