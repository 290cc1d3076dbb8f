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
});
