import { Redis } from 'ioredis';

/** The Redis the multi-instance tests share: TEST_REDIS_URL, or the machine's on the default port. */
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Whether a Redis answers PING at `url` (one try, no retries: a probe, not a client). */
export async function redisAnswers(url: string = TEST_REDIS_URL): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Whether the shared test Redis answers; says so loudly when it does not (a skipped suite owes one line). */
export async function sharedRedisAvailable(suite: string): Promise<boolean> {
  const available = await redisAnswers();
  if (!available) {
    console.warn(`⚠ REDIS TESTS SKIPPED: no Redis answers at ${TEST_REDIS_URL} (set TEST_REDIS_URL to run ${suite})`); // eslint-disable-line no-console -- the one loud line a skipped suite owes
  }
  return available;
}
