import { randomUUID } from 'node:crypto';
import { Repeater, createPubSub } from '@graphql-yoga/subscription';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { RedisLink } from './redis.js';
import { PRINCIPAL_TOPICS } from '../common/context/events.js';
import type { AppPubSub, PrincipalTopic, Topics } from '../common/context/events.js';

type AppEventTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'>;

const perPrincipal: ReadonlySet<string> = new Set<string>(PRINCIPAL_TOPICS);

/**
 * The event type (here) and Redis channel of one principal's events of a per-principal topic. Its
 * all-principals listeners use the topic itself as event type (and the pattern `<topic>:*` in Redis).
 */
function principalType(topic: string, principalId: string): string {
  return `${topic}:${principalId}`;
}

/** The per-principal type an event of `topic` is also dispatched as, or null for a topic that is not per principal. */
function principalTypeOf(topic: string, detail: unknown): string | null {
  return perPrincipal.has(topic) ? principalType(topic, (detail as { principalId: string }).principalId) : null;
}

/**
 * An EventTarget for any number of subscribers (every open subscription listens to its topic): listeners
 * by type in a Set, so adding or removing one costs the same at 10,000 subscribers as at one (Node's
 * EventTarget walks its list of a type's listeners on each add and remove — quadratic when thousands of
 * subscriptions open and close). Dispatch follows EventTarget's rules: listeners added during a dispatch
 * wait for the next event, removed ones are not called, a listener that throws is reported as an uncaught
 * exception (after the others ran).
 */
type Listener = NonNullable<Parameters<EventTarget['addEventListener']>[1]>;

class LocalEvents implements AppEventTarget {
  private readonly listeners = new Map<string, Set<Listener>>();

  /** (no options: every listener of this app's pub/sub is a plain one) */
  addEventListener(type: string, listener: Listener | null, _options?: unknown): void {
    if (!listener) return;
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener | null, _options?: unknown): void {
    const set = listener ? this.listeners.get(type) : undefined;
    if (!set || !listener) return;
    set.delete(listener);
    if (set.size === 0) this.listeners.delete(type);
  }

  dispatchEvent(event: Event): boolean {
    const set = this.listeners.get(event.type);
    if (!set) return true;
    for (const listener of [...set]) {
      if (!set.has(listener)) continue;
      try {
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      } catch (error) {
        process.nextTick(() => {
          throw error;
        });
      }
    }
    return true;
  }
}

function unboundedEventTarget(): LocalEvents {
  return new LocalEvents();
}

/** Dispatches an event here as its topic and, for a per-principal topic, as its principal's type too. */
function dispatchHere(local: AppEventTarget, topic: string, detail: unknown): void {
  local.dispatchEvent(new CustomEvent(topic, { detail }));
  const type = principalTypeOf(topic, detail);
  if (type) local.dispatchEvent(new CustomEvent(type, { detail }));
}

function inProcessEventTarget(): AppEventTarget {
  const local = unboundedEventTarget();
  return {
    addEventListener: (type, listener, options) => local.addEventListener(type, listener, options),
    removeEventListener: (type, listener, options) => local.removeEventListener(type, listener, options),
    dispatchEvent(event) {
      dispatchHere(local, event.type, (event as CustomEvent).detail);
      return true;
    },
  };
}

function appPubSub(eventTarget: AppEventTarget, onResumed: AppPubSub['onResumed']): AppPubSub {
  const pubSub = createPubSub<Topics>({ eventTarget });
  const listenTo = (type: string, handler: (payload: never) => void) => {
    const listener = (event: Event) => handler((event as CustomEvent).detail as never);
    eventTarget.addEventListener(type, listener);
    return () => eventTarget.removeEventListener(type, listener);
  };
  return {
    publish: pubSub.publish,
    subscribe: pubSub.subscribe,
    listen: (topic, handler) => listenTo(topic, handler),
    listenToPrincipal: (topic, principalId, handler) => listenTo(principalType(topic, principalId), handler),
    subscribeToPrincipals: <K extends PrincipalTopic>(topic: K, principalIds: readonly string[]) =>
      // like `subscribe`: listens from the first pull on, until the iterator returns
      new Repeater<Topics[K][0]>(async (push, stop) => {
        const stops = [...new Set(principalIds)].map((id) => listenTo(principalType(topic, id), (payload: Topics[K][0]) => void push(payload)));
        await stop;
        for (const stopListening of stops) stopListening();
      }),
    onResumed,
  };
}

/** Reference counts of the Redis channels or patterns this instance is subscribed to. */
class Subscriptions {
  private readonly counts = new Map<string, number>();
  constructor(private readonly command: (names: string[], add: boolean) => Promise<unknown>) {}

  has(name: string): boolean {
    return this.counts.has(name);
  }

  /** Subscribes to `name` in Redis for its first listener (when connected; else on the next 'ready'). */
  add(name: string, connected: boolean): void {
    const count = this.counts.get(name) ?? 0;
    this.counts.set(name, count + 1);
    if (count === 0 && connected) this.command([name], true).catch(ignore);
  }

