/**
 * jobChanged across two API instances sharing Redis (DESIGN.md §5): a change committed on A reaches the
 * entitled subscribers connected to B, read on B in each subscriber's scope. Skipped loudly without Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startServer } from '../../app/create-server.js';
import type { RunningServer } from '../../app/create-server.js';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { TEST_REDIS_URL, sharedRedisAvailable } from '../../testing/redis-probe.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeOrganization } from '../organization/organization.factory.js';
import { Partner } from '../partner/partner.entity.js';
import { makeUser } from '../user/user.factory.js';
import { makeVehicle } from '../vehicle/vehicle.factory.js';

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on JobSuccess { job { id } } } }`;
const JOB_CHANGED = `subscription { jobChanged { change jobId job { id status servicePartner { id } } } }`;

interface Change {
  change: string;
  jobId: string;
  job: { id: string; status: string; servicePartner: { id: string } | null } | null;
}

const redisAvailable = await sharedRedisAvailable('the jobChanged multi-instance test');

describe.skipIf(!redisAvailable)('jobChanged across two instances sharing Redis', () => {
  let appA: TestApp;
  let appB: TestApp;
  let serverB: RunningServer;
  const clients: Client[] = [];

  beforeAll(async () => {
    appA = await createTestApp({ redisUrl: TEST_REDIS_URL });
    appB = await createTestApp({ redisUrl: TEST_REDIS_URL, sameDatabaseAs: appA });
    serverB = await startServer(appB.orm, appB.deps, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await serverB?.stop();
    serverB?.httpServer.close();
    await appB?.close();
    await appA?.close();
  });

  /** A subscriber on B with a session cookie; its changes in `received`. */
  function subscriber(session: string): { received: Change[] } {
    const received: Change[] = [];
    const client = createClient({
      url: `${serverB.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { cookie: `ph_session=${session}` } });
        }
      },
      retryAttempts: 0,
    });
    clients.push(client);
    client.subscribe<{ jobChanged: Change }>({ query: JOB_CHANGED }, { next: ({ data }) => data && received.push(data.jobChanged), error: () => undefined, complete: () => undefined });
    return { received };
  }

  it('delivers a change made on A to the subscribers on B that may see the job, and only those', async () => {
    const em = appA.systemEm();
    const world = await buildWorld(em);
    const SP = await em.findOneOrFail(Partner, { organization: world.service }, { filters: false });
    const service2 = makeOrganization(em, 'PARTNER', { name: 'Second service' });
    const SP2 = em.create(Partner, { principal: world.principalA, organization: service2, role: 'SERVICE_PARTNER', code: 'RED2X', status: 'ACCEPTED' });
    em.persist(SP2);
    const vehicle = makeVehicle(em, world.principalA);
    const sp2Admin = await makeUser(em, service2, { role: 'ADMIN', password: WORLD_PASSWORD });
    await em.flush();
    const manager = await appA.signIn(world.users.managerA.email, WORLD_PASSWORD);
    const [viewer, technician, otherPartner] = [
      subscriber(await appB.signIn(world.users.viewerA.email, WORLD_PASSWORD)),
      subscriber(await appB.signIn(world.users.technician.email, WORLD_PASSWORD)),
      subscriber(await appB.signIn(sp2Admin.email, WORLD_PASSWORD)),
    ] as const;
    const create = async (servicePartnerId: string) => {
      const r = await appA.gql(CREATE, { input: { kind: 'INSTALLATION', vehicleId: vehicle.id, configuration: {}, assign: true, servicePartnerId } }, { sessionToken: manager });
      return r.data?.['createJob'].job.id as string;
    };

    // the subscriptions on B listen once a change made on A reaches them (until then, each try is a new job)
    const probes: string[] = [];
    for (;;) {
      probes.push(await create(SP.id));
      const paced = Date.now() + 250;
      await until(() => (viewer.received.length > 0 && technician.received.length > 0) || Date.now() > paced);
      if (viewer.received.length > 0 && technician.received.length > 0) break;
    }
    const ownJob = await create(SP2.id);
    const spJob = await create(SP.id);
    const ownJob2 = await create(SP2.id);
    await until(() => otherPartner.received.some((c) => c.jobId === ownJob2) && viewer.received.some((c) => c.jobId === ownJob2) && technician.received.some((c) => c.jobId === spJob));

    expect(technician.received.find((c) => c.jobId === spJob)).toEqual({ change: 'CREATED', jobId: spJob, job: { id: spJob, status: 'ASSIGNED', servicePartner: { id: SP.id } } });
    expect(viewer.received.map((c) => c.jobId).slice(-3)).toEqual([ownJob, spJob, ownJob2]);
    // SP2's admin hears its own jobs and none of SP's, published before, between and after them
    expect(otherPartner.received.map((c) => c.jobId)).toEqual([ownJob, ownJob2]);
    // the technician hears SP's jobs only (ownJob was published before spJob, which it heard)
    expect(technician.received.map((c) => c.jobId)).not.toContain(ownJob);
  });
});
