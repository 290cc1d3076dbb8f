import { createPubSub } from '@graphql-yoga/subscription';
import type { PubSub } from '@graphql-yoga/subscription';
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
  /**
   * What the identities of these organizations may do changed (a key revoked, a user deactivated or
   * signed out, a partner blocked…): every instance re-checks their open connections (live-identity.ts).
   * Published after the commit and before the transaction's audit events.
   */
  CREDENTIALS_CHANGED: [{ organizationIds: string[] }];
}

export interface AppPubSub extends PubSub<Topics> {
  /**
   * Calls `handler` for every event of `topic` (from any instance) synchronously as it arrives, in
   * publication order with every other topic — so it runs before a later event reaches any subscriber.
   * Returns the function that stops listening.
   */
  listen<K extends keyof Topics & string>(topic: K, handler: (payload: Topics[K][0]) => void): () => void;
}

type AppEventTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'>;

function appPubSub(eventTarget: AppEventTarget): AppPubSub {
  const pubSub = createPubSub<Topics>({ eventTarget });
  return {
    publish: pubSub.publish,
    subscribe: pubSub.subscribe,
    listen: (topic, handler) => {
      const listener = (event: Event) => handler((event as CustomEvent).detail);
      eventTarget.addEventListener(topic, listener);
      return () => eventTarget.removeEventListener(topic, listener);
    },
  };
}

/** In-process events, or shared across API instances through Redis when `redisUrl` is given. */
export function createAppPubSub(redisUrl?: string): { pubSub: AppPubSub; close(): Promise<void> } {
  if (!redisUrl) return { pubSub: appPubSub(new EventTarget()), close: async () => undefined };
  const publishClient = new Redis(redisUrl, { lazyConnect: false });
  const subscribeClient = new Redis(redisUrl, { lazyConnect: false });
  const pubSub = appPubSub(createRedisEventTarget({ publishClient, subscribeClient }));
  return {
    pubSub,
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
