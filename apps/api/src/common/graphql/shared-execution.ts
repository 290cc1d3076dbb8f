/**
 * One execution per group of live subscribers (DESIGN.md §5, docs/benchmarks.md "Live subscribers").
 *
 * An event that reaches a thousand subscribers used to be executed a thousand times — the same selection
 * over the same object. Subscribers who run the same operation (document, operation name, variables) and
 * may see everything alike (`visibilityKey`: same organization, role and partnerships; a technician alone
 * — see common/auth/viewer.ts) get the same result, so an event is executed once per such group and the
 * result object handed to each of them.
 *
 * Only events marked by their producer with `shareExecution` are shared: such an object stands for one
 * event (a fresh object per event, dropped once delivered), so a shared result is never older than the
 * event itself. Everything else per subscriber stays per subscriber: the stream (its filter, the
 * identity check at delivery — a subscriber whose identity no longer holds gets nothing, shared or not),
 * error formatting, and the socket.
 */
import { createSourceEventStream, execute } from 'graphql';
import type { DocumentNode, ExecutionArgs, ExecutionResult } from 'graphql';
import { visibilityKey } from '../auth/viewer.js';
import type { RequestContext } from '../context/request-context.js';

type PromiseOrValue<T> = T | Promise<T>;

const shareable = new WeakSet<object>();
/** per shared event: its results by operation and visibility */
const results = new WeakMap<object, Map<string, PromiseOrValue<ExecutionResult>>>();
const documentIds = new WeakMap<DocumentNode, number>();
let documentCount = 0;
/** how many deliveries reused another subscriber's execution (since the process started) */
let reused = 0;

/** How many deliveries so far were served another subscriber's execution of the same event, operation and group. */
export function sharedResults(): number {
  return reused;
}

/** Marks `event` (one event's root value, the same object for all its subscribers) as executed once per group. */
export function shareExecution<T extends object>(event: T): T {
  shareable.add(event);
  return event;
}

function documentId(document: DocumentNode): number {
  let id = documentIds.get(document);
  if (id === undefined) documentIds.set(document, (id = ++documentCount));
  return id;
}

/**
 * The group of a subscription's operation: subscribers with the same group get the same result for the
 * same shared event. Null when the operation has no viewer (executed for itself).
 */
function groupOf(args: ExecutionArgs): string | null {
  const viewer = (args.contextValue as RequestContext | undefined)?.viewer;
  if (!viewer) return null;
  return `${documentId(args.document)}\n${args.operationName ?? ''}\n${JSON.stringify(args.variableValues ?? {})}\n${visibilityKey(viewer)}`;
}

/** `execute` for one event of a subscription, shared with the event's other subscribers of the same group. */
function executeEvent(args: ExecutionArgs, group: string | null, event: unknown): PromiseOrValue<ExecutionResult> {
  if (group === null || typeof event !== 'object' || event === null || !shareable.has(event)) return execute({ ...args, rootValue: event });
  let byGroup = results.get(event);
  if (!byGroup) results.set(event, (byGroup = new Map()));
  let result = byGroup.get(group);
  if (result === undefined) {
    result = execute({ ...args, rootValue: event });
    byGroup.set(group, result);
  } else reused += 1;
  return result;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * graphql-js's `subscribe` with each event's execution shared (see above): the subscription field's
 * stream (guarded by live-identity.ts) mapped through one execution per group. For graphql-ws's `subscribe`.
 */
export async function subscribeShared(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult, void, void> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!isAsyncIterable(stream)) return stream;
  const events = stream[Symbol.asyncIterator]();
  const group = groupOf(args);
  const close = async (): Promise<IteratorResult<ExecutionResult, void>> => {
    await events.return?.();
    return { value: undefined, done: true };
  };
  const mapped = {
    async next(): Promise<IteratorResult<ExecutionResult, void>> {
      const next = await events.next();
      if (next.done) return { value: undefined, done: true };
      try {
        return { value: await executeEvent(args, group, next.value), done: false };
      } catch (error) {
        await close().catch(() => undefined);
        throw error;
      }
    },
    return: close,
    async throw(error: unknown): Promise<IteratorResult<ExecutionResult, void>> {
      await close().catch(() => undefined);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return mapped as unknown as AsyncGenerator<ExecutionResult, void, void>;
}
