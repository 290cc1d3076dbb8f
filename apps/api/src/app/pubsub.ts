import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { Redis } from 'ioredis';

/**
 * Topics and their payloads. Payloads are small and id-only: each subscriber loads the object
 * through its own scoped EntityManager, so it sees only what it may see.
 */
export interface Topics {
  [key: string]: [unknown];
  AUDIT_EVENT_RECORDED: [{ id: string; organizationId: string }];
  /** a running import batch made progress or ended */
  IMPORT_BATCH_PROGRESS: [{ id: string; organizationId: string }];
}

export type AppPubSub = ReturnType<typeof createPubSub<Topics>>;

/** In-process events, or shared across API instances through Redis when `redisUrl` is given. */
export function createAppPubSub(redisUrl?: string): { pubSub: AppPubSub; close(): Promise<void> } {
  if (!redisUrl) return { pubSub: createPubSub<Topics>(), close: async () => undefined };
  const publishClient = new Redis(redisUrl, { lazyConnect: false });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false });
  const pubSub = createPubSub<Topics>({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) });
  return {
    pubSub,
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
