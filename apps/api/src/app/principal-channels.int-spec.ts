/**
 * Per-principal channels through Redis (issue 13, fan-out): JOB_CHANGED goes to `JOB_CHANGED:<principalId>`,
 * and an instance is subscribed to a principal's channel only while it has a listener of that principal —
 * so instance B hears only the principals its own subscribers belong to. Uses the Redis at TEST_REDIS_URL
 * (default redis://127.0.0.1:6379) and is skipped, loudly, when none answers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createAppPubSub } from './pubsub.js';
import type { JobChangedPayload } from '../common/context/events.js';
import { TEST_REDIS_URL, sharedRedisAvailable } from '../testing/redis-probe.js';

const available = await sharedRedisAvailable('the per-principal channel tests');

/** Waits until `condition` holds (bounded by the test's own timeout). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}

const change = (principalId: string, jobId: string = randomUUID()): JobChangedPayload => ({
  principalId,
  change: 'UPDATED',
  jobIds: [jobId],
  servicePartnerIds: [],
  formerServicePartnerIdByJob: {},
  importBatchId: null,
});

/** Everything a subscription delivers, as it arrives. */
function collect(iterable: AsyncIterable<JobChangedPayload>) {
  const seen: JobChangedPayload[] = [];
  const iterator = iterable[Symbol.asyncIterator]();
  void (async () => {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) seen.push(next.value);
  })();
  return { seen, stop: () => iterator.return?.() };
}

describe.skipIf(!available)('JOB_CHANGED on one Redis channel per principal', () => {
  const a = createAppPubSub(TEST_REDIS_URL);
  const b = createAppPubSub(TEST_REDIS_URL);
  const admin = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  const channel = (principalId: string) => `JOB_CHANGED:${principalId}`;
  /** How many connections (of any instance) are subscribed to a principal's channel. */
  const subscribers = async (principalId: string) => Number(((await admin.pubsub('NUMSUB', channel(principalId))) as [string, number])[1]);

  beforeAll(async () => {
    await admin.connect();
    await until(() => a.redis!.up && b.redis!.up);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await admin.quit();
  });

  it('subscribes B to a principal\'s channel only while B has a subscriber of that principal, and delivers only those principals', async () => {
    const [p1, p2, p3] = [randomUUID(), randomUUID(), randomUUID()];
    expect(await subscribers(p1)).toBe(0);
    // principal staff of p1, and a partner's person working for p1 and p2 (one Redis subscription per principal)
    const staff = collect(b.pubSub.subscribeToPrincipals('JOB_CHANGED', [p1]));
    const partner = collect(b.pubSub.subscribeToPrincipals('JOB_CHANGED', [p1, p2]));
    await until(async () => (await subscribers(p1)) === 1 && (await subscribers(p2)) === 1);
    expect(await subscribers(p3)).toBe(0);
    const channels = (await admin.pubsub('CHANNELS', 'JOB_CHANGED:*')) as string[];
    expect(channels).toEqual(expect.arrayContaining([channel(p1), channel(p2)]));
    expect(channels).not.toContain(channel(p3));

    const [e1, e2, e3] = [change(p1), change(p2), change(p3)];
    for (const event of [e1, e3, e2]) a.pubSub.publish('JOB_CHANGED', event);
    await until(() => staff.seen.length === 1 && partner.seen.length === 2);
    expect(staff.seen).toEqual([e1]);
    expect(partner.seen).toEqual([e1, e2]);
    // no connection subscribes to p3's channel, so its event went to no instance's per-principal listeners
    // (a raw PUBLISH's receiver count would also count other test files' all-principals pattern listeners
    // on this shared Redis, hence NUMSUB, which counts channel subscribers only)
    expect(await subscribers(p3)).toBe(0);

    // the last subscriber of a principal leaving unsubscribes B from its channel; p1 stays while the partner's remains
    await staff.stop();
    expect(await subscribers(p1)).toBe(1);
    await partner.stop();
    await until(async () => (await subscribers(p1)) === 0 && (await subscribers(p2)) === 0);
  });

  it('delivers every principal\'s events to an all-principals listener once, alongside per-principal ones', async () => {
    const [p1, p2] = [randomUUID(), randomUUID()];
    const all: string[] = [];
    const ofP1: string[] = [];
    const stopAll = b.pubSub.listen('JOB_CHANGED', (event) => {
      if (event.principalId === p1 || event.principalId === p2) all.push(event.jobIds[0]!);
    });
    const stopP1 = b.pubSub.listenToPrincipal('JOB_CHANGED', p1, (event) => ofP1.push(event.jobIds[0]!));
    // the pattern subscription lands asynchronously: probe until B hears p2 through it
    await until(() => {
      a.pubSub.publish('JOB_CHANGED', change(p2, 'probe'));
      return all.includes('probe');
    });
    await until(async () => (await subscribers(p1)) === 1);
    all.length = 0;
    a.pubSub.publish('JOB_CHANGED', change(p1, 'j1'));
    a.pubSub.publish('JOB_CHANGED', change(p2, 'j2'));
    a.pubSub.publish('JOB_CHANGED', change(p1, 'j3'));
    await until(() => all.includes('j3') && ofP1.includes('j3'));
    expect(all.filter((id) => id !== 'probe')).toEqual(['j1', 'j2', 'j3']);
    expect(ofP1).toEqual(['j1', 'j3']);
    stopAll();
    stopP1();
  });

  it('subscribes B to its principals\' channels again after its connection to Redis drops, and tells its listeners', async () => {
    const p1 = randomUUID();
    let resumed = 0;
    const stopResumed = b.pubSub.onResumed(() => (resumed += 1));
    const staff = collect(b.pubSub.subscribeToPrincipals('JOB_CHANGED', [p1]));
    await until(async () => (await subscribers(p1)) === 1);

    const line = ((await admin.client('LIST')) as string).split('\n').find((l) => l.includes(`name=partner-hub:subscribe:${b.instance}`));
    const id = /\bid=(\d+)/.exec(line ?? '')?.[1];
    expect(id).toBeDefined();
    await admin.client('KILL', 'ID', id!);
    await until(() => resumed > 0);
    expect(await subscribers(p1)).toBe(1);
    const event = change(p1);
    a.pubSub.publish('JOB_CHANGED', event);
    await until(() => staff.seen.length > 0);
    expect(staff.seen).toEqual([event]);
    await staff.stop();
    stopResumed();
  });
});
