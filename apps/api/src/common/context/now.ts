/**
 * A value known now, or a promise of it. A field resolver on a list's hot path answers with the value
 * itself when it has it — a row its loader was primed with, a memoized scope that has settled —
 * because graphql-js completes a plain value in place, while each promise costs allocations, a
 * microtask and, for the object around it, a `Promise.all` of its fields: on a page of 50 rows, most of
 * the execution's garbage (issue 12).
 */
export type Now<T> = T | Promise<T>;

/** `next(value)` at once when `value` is known, after it settles otherwise. */
export function thenNow<T, R>(value: Now<T>, next: (value: T) => Now<R>): Now<R> {
  return value instanceof Promise ? value.then(next) : next(value);
}
