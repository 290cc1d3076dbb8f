import type { ErrorResultLike } from '../../../shared/forms/apply-error-result';

/**
 * The API names the fields of a nested input with their path (`profile.iin`, `agreement.deposit`);
 * the form knows them by their own names. Drops `prefix` from `field` and every `fieldErrors` entry.
 */
export function withoutFieldPrefix<T extends ErrorResultLike>(result: T, prefix: string): T {
  const strip = (name: string | null): string | null =>
    name?.startsWith(prefix) ? name.slice(prefix.length) : name;
  return {
    ...result,
    field: strip(result.field),
    ...(result.fieldErrors
      ? {
          fieldErrors: result.fieldErrors.map((entry) => ({
            ...entry,
            field: strip(entry.field) ?? entry.field,
          })),
        }
      : {}),
  };
}
