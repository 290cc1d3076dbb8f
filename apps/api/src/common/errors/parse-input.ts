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
