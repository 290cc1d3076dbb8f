/**
 * Two API processes — two ports, one PostgreSQL database, the machine's Redis — as a deployment runs
 * them (issue 13, "Proof"): a job changed through instance A reaches the `jobChanged` subscribers
 * connected to instance B who may see it (its principal's staff, its service partner), and not the others
 * there; revoking a key or blocking a partner through A ends the open subscriptions on B at once
 * (app/live-identity.ts, across real processes this time).
 *
 * Needs a Redis at TEST_REDIS_URL (default redis://127.0.0.1:6379); skipped, loudly, when none answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ormConfig } from '../db/mikro-orm.config.js';
import { scopeToSystem } from '../common/db/tenant-filter.js';
import { createTestDatabase } from '../testing/test-database.js';
import type { TestDatabase } from '../testing/test-database.js';
import { startApiProcess } from '../testing/api-process.js';
import type { ApiProcess, PublishedEvent } from '../testing/api-process.js';
import { TEST_REDIS_URL, sharedRedisAvailable } from '../testing/redis-probe.js';
import { buildWorld } from '../testing/world.js';
import { makeApiKey } from '../modules/api-key/api-key.factory.js';
import { makeVehicle } from '../modules/vehicle/vehicle.factory.js';
import { makePartner } from '../modules/partner/partner.factory.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { Job } from '../modules/job/job.entity.js';

const SESSION_SECRET = 'two-processes-test-secret-0123456789';
const available = await sharedRedisAvailable('the two-process test (apps/api/src/app/two-processes.int-spec.ts)');

/** Waits until `condition` holds (bounded by the test's timeout, never by a guess of how long it takes). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

interface Heard {
  change: string;
  jobId: string | null;
  job: { id: string; status: string; instructions: string | null } | null;
}

const SUBSCRIPTION = 'subscription { jobChanged { change jobId job { id status instructions } } }';

/** One graphql-ws connection with an API key, as a client keeps it open (no retries: a close is final here). */
class Line {
  readonly client: Client;
  readonly heard: Heard[] = [];
  readonly refusals: unknown[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(serverUrl: string, token: string) {
    this.client = createClient({
      url: `${serverUrl.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          this.closed ??= { code, reason: String(reason) };
        },
      },
    });
  }

  listen(): this {
    this.client.subscribe<{ jobChanged: Heard }>(
      { query: SUBSCRIPTION },
      {
        next: ({ data, errors }) => {
          if (errors) this.refusals.push(errors);
          else if (data) this.heard.push(data.jobChanged);
        },
        error: (error) => this.refusals.push(error),
        complete: () => undefined,
      },
    );
    return this;
  }

  /** Runs one query over this connection (which authenticates it). */
  query(query: string): Promise<{ data?: unknown; errors?: unknown }> {
    return new Promise((resolve) => {
      let result: { data?: unknown; errors?: unknown } = {};
      this.client.subscribe({ query }, { next: (value) => (result = value), error: (errors) => resolve({ errors }), complete: () => resolve(result) });
    });
  }

  /** Whether it heard the job with these instructions (one edit: `Job.editJob` writes each text once). */
  hears(jobId: string, instructions: string): boolean {
    return this.heard.some((e) => e.jobId === jobId && e.job?.instructions === instructions);
  }
}

/** POSTs an operation to one instance with an API key; answers its data (failing on errors). */
async function post(instance: ApiProcess, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, { __typename: string }>> {
  const response = await fetch(`${instance.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, { __typename: string }>; errors?: unknown };
  if (response.status !== 200 || body.errors || !body.data) throw new Error(`${query.slice(0, 60)}… failed (${response.status}): ${JSON.stringify(body)}`);
  return body.data;
}

const UPDATE_JOB = 'mutation($input: UpdateJobInput!) { updateJob(input: $input) { __typename } }';

describe.skipIf(!available)('two API processes sharing one database and Redis', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let a: ApiProcess;
  let b: ApiProcess;
  const lines: Line[] = [];
  const onB = (token: string) => {
    const line = new Line(b.url, token);
    lines.push(line);
    return line;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(ormConfig(db.url, { pool: { min: 0, max: 2 } }));
    [a, b] = await Promise.all([
      startApiProcess({ databaseUrl: db.url, sessionSecret: SESSION_SECRET, redisUrl: TEST_REDIS_URL }),
      startApiProcess({ databaseUrl: db.url, sessionSecret: SESSION_SECRET, redisUrl: TEST_REDIS_URL }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(lines.map((line) => line.client.dispose()));
    await Promise.all([a?.stop(), b?.stop()]);
    await orm?.close(true);
    await db?.drop();
  });

  /**
   * A world of its own per test: principal A with an ASSIGNED job of its service partner and one of a
   * second service partner, principal B with a job of its own; API keys of each.
   */
  async function freshWorld() {
    const em: EntityManager = orm.em.fork();
    scopeToSystem(em);
    const world = await buildWorld(em);
    const secondPartner = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
    const key = (organization: typeof world.principalA, name: string) => makeApiKey(em, organization, { role: 'ADMIN', name }, SESSION_SECRET);
    const keys = {
      admin: key(world.principalA, 'admin'),
      listener: key(world.principalA, 'listener'),
      bystander: key(world.principalA, 'bystander'),
      otherPrincipal: key(world.principalB, 'other principal'),
      otherPrincipalAdmin: key(world.principalB, 'other principal admin'),
      service: key(world.service, 'service'),
      secondPartner: key(secondPartner.organization, 'second partner'),
    };
    const servicePartner = await em.findOneOrFail(Partner, { organization: world.service }, { filters: false });
    const assigned = (principal: typeof world.principalA, partner: Partner | null) =>
      em.create(Job, { principal, kind: 'INSTALLATION', vehicle: makeVehicle(em, principal), configuration: { settings: {} }, status: partner ? 'ASSIGNED' : 'PENDING', servicePartner: partner });
    const jobs = { service: assigned(world.principalA, servicePartner), second: assigned(world.principalA, secondPartner), otherPrincipal: assigned(world.principalB, null) };
    await em.flush();

    let edits = 0;
    /** Edits a job's instructions through instance A (one committed change); answers what a subscriber hears of it. */
    const editJob = async (job: Job, token = keys.admin.token) => {
      edits += 1;
      const instructions = `Ring ${edits} times`;
      const data = await post(a, token, UPDATE_JOB, { input: { id: job.id, instructions } });
      expect(data['updateJob']?.__typename).toBe('JobSuccess');
      return { jobId: job.id, instructions };
    };
    /**
     * Resolves once every line hears an edit of `job` made through A: its subscription is in place on B and
     * B's Redis channel is subscribed. Edits again until then (how long it takes is up to the machine).
     */
    const listening = async (job: Job, token: string, ...listeners: Line[]) => {
      for (;;) {
        const edit = await editJob(job, token);
        const done = () => listeners.every((line) => line.hears(edit.jobId, edit.instructions) || line.closed || line.refusals.length > 0);
        const paced = Date.now() + 250;
        await until(() => done() || Date.now() > paced);
        if (done()) break;
      }
      for (const line of listeners) {
        expect(line.refusals).toEqual([]);
        expect(line.closed).toBeNull();
      }
    };
    const ready = (...listeners: Line[]) => listening(jobs.service, keys.admin.token, ...listeners);
    return { world, keys, jobs, servicePartner, editJob, listening, ready };
  }

  it('a job changed through A reaches the subscribers on B who may see it, and no one else there', async () => {
    const w = await freshWorld();
    const principal = onB(w.keys.listener.token).listen();
    const partner = onB(w.keys.service.token).listen();
    const otherPartner = onB(w.keys.secondPartner.token).listen();
    const otherPrincipal = onB(w.keys.otherPrincipal.token).listen();
    await w.ready(principal, partner);
    await w.listening(w.jobs.second, w.keys.admin.token, otherPartner);
    await w.listening(w.jobs.otherPrincipal, w.keys.otherPrincipalAdmin.token, otherPrincipal);
    const marks = [otherPartner, otherPrincipal].map((line) => line.heard.length);

    const edit = await w.editJob(w.jobs.service);
    await until(() => principal.hears(edit.jobId, edit.instructions) && partner.hears(edit.jobId, edit.instructions));
    for (const line of [principal, partner]) {
      expect(line.heard.at(-1)).toEqual({ change: 'UPDATED', jobId: edit.jobId, job: { id: edit.jobId, status: 'ASSIGNED', instructions: edit.instructions } });
    }
    // A published it on its commit, B dispatched it after: it came to B through Redis
    const same = (e: PublishedEvent) => e.topic === 'JOB_CHANGED' && (e.payload as { jobIds: string[] }).jobIds.includes(edit.jobId);
    const [atA, atB] = await Promise.all([a.waitForPublished(same), b.waitForPublished(same)]);
    expect(atB.at).toBeGreaterThanOrEqual(atA.at);

    // later changes the others may see reach them (a subscription delivers in order): the edit never did
    const toPartner = await w.editJob(w.jobs.second);
    const toPrincipal = await w.editJob(w.jobs.otherPrincipal, w.keys.otherPrincipalAdmin.token);
    await until(() => otherPartner.hears(toPartner.jobId, toPartner.instructions) && otherPrincipal.hears(toPrincipal.jobId, toPrincipal.instructions));
    expect(otherPartner.heard.slice(marks[0]).map((e) => e.jobId)).toEqual([toPartner.jobId]);
    expect(otherPrincipal.heard.slice(marks[1]).map((e) => e.jobId)).toEqual([toPrincipal.jobId]);
  });

  it('revoking an API key through A ends its subscription on B at once', async () => {
    const w = await freshWorld();
    const victim = onB(w.keys.listener.token).listen();
    const bystander = onB(w.keys.bystander.token).listen();
    await w.ready(victim, bystander);
    const victimMark = victim.heard.length;

    const data = await post(a, w.keys.admin.token, 'mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }', { i: { id: w.keys.listener.apiKey.id } });
    expect(data['revokeApiKey']?.__typename).toBe('RevokeApiKeySuccess');
    await until(() => victim.closed !== null);
    expect(victim.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/forbidden/i) });
    // the bystander keeps hearing; the victim heard nothing after the revocation
    const later = await w.editJob(w.jobs.service);
    await until(() => bystander.hears(later.jobId, later.instructions));
    expect(bystander.closed).toBeNull();
    expect(victim.heard.slice(victimMark)).toEqual([]);
  });

  it("blocking a partner through A ends its open subscriptions on B, not another partner's", async () => {
    const w = await freshWorld();
    const blocked = onB(w.keys.service.token).listen();
    const otherPartner = onB(w.keys.secondPartner.token).listen();
    const principal = onB(w.keys.listener.token).listen();
    await w.ready(blocked, principal);
    await w.listening(w.jobs.second, w.keys.admin.token, otherPartner);
    const blockedMark = blocked.heard.length;

    const data = await post(a, w.keys.admin.token, 'mutation($i: UpdatePartnerSettingsInput!) { updatePartnerSettings(input: $i) { __typename } }', {
      i: { id: w.servicePartner.id, allowJobOverride: w.servicePartner.allowJobOverride, blocked: true, usersBlocked: false, passwordPolicy: 'SIMPLE' },
    });
    expect(data['updatePartnerSettings']?.__typename).toBe('PartnerSuccess');
    await until(() => blocked.closed !== null);
    expect(blocked.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/forbidden/i) });
    const [forPrincipal, forOther] = [await w.editJob(w.jobs.service), await w.editJob(w.jobs.second)];
    await until(() => principal.hears(forPrincipal.jobId, forPrincipal.instructions) && otherPartner.hears(forOther.jobId, forOther.instructions));
    expect([otherPartner.closed, principal.closed]).toEqual([null, null]);
    expect(blocked.heard.slice(blockedMark)).toEqual([]);
  });
});
