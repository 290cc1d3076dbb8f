import { useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { describeError } from '../utils/errors';
import { applyErrorResult } from './apply-error-result';
import type { ErrorResultLike, FormLevelError } from './apply-error-result';
import type { VersionConflictHandle } from './use-version-conflict';

const NO_ANSWER: FormLevelError = { message: 'The server sent no answer. Try again.' };

export type UseMutationFormOptions<TFieldValues extends FieldValues> = {
  /** the form's `setError` (from `useForm`): server errors naming one of `fields` land there */
  setError: UseFormSetError<TFieldValues>;
  /** the form fields a server error may name; errors naming anything else show above the form */
  fields: ReadonlyArray<Path<TFieldValues>>;
  /** an edit form's `useVersionConflict`: a `VersionConflictError` opens its dialog instead */
  conflict?: Pick<VersionConflictHandle, 'handleResult'>;
  /** a form-level error to show from the start (e.g. what the form needed could not be loaded) */
  initialError?: FormLevelError | null;
};

export type SubmitHandlers<TSuccess, TRefusal> = {
  /** runs with the success result; a failure in it shows above the form like any other */
  onSuccess: (result: TSuccess) => unknown;
  /**
   * Sees a refusal before it is shown: returns it (or a rewritten copy, e.g. with the server's
   * field names translated to the form's) to show, or null when it answered the refusal itself.
   */
  onRefusal?: (refusal: TRefusal) => ErrorResultLike | null;
};

export type MutationForm = {
  /** the error to show above the form (`<ErrorResultAlert error={formError} />`), or null */
  formError: FormLevelError | null;
  setFormError: Dispatch<SetStateAction<FormLevelError | null>>;
  /**
   * Runs a mutation with the form's error policy: clears the last error; on the `success`
   * typename calls `onSuccess`; else a version conflict opens the conflict dialog, and any other
   * `ErrorResult` goes onto the fields it names and the rest above the form; no answer or an
   * unexpected failure (network, FORBIDDEN, …) becomes one sentence above the form.
   */
  submit: <TName extends string, TResult extends { __typename: TName } | ErrorResultLike>(
    success: TName,
    mutate: () => Promise<TResult | null | undefined>,
    handlers: SubmitHandlers<Extract<TResult, { __typename: TName }>, Exclude<TResult, { __typename: TName }>>,
  ) => Promise<void>;
};

/**
 * The one submit policy of every form that sends a mutation whose result is a success type or an
 * `ErrorResult` (see `submit`). Use inside react-hook-form's `handleSubmit`, so `isSubmitting`
 * stays true while the mutation runs.
 */
export function useMutationForm<TFieldValues extends FieldValues>({
  setError,
  fields,
  conflict,
  initialError = null,
}: UseMutationFormOptions<TFieldValues>): MutationForm {
  const [formError, setFormError] = useState<FormLevelError | null>(initialError);

  const submit: MutationForm['submit'] = async (success, mutate, { onSuccess, onRefusal }) => {
    type Success = Parameters<typeof onSuccess>[0];
    setFormError(null);
    try {
      const result = await mutate();
      if (!result) {
        setFormError(NO_ANSWER);
        return;
      }
      if (result.__typename === success) {
        await onSuccess(result as Success);
        return;
      }
      if (conflict?.handleResult(result)) return;
      const refusal = result as Parameters<NonNullable<typeof onRefusal>>[0] & ErrorResultLike;
      const shown = onRefusal ? onRefusal(refusal) : refusal;
      if (shown) setFormError(applyErrorResult(shown, setError, fields));
    } catch (error) {
      setFormError({ message: describeError(error) });
    }
  };

  return { formError, setFormError, submit };
}
