import { ApolloLink } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import { Observable } from 'rxjs';
import type { Subscription } from 'rxjs';

/**
 * Mocked answers, where those to the named operations wait until the test calls `release()` (all of them)
 * or `release(name)` (that operation's): a test sees an in-between state ("Importing…") for as long as its
 * checks take, however busy the machine, where a fixed answer delay could end before a slow render showed
 * the state at all.
 */
export function heldAnswers(
  mocks: MockLink.MockedResponse[],
  held: string[],
): { link: ApolloLink; release: (operationName?: string) => void } {
  const gates = new Map(
    held.map((name) => {
      let open = () => undefined as void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return [name, { open, opened }] as const;
    }),
  );
  const gate = new ApolloLink((operation, forward) => {
    const held = gates.get(operation.operationName ?? '');
    if (!held) return forward(operation);
    return new Observable((observer) => {
      let answer: Subscription | undefined;
      let closed = false;
      void held.opened.then(() => {
        if (!closed) answer = forward(operation).subscribe(observer);
      });
      return () => {
        closed = true;
        answer?.unsubscribe();
      };
    });
  });
  const release = (operationName?: string) => {
    for (const [name, { open }] of gates) if (operationName === undefined || name === operationName) open();
  };
  return { link: ApolloLink.from([gate, new MockLink(mocks)]), release };
}
