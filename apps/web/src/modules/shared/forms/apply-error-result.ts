import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

/** The fields every `ErrorResult` of the API carries, plus ValidationError's per-field list. */
export type ErrorResultLike = {
  __typename: string;
  code: string;
  message: string;
  field: string | null;
  fieldErrors?: ReadonlyArray<{ field: string; message: string }>;
};

/** A message that belongs to the whole form rather than to one field. */
export type FormLevelError = { code?: string; message: string };

/**
 * Puts a server `ErrorResult` onto the form: messages naming one of `fields` become that field's
 * error; everything else is returned as one form-level error (or `null` when nothing is left).
 */
export function applyErrorResult<TFieldValues extends FieldValues>(
  result: ErrorResultLike,
  setError: UseFormSetError<TFieldValues>,
  fields: ReadonlyArray<Path<TFieldValues>>,
): FormLevelError | null {
  const isField = (name: string | null | undefined): name is Path<TFieldValues> =>
    !!name && (fields as ReadonlyArray<string>).includes(name);

  const leftover: string[] = [];
  const fieldErrors = result.fieldErrors ?? [];
  for (const fieldError of fieldErrors) {
    if (isField(fieldError.field)) {
      setError(fieldError.field, { type: 'server', message: fieldError.message });
    } else {
      leftover.push(fieldError.message);
    }
  }

  if (fieldErrors.length === 0) {
    if (isField(result.field)) {
      setError(result.field, { type: 'server', message: result.message });
      return null;
    }
    return { code: result.code, message: result.message };
  }
  return leftover.length > 0 ? { code: result.code, message: leftover.join(' ') } : null;
}
