import { act, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import type { ErrorResultLike } from './apply-error-result';
import { useMutationForm } from './use-mutation-form';
import type { VersionConflictHandle } from './use-version-conflict';

type Values = { name: string; email: string };
type Answer = { __typename: 'Saved'; id: string } | ErrorResultLike;

const refusal = (fields: Partial<ErrorResultLike>): ErrorResultLike => ({
  __typename: 'ValidationError',
  code: 'VALIDATION_FAILED',
  message: 'The input is not valid.',
  field: null,
  ...fields,
});

function renderForm(conflict?: Pick<VersionConflictHandle, 'handleResult'>) {
  return renderHook(() => {
    const form = useForm<Values>({ defaultValues: { name: '', email: '' } });
    return { form, mutation: useMutationForm({ setError: form.setError, fields: ['name', 'email'], conflict }) };
  });
}

async function send(view: ReturnType<typeof renderForm>, answer: () => Promise<Answer | null | undefined>, onSuccess: (saved: { id: string }) => unknown = () => undefined) {
  await act(() => view.result.current.mutation.submit('Saved', answer, { onSuccess }));
}

describe('useMutationForm', () => {
  it('runs onSuccess with the success result and shows no error', async () => {
    const view = renderForm();
    const saved: string[] = [];
    await send(view, async () => ({ __typename: 'Saved', id: 'j-1' }), ({ id }) => saved.push(id));
    expect(saved).toEqual(['j-1']);
    expect(view.result.current.mutation.formError).toBeNull();
  });

  it('puts field errors on the fields they name and the rest above the form', async () => {
    const view = renderForm();
    await send(view, async () =>
      refusal({ fieldErrors: [{ field: 'email', message: 'This e-mail is taken.' }, { field: 'phone', message: 'The phone is not valid.' }] }),
    );
    expect(view.result.current.form.getFieldState('email').error?.message).toBe('This e-mail is taken.');
    expect(view.result.current.form.getFieldState('name').error).toBeUndefined();
    expect(view.result.current.mutation.formError).toEqual({ code: 'VALIDATION_FAILED', message: 'The phone is not valid.' });
  });

  it('hands a version conflict to the conflict dialog instead of showing it', async () => {
    const seen: string[] = [];
    const view = renderForm({
      handleResult: (result) => {
        seen.push(result?.__typename ?? 'none');
        return result?.__typename === 'VersionConflictError';
      },
    });
    await send(view, async () => refusal({ __typename: 'VersionConflictError', code: 'VERSION_CONFLICT', message: 'Changed meanwhile.' }));
    expect(seen).toEqual(['VersionConflictError']);
    expect(view.result.current.mutation.formError).toBeNull();
  });

  it('lets onRefusal answer a refusal itself or rewrite it', async () => {
    const view = renderForm();
    const answered: string[] = [];
    await act(() =>
      view.result.current.mutation.submit('Saved', async (): Promise<Answer> => refusal({ __typename: 'InvitationUnusableError', code: 'GONE', message: 'Used.' }), {
        onSuccess: () => undefined,
        onRefusal: (refused) => {
          answered.push(refused.__typename);
          return null;
        },
      }),
    );
    expect(answered).toEqual(['InvitationUnusableError']);
    expect(view.result.current.mutation.formError).toBeNull();

    await act(() =>
      view.result.current.mutation.submit('Saved', async (): Promise<Answer> => refusal({ message: 'Wrong password.' }), {
        onSuccess: () => undefined,
        onRefusal: (refused) => ({ ...refused, field: 'name' }),
      }),
    );
    expect(view.result.current.form.getFieldState('name').error?.message).toBe('Wrong password.');
    expect(view.result.current.mutation.formError).toBeNull();
  });

  it('says so when the server sends no answer, and clears the last error on the next submit', async () => {
    const view = renderForm();
    await send(view, async () => null);
    expect(view.result.current.mutation.formError).toEqual({ message: 'The server sent no answer. Try again.' });
    await send(view, async () => ({ __typename: 'Saved', id: 'j-2' }));
    expect(view.result.current.mutation.formError).toBeNull();
  });

  it('turns an unexpected failure, in the mutation or in onSuccess, into one sentence above the form', async () => {
    const view = renderForm();
    await send(view, () => Promise.reject(new TypeError('Failed to fetch')));
    expect(view.result.current.mutation.formError).toEqual({ message: 'Could not reach the server. Check your connection and try again.' });
    await send(view, async () => ({ __typename: 'Saved', id: 'j-3' }), () => {
      throw new Error('The list could not be refreshed.');
    });
    expect(view.result.current.mutation.formError).toEqual({ message: 'The list could not be refreshed.' });
  });

  it('starts with the initial error when one is given', () => {
    const { result } = renderHook(() => {
      const form = useForm<Values>();
      return useMutationForm({ setError: form.setError, fields: ['name'], initialError: { message: 'The template could not be loaded.' } });
    });
    expect(result.current.formError).toEqual({ message: 'The template could not be loaded.' });
  });
});
