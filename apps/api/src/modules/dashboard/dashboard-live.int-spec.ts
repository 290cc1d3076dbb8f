import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { JobAction } from '@partner-hub/domain';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { startServer } from '../../app/create-server.js';
import type { RunningServer } from '../../app/create-server.js';
import { makeUser } from '../user/user.factory.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { makeVehicle } from '../vehicle/vehicle.factory.js';
import type { Organization } from '../organization/organization.entity.js';
import { DASHBOARD_INTERVAL_MS, dashboardHubOf } from './dashboard.hub.js';

/**
 * dashboardChanged over a real graphql-ws connection, driven by real mutations (docs/dashboard.md):
 * a burst of changes is coalesced into about one push a second, read once per principal however many
 * subscribers; each partner hears only of its own jobs, with its own numbers; another principal
 * hears nothing.
 */

const ERR = '... on ErrorResult { code message }';
const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on JobSuccess { job { id } } ${ERR} } }`;
const TRANSITION = `mutation($input: TransitionJobInput!) { transitionJob(input: $input) { __typename ${ERR} } }`;
const SUBSCRIPTION = `subscription { dashboardChanged { scope total statusCounts { status count } servicePartners { partnerId } recentEvents { jobId type } } }`;

interface Pushed {
  scope: string;
  total: number;
  statusCounts: { status: string; count: number }[];
  servicePartners: { partnerId: string }[];
  recentEvents: { jobId: string; type: string }[];
}

let app: TestApp;
let server: RunningServer;
let world: Awaited<ReturnType<typeof buildWorld>>;
let SP: Partner;
let otherSP: Partner;
const sessions: Record<string, string> = {};
const clients: Client[] = [];

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  SP = await em.findOneOrFail(Partner, { organization: world.service });
  otherSP = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
  await makeUser(em, SP.organization, {
    role: 'ADMIN',
    email: 'live-sp-admin@world.example',
    password: WORLD_PASSWORD,
  });
  await makeUser(em, otherSP.organization, {
    role: 'ADMIN',
    email: 'live-other-admin@world.example',
    password: WORLD_PASSWORD,
  });
  await em.flush();
  const signIn = (email: string) => app.signIn(email, WORLD_PASSWORD);
  Object.assign(sessions, {
    principalAdmin: await signIn(world.users.adminA.email),
    principalViewer: await signIn(world.users.viewerA.email),
    partnerAdmin: await signIn('live-sp-admin@world.example'),
    technician: await signIn(world.users.technician.email),
    otherAdmin: await signIn('live-other-admin@world.example'),
    principalB: await signIn(world.users.adminB.email),
  });
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

const as = (who: string, query: string, variables: Record<string, unknown>) =>
  app.gql(query, variables, { sessionToken: sessions[who] ?? '' });

async function createJob(principal: Organization, who: string, partner: Partner | null): Promise<string> {
  const em = app.systemEm();
  const vehicle = makeVehicle(em, principal);
  await em.flush();
  const { data } = await as(who, CREATE, {
    input: {
      kind: 'INSTALLATION',
      vehicleId: vehicle.id,
      configuration: { firmware: '1.0' },
      ...(partner ? { servicePartnerId: partner.id, assign: true } : {}),
    },
  });
  expect(data?.['createJob'].__typename).toBe('JobSuccess');
  return data?.['createJob'].job.id;
}
async function act(who: string, id: string, action: JobAction): Promise<void> {
  const { data } = await as(who, TRANSITION, { input: { id, action } });
  expect(data?.['transitionJob'].__typename, `${who} ${action}`).toBe('JobSuccess');
}

/** A signed-in browser's subscription: every push it receives, with when. */
interface Received {
  pushes: { at: number; data: Pushed }[];
  errors: unknown[];
  completed?: boolean;
}
function subscribe(who: string): Received {
  const cookie = `ph_session=${sessions[who]}`;
  const client = createClient({
    url: `${server.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie } });
      }
    },
    retryAttempts: 0,
  });
  clients.push(client);
  const received: Received = { pushes: [], errors: [] };
  client.subscribe(
    { query: SUBSCRIPTION },
    {
      next: (value) =>
        received.pushes.push({
          at: Date.now(),
          data: (value.data as { dashboardChanged: Pushed }).dashboardChanged,
        }),
      error: (error) => received.errors.push(error),
      complete: () => (received.completed = true),
    },
  );
  return received;
}

/** Resolves once `check` holds (polled; the test fails by its timeout otherwise). */
async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const countOf = (pushed: Pushed | undefined, status: string) =>
  pushed?.statusCounts.find((c) => c.status === status)?.count ?? 0;
const hub = () => dashboardHubOf(app.deps.pubSub, app.orm.em.getConnection(), app.deps.logger);

/** Subscribes and waits until the server holds the subscriptions (a change before that would not reach them). */
async function live(...who: string[]) {
  const before = hub().subscriptions;
  const subscribed = who.map(subscribe);
  await until(() => hub().subscriptions === before + who.length, 'the subscriptions to be held');
  return subscribed;
}

