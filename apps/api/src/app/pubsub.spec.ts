import { afterEach, describe, expect, it } from 'vitest';
import { createAppPubSub } from './pubsub.js';

describe('in-process events', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  afterEach(() => {
    process.off('warning', onWarning);
  });

  it('holds thousands of subscriptions to one topic without a listener-leak warning, and delivers to each', async () => {
    process.on('warning', onWarning);
    const { pubSub } = createAppPubSub();
    const iterators = Array.from({ length: 2_000 }, () => pubSub.subscribe('AUDIT_EVENT_RECORDED')[Symbol.asyncIterator]());
    const received = iterators.map((iterator) => iterator.next()); // a subscription listens from its first pull
    pubSub.publish('AUDIT_EVENT_RECORDED', { id: 'event-1', organizationId: 'org-1' });
    const values = await Promise.all(received);
    expect(values.every((v) => (v.value as { id: string }).id === 'event-1')).toBe(true);
    await new Promise((resolve) => setImmediate(resolve)); // Node emits its warnings on the next tick
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    await Promise.all(iterators.map((iterator) => iterator.return?.()));
  });

  it('delivers a principal\'s events to that principal\'s subscribers and listeners only, and every event to the all-principals ones', async () => {
    const { pubSub } = createAppPubSub();
    const event = (principalId: string) => ({ principalId, change: 'UPDATED' as const, jobIds: [`job-of-${principalId}`], servicePartnerIds: [], formerServicePartnerIdByJob: {}, importBatchId: null });
    const ofP1: string[] = [];
    const all: string[] = [];
    const stopP1 = pubSub.listenToPrincipal('JOB_CHANGED', 'p1', (e) => ofP1.push(e.principalId));
    const stopAll = pubSub.listen('JOB_CHANGED', (e) => all.push(e.principalId));
    // a partner's people working for two principals; and one working for none hears nothing
    const both = pubSub.subscribeToPrincipals('JOB_CHANGED', ['p1', 'p2', 'p1'])[Symbol.asyncIterator]();
    const none = pubSub.subscribeToPrincipals('JOB_CHANGED', [])[Symbol.asyncIterator]();
    const firstTwo = [both.next(), both.next()];
    const nothing = none.next();
    for (const principalId of ['p1', 'p3', 'p2']) pubSub.publish('JOB_CHANGED', event(principalId));
    expect((await Promise.all(firstTwo)).map((r) => r.value?.principalId)).toEqual(['p1', 'p2']);
    expect(ofP1).toEqual(['p1']);
    expect(all).toEqual(['p1', 'p3', 'p2']);
    stopP1();
    stopAll();
    pubSub.publish('JOB_CHANGED', event('p1'));
    expect(ofP1).toEqual(['p1']);
    expect(all).toEqual(['p1', 'p3', 'p2']);
    await none.return?.();
    expect(await nothing).toEqual({ done: true, value: undefined });
    await both.return?.();
  });
});
