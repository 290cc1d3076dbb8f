import { ValidationFailed } from '../errors/app-errors.js';

/** The longest search text a list takes: longer ones are refused before they reach an ILIKE over every row. */
export const MAX_SEARCH_LENGTH = 200;

/** Text matched literally by LIKE/ILIKE: its `\`, `%` and `_` escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The ILIKE pattern "contains `search`" of a list's search box (trimmed); null when there is nothing
 * to search for. Refuses a search over MAX_SEARCH_LENGTH characters on `field`.
 */
export function containsPattern(search: string | null | undefined, field = 'filter.search'): string | null {
  const text = search?.trim();
  if (!text) return null;
  if (text.length > MAX_SEARCH_LENGTH) throw ValidationFailed.of(field, `A search is at most ${MAX_SEARCH_LENGTH} characters.`);
  return `%${escapeLike(text)}%`;
}