  /** Unsubscribes from `name` in Redis when its last listener leaves. */
  remove(name: string, connected: boolean): void {
    const count = (this.counts.get(name) ?? 0) - 1;
    if (count > 0) this.counts.set(name, count);
    else if (this.counts.delete(name) && connected) this.command([name], false).catch(ignore);
  }

  /** Subscribes to every one again (after a reconnect). */
  restore(): Promise<unknown> {
    return this.counts.size > 0 ? this.command([...this.counts.keys()], true) : Promise.resolve();
  }
}

const ignore = () => undefined; // a failed command is the link's outage, logged there once

/**
 * Events delivered at once to this instance's listeners, and through Redis to the other instances'
 * (each message carries its sender, which skips its own). A per-principal topic (JOB_CHANGED) goes to
 * its principal's channel `<topic>:<principalId>`: this instance subscribes to a principal's channel only
 * while it has a listener for that principal (`listenToPrincipal`, `subscribeToPrincipals`), and to the
 * pattern `<topic>:*` only while it has one for every principal (`listen`, `subscribe`). Other topics
 * have one channel each. While Redis is unreachable, events still reach this instance's listeners and
 * are not sent elsewhere (nothing queues up); channels and patterns are subscribed again on every reconnect.
 */
function redisEventTarget(sender: string, publishClient: Redis, subscribeClient: Redis): { eventTarget: AppEventTarget; onResumed: AppPubSub['onResumed'] } {
  const local = unboundedEventTarget();
  const channels = new Subscriptions((names, add) => (add ? subscribeClient.subscribe(...names) : subscribeClient.unsubscribe(...names)));
  const patterns = new Subscriptions((names, add) => (add ? subscribeClient.psubscribe(...names) : subscribeClient.punsubscribe(...names)));
  const resumedHandlers = new Set<() => void>();
  let lost = false;
  const connected = () => subscribeClient.status === 'ready';

  /** The detail of a message from another instance, or undefined (our own, or not ours). */
  const detailOf = (message: string): { detail: unknown } | undefined => {
    try {
      const envelope = JSON.parse(message) as { from?: string; detail?: unknown };
      return envelope.from === sender ? undefined : { detail: envelope.detail };
    } catch {
      return undefined;
    }
  };
  // a channel's message reaches the listeners of that channel's type (a topic, or one principal's events)
  subscribeClient.on('message', (channel: string, message: string) => {
    const event = channels.has(channel) ? detailOf(message) : undefined;
    if (event) local.dispatchEvent(new CustomEvent(channel, event));
  });
  // a pattern's message reaches the all-principals listeners of its topic
  subscribeClient.on('pmessage', (pattern: string, _channel: string, message: string) => {
    const event = patterns.has(pattern) ? detailOf(message) : undefined;
    if (event) local.dispatchEvent(new CustomEvent(pattern.slice(0, -':*'.length), event));
  });
  subscribeClient.on('close', () => {
    lost = true;
  });
  subscribeClient.on('ready', () => {
    Promise.all([channels.restore(), patterns.restore()]).then(
      () => {
        if (!lost) return;
        lost = false;
        for (const handler of [...resumedHandlers]) handler();
      },
      ignore, // the connection dropped again: the next 'ready' tries again
    );
  });

  /** Where a listener of `type` listens in Redis. */
  const subscriptionOf = (type: string) => (perPrincipal.has(type) ? { set: patterns, name: `${type}:*` } : { set: channels, name: type });

  const eventTarget: AppEventTarget = {
    addEventListener(type, listener, options) {
      if (!listener) return;
      local.addEventListener(type, listener, options);
      const { set, name } = subscriptionOf(type);
      set.add(name, connected());
    },
    removeEventListener(type, listener, options) {
      if (!listener) return;
      local.removeEventListener(type, listener, options);
      const { set, name } = subscriptionOf(type);
      set.remove(name, connected());
    },
    dispatchEvent(event) {
      const detail = (event as CustomEvent).detail as unknown;
      dispatchHere(local, event.type, detail);
      const channel = principalTypeOf(event.type, detail) ?? event.type;
      if (publishClient.status === 'ready') publishClient.publish(channel, JSON.stringify({ from: sender, detail })).catch(ignore);
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
 * `instance` names this instance's event connections in Redis (`CLIENT LIST`: partner-hub:subscribe:<instance>).
 */
export function createAppPubSub(
  redisUrl?: string,
  logger: Logger = pino({ level: 'silent' }),
): { pubSub: AppPubSub; redis: RedisLink | null; instance: string; close(): Promise<void> } {
  const instance = randomUUID();
  if (!redisUrl) return { pubSub: appPubSub(inProcessEventTarget(), () => () => undefined), redis: null, instance, close: async () => undefined };
  const redis = new RedisLink(redisUrl, logger);
  const { eventTarget, onResumed } = redisEventTarget(
    instance,
    redis.client('publish', { connectionName: `partner-hub:publish:${instance}` }),
    redis.client('subscribe', { connectionName: `partner-hub:subscribe:${instance}`, autoResubscribe: false }),
  );
  return { pubSub: appPubSub(eventTarget, onResumed), redis, instance, close: () => redis.close() };
}