describe('dashboardChanged', () => {
  it('coalesces a burst of changes into about one push a second, read once per principal for all its subscribers', async () => {
    const watchers = await live('principalAdmin', 'principalAdmin', 'principalViewer', 'partnerAdmin');
    // let the subscriptions reach the hub: one change, its push to everyone
    const first = await createJob(world.principalA, 'principalAdmin', SP);
    await until(() => watchers.every((w) => w.pushes.length >= 1), 'the first push to every watcher');
    const readsBefore = hub().reads;
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await createJob(world.principalA, 'principalAdmin', SP));
    for (const id of ids.slice(0, 6)) await act('technician', id, 'START');
    const ended = Date.now();
    const expected = (
      await app
        .systemEm()
        .getConnection()
        .execute(`select count(*)::int as n from job where principal_id = ? and deleted_at is null`, [
          world.principalA.id,
        ])
    )[0].n;
    await until(
      () =>
        watchers.every(
          (w) => w.pushes.at(-1)?.data.total === expected && countOf(w.pushes.at(-1)?.data, 'RUNNING') === 6,
        ),
      'the final numbers on every watcher',
    );
    const seconds = (ended - started) / DASHBOARD_INTERVAL_MS;
    for (const w of watchers) {
      const during = w.pushes.filter((p) => p.at >= started);
      // 18 changes, yet at most one push per second (plus the one closing the burst)
      expect(during.length).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
      for (let i = 1; i < during.length; i++)
        expect(during[i]!.at - during[i - 1]!.at).toBeGreaterThanOrEqual(DASHBOARD_INTERVAL_MS - 100);
    }
    // one read per push tick, shared by the four subscribers: not one per subscriber per event
    const reads = hub().reads - readsBefore;
    expect(reads).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    expect(reads).toBeLessThan(18);
    expect(watchers[3]!.pushes.at(-1)?.data.scope).toBe('PARTNER');
    expect(first).toBeTruthy();
  });

  it('tells each partner only of its own jobs, with its own numbers, and another principal nothing', async () => {
    const [mine, other, principalB] = (await live('partnerAdmin', 'otherAdmin', 'principalB')) as [
      Received,
      Received,
      Received,
    ];
    const job = await createJob(world.principalA, 'principalAdmin', SP);
    await until(
      () => mine.pushes.some((p) => p.data.recentEvents.some((e) => e.jobId === job)),
      "the partner's push",
    );
    const pushed = mine.pushes.at(-1)!.data;
    expect(pushed.servicePartners.map((p) => p.partnerId)).toEqual([SP.id]);
    const [{ n }] = await app
      .systemEm()
      .getConnection()
      .execute(`select count(*)::int as n from job where service_partner_id = ? and deleted_at is null`, [
        SP.id,
      ]);
    expect(pushed.total).toBe(n);
    // the other partner's first push is about its own change, which came after: nothing of SP's reached it
    const own = await createJob(world.principalA, 'principalAdmin', otherSP);
    await until(() => other.pushes.length > 0, "the other partner's push");
    expect(other.pushes).toHaveLength(1);
    expect(other.pushes[0]!.data).toMatchObject({
      total: 1,
      servicePartners: [{ partnerId: otherSP.id }],
      recentEvents: [
        { jobId: own, type: 'ASSIGN' },
        { jobId: own, type: 'CREATED' },
      ],
    });
    // principal B: nothing of A's; its own change arrives alone
    const em = app.systemEm();
    const vehicle = makeVehicle(em, world.principalB);
    await em.flush();
    const b = await as('principalB', CREATE, {
      input: { kind: 'MAINTENANCE', vehicleId: vehicle.id, configuration: { firmware: '2.0' } },
    });
    expect(b.data?.['createJob'].__typename).toBe('JobSuccess');
    await until(() => principalB.pushes.length > 0, "principal B's push");
    expect(principalB.pushes).toHaveLength(1);
    expect(principalB.pushes[0]!.data).toMatchObject({ scope: 'PRINCIPAL', total: 1 });
    expect(JSON.stringify(principalB.pushes)).not.toContain(job);
    for (const s of [mine, other, principalB]) expect(s.errors).toEqual([]);
  });

  it('ends at once when its subscriber signs out, and its numbers reach no one after', async () => {
    sessions['leaving'] = await app.signIn('live-sp-admin@world.example', WORLD_PASSWORD);
    const [leaving] = (await live('leaving')) as [Received];
    const held = hub().subscriptions;
    const { data } = await as('leaving', 'mutation { signOut { signedOut } }', {});
    expect(data?.['signOut']).toEqual({ signedOut: true });
    await until(() => leaving.errors.length > 0 || leaving.completed === true, 'the subscription to end');
    await until(() => hub().subscriptions === held - 1, 'the hub to let it go');
    await createJob(world.principalA, 'principalAdmin', SP);
    expect(leaving.pushes).toEqual([]);
  });

  it('refuses an anonymous subscriber', async () => {
    const client = createClient({
      url: `${server.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    clients.push(client);
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: SUBSCRIPTION },
        { next: (v) => resolve(v), error: (e) => resolve(e), complete: () => resolve('complete') },
      );
    });
    expect(JSON.stringify(outcome)).toMatch(/UNAUTHENTICATED/);
  });
});
