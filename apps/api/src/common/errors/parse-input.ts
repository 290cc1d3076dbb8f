import type { z } from 'zod';
import { ValidationFailed } from './app-errors.js';

/**
 * Validates an input with a schema from libs/domain (the same rules the web form applies).
 * `path` names where `input` sits in the mutation's input (e.g. `['profile']`), so fields read `profile.iin`.
 * @throws ValidationFailed with one entry per bad field
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, path: readonly string[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const problems = result.error.issues
    .map((issue) => ({ field: [...path, ...issue.path.map(String)].join('.') || 'input', message: issue.message }))
    .filter((p) => (seen.has(p.field) ? false : (seen.add(p.field), true)));
  throw new ValidationFailed(problems);
}

/**
 * Validates the input of an update and keeps only the fields the caller gave: the one rule of every
 * update mutation. A field left out (undefined) stays as it is; a field given as null (or, for text,
 * empty) is cleared where it may be empty. `placeholders` stand in, for validation only, for fields the
 * schema requires but an update may leave out (they are not returned unless given).
 * @throws ValidationFailed with one entry per bad field
 */
export function parseUpdate<S extends z.ZodType, K extends string & keyof z.output<S>>(
  schema: S,
  input: Partial<Record<K, unknown>>,
  keys: readonly K[],
  options: { placeholders?: Partial<Record<K, unknown>>; path?: readonly string[] } = {},
): Partial<Pick<z.output<S>, K>> {
  const values = Object.fromEntries(keys.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));
  const parsed = parseInput(schema, { ...input, ...options.placeholders, ...values }, options.path) as z.output<S>;
  return pickGiven(input, parsed, keys);
}

/**
 * Of `parsed` (the checked input), the fields among `keys` the raw `input` gives a value for — null
 * included (cleared), undefined meaning "left out". For updates whose validation is more than one schema.
 */
export function pickGiven<T, K extends string & keyof T>(input: Partial<Record<K, unknown>>, parsed: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => input[k] !== undefined).map((k) => [k, parsed[k] ?? null])) as Partial<Pick<T, K>>;
}
