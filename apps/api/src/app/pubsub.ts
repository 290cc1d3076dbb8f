import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createPubSub } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { RedisLink } from './redis.js';
import type { AppPubSub, Topics } from '../common/context/events.js';

type AppEventTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'>;

/** An EventTarget for any number of subscribers (every open subscription listens to its topic). */
function unboundedEventTarget(): EventTarget {
  const target = new EventTarget();
  setMaxListeners(0, target);
  return target;
}

function appPubSub(eventTarget: AppEventTarget, onResumed: AppPubSub['onResumed']): AppPubSub {
  const pubSub = createPubSub<Topics>({ eventTarget });
  return {
    publish: pubSub.publish,
    subscribe: pubSub.subscribe,
    listen: (topic, handler) => {
      const listener = (event: Event) => handler((event as CustomEvent).detail);
      eventTarget.addEventListener(topic, listener);
      return () => eventTarget.removeEventListener(topic, listener);
    },
    onResumed,
  };
}

/**
 * Events delivered at once to this instance's listeners, and through Redis to the other instances'
 * (each message carries its sender, which skips its own). While Redis is unreachable, events still reach
 * this instance's listeners and are not sent elsewhere (nothing queues up); channels are subscribed
 * again on every reconnect.
 */
function redisEventTarget(publishClient: Redis, subscribeClient: Redis): { eventTarget: AppEventTarget; onResumed: AppPubSub['onResumed'] } {
  const sender = randomUUID();
  const local = unboundedEventTarget();
  const channels = new Map<string, number>();
  const resumedHandlers = new Set<() => void>();
  let lost = false;
  const ignore = () => undefined; // a failed command is the link's outage, logged there once

  subscribeClient.on('message', (channel: string, message: string) => {
    let envelope: { from?: string; detail?: unknown };
    try {
      envelope = JSON.parse(message) as { from?: string; detail?: unknown };
    } catch {
      return; // not one of ours
    }
    if (envelope.from === sender || !channels.has(channel)) return;
    local.dispatchEvent(new CustomEvent(channel, { detail: envelope.detail }));
  });
  subscribeClient.on('close', () => {
    lost = true;
  });
  subscribeClient.on('ready', () => {
    const subscribed = channels.size > 0 ? subscribeClient.subscribe(...channels.keys()) : Promise.resolve();
    subscribed.then(
      () => {
        if (!lost) return;
        lost = false;
        for (const handler of [...resumedHandlers]) handler();
      },
      ignore, // the connection dropped again: the next 'ready' tries again
    );
  });

  const eventTarget: AppEventTarget = {
    addEventListener(topic, listener, options) {
      if (!listener) return;
      local.addEventListener(topic, listener, options);
      const count = channels.get(topic) ?? 0;
      channels.set(topic, count + 1);
      if (count === 0 && subscribeClient.status === 'ready') subscribeClient.subscribe(topic).catch(ignore);
    },
    removeEventListener(topic, listener, options) {
      if (!listener) return;
      local.removeEventListener(topic, listener, options);
      const count = (channels.get(topic) ?? 0) - 1;
      if (count > 0) channels.set(topic, count);
      else if (channels.delete(topic) && subscribeClient.status === 'ready') subscribeClient.unsubscribe(topic).catch(ignore);
    },
    dispatchEvent(event) {
      const detail = (event as CustomEvent).detail as unknown;
      local.dispatchEvent(new CustomEvent(event.type, { detail }));
      if (publishClient.status === 'ready') publishClient.publish(event.type, JSON.stringify({ from: sender, detail })).catch(ignore);
      return true;
    },
  };
  const onResumed: AppPubSub['onResumed'] = (handler) => {
    resumedHandlers.add(handler);
    return () => resumedHandlers.delete(handler);
  };
  return { eventTarget, onResumed };
}

/**
 * In-process events, or shared across API instances through Redis when `redisUrl` is given (then
 * `redis` is the link, whose state /readyz and /metrics report and whose clients others may share).
 */
export function createAppPubSub(
  redisUrl?: string,
  logger: Logger = pino({ level: 'silent' }),
): { pubSub: AppPubSub; redis: RedisLink | null; close(): Promise<void> } {
  if (!redisUrl) return { pubSub: appPubSub(unboundedEventTarget(), () => () => undefined), redis: null, close: async () => undefined };
  const redis = new RedisLink(redisUrl, logger);
  const { eventTarget, onResumed } = redisEventTarget(redis.client('publish'), redis.client('subscribe', { autoResubscribe: false }));
  return { pubSub: appPubSub(eventTarget, onResumed), redis, close: () => redis.close() };
}
