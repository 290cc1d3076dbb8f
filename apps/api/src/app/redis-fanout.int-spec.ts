/**
 * The multi-instance path: events and sign-in throttling shared through Redis. Uses the Redis at
 * TEST_REDIS_URL (default redis://127.0.0.1:6379) and is skipped, loudly, when none answers —
 * the plain `npm test` must not depend on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createAppPubSub } from './pubsub.js';
import { TEST_REDIS_URL, sharedRedisAvailable } from '../testing/redis-probe.js';
import { SignInThrottle } from '../common/auth/sign-in-throttle.js';
import { TooManyAttempts } from '../common/errors/app-errors.js';

const url = TEST_REDIS_URL;
const available = await sharedRedisAvailable('the multi-instance tests');

describe.skipIf(!available)('two API instances sharing Redis', () => {
  const instances: ReturnType<typeof createAppPubSub>[] = [];
  const clients: Redis[] = [];

  beforeAll(() => {
    instances.push(createAppPubSub(url), createAppPubSub(url));
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.close()));
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('delivers an event published on one instance to a subscriber on the other', async () => {
    const [a, b] = instances;
    const organizationId = `org-${Date.now()}`;
    const iterator = b!.pubSub.subscribe('AUDIT_EVENT_RECORDED')[Symbol.asyncIterator]();
    const received = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the Redis SUBSCRIBE land
    a!.pubSub.publish('AUDIT_EVENT_RECORDED', { id: 'event-1', organizationId });
    expect((await received).value).toEqual({ id: 'event-1', organizationId });
    await iterator.return?.();
  });

  it('counts failed sign-ins across instances', async () => {
    const redisA = new Redis(url, { lazyConnect: true });
    const redisB = new Redis(url, { lazyConnect: true });
    clients.push(redisA, redisB);
    // until a client is connected the throttle counts in-process (its fallback while Redis is unreachable)
    await Promise.all([redisA.connect(), redisB.connect()]);
    const first = new SignInThrottle(redisA);
    const second = new SignInThrottle(redisB);
    const email = `throttle-${Date.now()}@redis.example`;
    let checked = 0;
    const wrong = async () => {
      checked += 1;
      return null;
    };
    for (let i = 0; i < 3; i++) await first.attempt(email, '192.0.2.1', wrong);
    for (let i = 0; i < 2; i++) await second.attempt(email, '192.0.2.1', wrong);
    await expect(first.attempt(email, '192.0.2.1', wrong)).rejects.toBeInstanceOf(TooManyAttempts);
    await expect(second.attempt(email, '192.0.2.1', wrong)).rejects.toBeInstanceOf(TooManyAttempts);
    expect(checked).toBe(5);
  });
});
