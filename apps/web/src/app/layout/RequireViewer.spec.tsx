import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApolloProvider } from '@apollo/client/react';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApolloClient } from '../apollo-client';
import { appRoutes } from '../routes';
import { ACCOUNT_BLOCKED_NOTICE, clearSignOutNotice } from '../../modules/auth/utils/sign-out-notice';

const blocked = { message: ACCOUNT_BLOCKED_NOTICE, extensions: { code: 'UNAUTHENTICATED', reason: 'ACCOUNT_BLOCKED' } };

/** The API as a blocked partner's session meets it: every Viewer query refused, a sign-in answered AccountBlockedError. */
function answerAsBlockedPartner() {
  const fetch = vi.fn(async (_url: unknown, init?: RequestInit) => {
    const { operationName } = JSON.parse(String(init?.body)) as { operationName: string };
    const body =
      operationName === 'SignIn'
        ? { data: { signIn: { __typename: 'AccountBlockedError', code: 'ACCOUNT_BLOCKED', message: ACCOUNT_BLOCKED_NOTICE, field: null } } }
        : { data: null, errors: [blocked] };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function reloadAt(url: string) {
  const client = createApolloClient({ protocol: 'http:', host: 'localhost' });
  const router = createMemoryRouter(appRoutes(client), { initialEntries: [url] });
  render(
    <ApolloProvider client={client}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ApolloProvider>,
  );
  return router;
}

describe('RequireViewer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    clearSignOutNotice();
  });

  it("sends a blocked partner's user who reloads to the sign-in page, with the blocked notice shown once", async () => {
    answerAsBlockedPartner();
    const router = reloadAt('/jobs');
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(screen.queryByText(/could not reach its server/)).toBeNull();
    expect(screen.getAllByText(ACCOUNT_BLOCKED_NOTICE)).toHaveLength(1);
  });

  it('keeps the blocked notice to one when signing in again is refused for the same reason', async () => {
    const fetch = answerAsBlockedPartner();
    reloadAt('/jobs');
    fireEvent.change(await screen.findByLabelText('E-mail'), { target: { value: 'tech@nordic-service.example' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(fetch.mock.calls.some(([, init]) => String(init?.body).includes('"SignIn"'))).toBe(true));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in' }).classList.contains('ant-btn-loading')).toBe(false));
    expect(screen.getAllByText(ACCOUNT_BLOCKED_NOTICE)).toHaveLength(1);
  });
});
