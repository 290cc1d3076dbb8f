import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { SignInDocument, ViewerDocument } from '@partner-hub/graphql-client';
import type { SignInMutation } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { viewerFixture } from '../../../test/fixtures';
import { SignInForm } from './SignInForm';

const credentials = { email: 'admin@aurora-motors.example', password: 'partnerhub-demo' };

function signInMock(result: SignInMutation['signIn']): MockLink.MockedResponse {
  return {
    request: { query: SignInDocument, variables: { input: credentials } },
    result: { data: { signIn: result } },
  };
}

function renderForm(mocks: MockLink.MockedResponse[] = []) {
  const onSignedIn = vi.fn();
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <SignInForm onSignedIn={onSignedIn} />
      </AntApp>
    </MockedProvider>,
  );
  return { onSignedIn };
}

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInForm', () => {
  it('asks for an e-mail address and a password when both are empty', async () => {
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter an e-mail address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true');
  });

  it('rejects an e-mail address without a domain before asking the server', async () => {
    renderForm();
    fillAndSubmit('ada', 'secret');
    expect(await screen.findByText('Enter a valid e-mail address, like name@company.com.')).toBeTruthy();
  });

  it('shows wrong credentials above the form', async () => {
    const { onSignedIn } = renderForm([
      signInMock({
        __typename: 'InvalidCredentialsError',
        code: 'INVALID_CREDENTIALS',
        message: 'The e-mail address or the password is wrong.',
        field: null,
      }),
    ]);
    fillAndSubmit('  Admin@Aurora-Motors.example ', credentials.password);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The e-mail address or the password is wrong.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('puts validation errors from the server on the fields they name', async () => {
    renderForm([
      signInMock({
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        message: 'Some fields are invalid.',
        field: null,
        fieldErrors: [{ __typename: 'FieldError', field: 'email', message: 'This domain does not accept sign-ins.' }],
      }),
    ]);
    fillAndSubmit(credentials.email, credentials.password);
    expect(await screen.findByText('This domain does not accept sign-ins.')).toBeTruthy();
    expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('blocks the button and counts down after too many attempts', async () => {
    renderForm([
      signInMock({
        __typename: 'TooManyAttemptsError',
        code: 'TOO_MANY_ATTEMPTS',
        message: 'Too many failed sign-ins.',
        field: null,
        retryAfterSeconds: 30,
      }),
    ]);
    fillAndSubmit(credentials.email, credentials.password);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Too many failed sign-ins.');
    expect(alert.textContent).toMatch(/Try again in (29|30) seconds\./);
    expect(screen.getByRole('button', { name: /Sign in/ }).hasAttribute('disabled')).toBe(true);
  });

  it('explains a blocked account', async () => {
    renderForm([
      signInMock({
        __typename: 'AccountBlockedError',
        code: 'ACCOUNT_BLOCKED',
        message: 'Your account is deactivated. Ask an administrator of your organization.',
        field: null,
      }),
    ]);
    fillAndSubmit(credentials.email, credentials.password);
    expect((await screen.findByRole('alert')).textContent).toContain('Your account is deactivated.');
  });

  it('fetches the viewer again and reports success', async () => {
    const viewer = viewerFixture('PRINCIPAL', 'ADMIN');
    const { onSignedIn } = renderForm([
      signInMock({ __typename: 'SignInSuccess', viewer }),
      { request: { query: ViewerDocument }, result: { data: { viewer } } },
    ]);
    fillAndSubmit(credentials.email, credentials.password);
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reports an unreachable server without losing the input', async () => {
    renderForm([{ request: { query: SignInDocument, variables: { input: credentials } }, error: new TypeError('Failed to fetch') }]);
    fillAndSubmit(credentials.email, credentials.password);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not reach the server');
    expect((screen.getByLabelText('E-mail') as HTMLInputElement).value).toBe(credentials.email);
  });
});
