import { ApolloLink } from '@apollo/client';
import { MockLink } from '@apollo/client/testing';
import { Observable } from 'rxjs';
import type { Subscription } from 'rxjs';

/**
 * Mocked answers, where those to the named operations wait until the test calls `release()`: a test sees an
 * in-between state ("Importing…") for as long as its checks take, however busy the machine, where a fixed
 * answer delay could end before a slow render showed the state at all.
 */
export function heldAnswers(
  mocks: MockLink.MockedResponse[],
  held: string[],
): { link: ApolloLink; release: () => void } {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const gate = new ApolloLink((operation, forward) =>
    held.includes(operation.operationName ?? '')
      ? new Observable((observer) => {
          let answer: Subscription | undefined;
          let closed = false;
          void released.then(() => {
            if (!closed) answer = forward(operation).subscribe(observer);
          });
          return () => {
            closed = true;
            answer?.unsubscribe();
          };
        })
      : forward(operation),
  );
  return { link: ApolloLink.from([gate, new MockLink(mocks)]), release };
}
