import { MAX_SEARCH_LENGTH } from '@partner-hub/domain';
import { ValidationFailed } from '../errors/app-errors.js';

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
