/**
 * Two API processes — two ports, one PostgreSQL database, the machine's Redis — as a deployment runs
 * them (issue 13, "Proof"): a change made through instance A reaches a subscriber connected to instance
 * B, and not a subscriber who may not hear it; withdrawing a credential or blocking a partner through A
 * ends the open connections on B at once (app/live-identity.ts, across real processes this time).
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
import { Partner } from '../modules/partner/partner.entity.js';
import { Job } from '../modules/job/job.entity.js';

const SESSION_SECRET = 'two-processes-test-secret-0123456789';
const available = await sharedRedisAvailable('the two-process test (apps/api/src/app/two-processes.int-spec.ts)');

/** Waits until `condition` holds (bounded by the test's timeout, never by a guess of how long it takes). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

interface Heard {
  id: string;
  action: string;
  objectId: string;
}

const SUBSCRIPTION = 'subscription { auditEventRecorded { id action objectId } }';

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
    this.client.subscribe<{ auditEventRecorded: Heard }>(
      { query: SUBSCRIPTION },
      {
        next: ({ data, errors }) => {
          if (errors) this.refusals.push(errors);
          else if (data) this.heard.push(data.auditEventRecorded);
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

  hears(objectId: string): boolean {
    return this.heard.some((e) => e.objectId === objectId);
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
const UPDATE_USER = 'mutation($i: UpdateUserInput!) { updateUser(input: $i) { __typename } }';

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

  /** A world of its own per test, with API keys and an ASSIGNED job of principal A. */
  async function freshWorld() {
    const em: EntityManager = orm.em.fork();
    scopeToSystem(em);
    const world = await buildWorld(em);
    const key = (organization: typeof world.principalA, name: string) => makeApiKey(em, organization, { role: 'ADMIN', name }, SESSION_SECRET);
    const keys = {
      admin: key(world.principalA, 'admin'),
      listener: key(world.principalA, 'listener'),
      bystander: key(world.principalA, 'bystander'),
      otherPrincipal: key(world.principalB, 'other principal'),
      dealer: key(world.dealer, 'dealer'),
      service: key(world.service, 'service'),
    };
    const servicePartner = await em.findOneOrFail(Partner, { organization: world.service }, { filters: false });
    const dealerPartner = await em.findOneOrFail(Partner, { organization: world.dealer }, { filters: false });
    const job = em.create(Job, { principal: world.principalA, kind: 'INSTALLATION', vehicle: makeVehicle(em, world.principalA), configuration: { settings: {} }, status: 'ASSIGNED', servicePartner });
    await em.flush();

    let edits = 0;
    /** Edits the job through instance A (one committed change, one audit event); answers the job's id. */
    const editJob = async () => {
      edits += 1;
      const data = await post(a, keys.admin.token, UPDATE_JOB, { input: { id: job.id, instructions: `Ring ${edits} times` } });
      expect(data['updateJob']?.__typename).toBe('JobSuccess');
      return job.id;
    };
    /** Renames principal `org`'s manager through instance A (an audit event only that principal's staff hear). */
    const probe = async (token: string, userId: string): Promise<string> => {
      edits += 1;
      const data = await post(a, token, UPDATE_USER, { i: { id: userId, name: `Manager ${edits}`, role: 'MANAGER' } });
      expect(data['updateUser']?.__typename).toBe('UpdateUserSuccess');
      return userId;
    };
    /**
     * Resolves once every line hears a change made through A: its subscription is in place on B and B's
     * Redis channel is subscribed. Probes again until then (how long it takes is up to the machine).
     */
    const listening = async (token: string, userId: string, ...listeners: Line[]) => {
      for (;;) {
        const mark = listeners.map((line) => line.heard.length);
        await probe(token, userId);
        const done = () => listeners.every((line, i) => line.heard.length > (mark[i] ?? 0) || line.closed || line.refusals.length > 0);
        const paced = Date.now() + 250;
        await until(() => done() || Date.now() > paced);
        if (done()) break;
      }
      for (const line of listeners) {
        expect(line.refusals).toEqual([]);
        expect(line.closed).toBeNull();
      }
    };
    const ready = (...listeners: Line[]) => listening(keys.admin.token, world.users.managerA.id, ...listeners);
    return { world, keys, job, servicePartner, dealerPartner, editJob, probe, listening, ready };
  }

  it('a job changed through A reaches its principal\'s subscriber on B, and not another principal\'s', async () => {
    const w = await freshWorld();
    const listener = onB(w.keys.listener.token).listen();
    const stranger = onB(w.keys.otherPrincipal.token).listen();
    await w.ready(listener);
    await w.listening(w.keys.otherPrincipal.token, w.world.users.adminB.id, stranger);
    const strangerMark = stranger.heard.length;

    const jobId = await w.editJob();
    await until(() => listener.hears(jobId));
    const heard = listener.heard.filter((e) => e.objectId === jobId);
    expect(heard).toEqual([expect.objectContaining({ action: 'job.edited', objectId: jobId })]);
    // A dispatched it on its commit, B after it: it came to B through Redis
    const same = (e: PublishedEvent) => e.topic === 'AUDIT_EVENT_RECORDED' && (e.payload as { id: string }).id === heard[0]?.id;
    const [atA, atB] = await Promise.all([a.waitForPublished(same), b.waitForPublished(same)]);
    expect(atB.at).toBeGreaterThanOrEqual(atA.at);

    // a later change of the stranger's own principal reaches it, the job's never did
    const own = await w.probe(w.keys.otherPrincipal.token, w.world.users.adminB.id);
    await until(() => stranger.heard.length > strangerMark);
    expect(stranger.heard.slice(strangerMark)).toEqual([expect.objectContaining({ action: 'user.update', objectId: own })]);
  });

  it('revoking an API key through A ends its subscription on B before the revocation is heard', async () => {
    const w = await freshWorld();
    const victim = onB(w.keys.listener.token).listen();
    const bystander = onB(w.keys.bystander.token).listen();
    await w.ready(victim, bystander);
    const victimMark = victim.heard.length;

    const data = await post(a, w.keys.admin.token, 'mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }', { i: { id: w.keys.listener.apiKey.id } });
    expect(data['revokeApiKey']?.__typename).toBe('RevokeApiKeySuccess');
    await until(() => victim.closed !== null);
    expect(victim.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/forbidden/i) });
    await until(() => bystander.heard.some((e) => e.action === 'apiKey.revoke'));
    // the bystander keeps hearing; the victim heard nothing after the revocation, not even the revocation itself
    const later = await w.editJob();
    await until(() => bystander.hears(later));
    expect(bystander.closed).toBeNull();
    expect(victim.heard.slice(victimMark)).toEqual([]);
  });

  it("blocking a partner through A ends its open connections on B, not another partner's", async () => {
    const w = await freshWorld();
    const dealer = onB(w.keys.dealer.token);
    const service = onB(w.keys.service.token);
    expect(await dealer.query('{ viewer { role } }')).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    expect(await service.query('{ viewer { role } }')).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    const principal = onB(w.keys.listener.token).listen();
    await w.ready(principal);

    const data = await post(a, w.keys.admin.token, 'mutation($i: UpdatePartnerSettingsInput!) { updatePartnerSettings(input: $i) { __typename } }', {
      i: { id: w.dealerPartner.id, allowJobOverride: w.dealerPartner.allowJobOverride, blocked: true, usersBlocked: false, passwordPolicy: 'SIMPLE' },
    });
    expect(data['updatePartnerSettings']?.__typename).toBe('PartnerSuccess');
    await until(() => dealer.closed !== null);
    expect(dealer.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/forbidden/i) });
    await until(() => principal.heard.some((e) => e.action === 'partner.updateSettings'));
    expect(await service.query('{ viewer { role } }')).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    expect([service.closed, principal.closed]).toEqual([null, null]);
  });
});
