import { act, render, screen } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { ViewerDocument } from '@partner-hub/graphql-client';
import { createCache } from '../app/apollo-client';
import {
  ACCOUNT_BLOCKED_NOTICE,
  clearSignOutNotice,
  setSignOutNotice,
} from '../modules/auth/utils/sign-out-notice';
import { SignInPage } from './SignInPage';

function renderAt(url: string) {
  const router = createMemoryRouter([{ path: '/sign-in', element: <SignInPage /> }], {
    initialEntries: [url],
  });
  render(
    <MockedProvider
      mocks={[{ request: { query: ViewerDocument }, result: { data: { viewer: null } } }]}
      cache={createCache()}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </MockedProvider>,
  );
}

describe('SignInPage', () => {
  afterEach(() => clearSignOutNotice());

  it('prefills the e-mail address from the link', async () => {
    renderAt('/sign-in?email=nora%40nordic-service.example');
    expect(((await screen.findByLabelText('E-mail')) as HTMLInputElement).value).toBe(
      'nora@nordic-service.example',
    );
    expect(screen.queryByText(ACCOUNT_BLOCKED_NOTICE)).toBeNull();
  });

  it('explains a blocked organization named in the link', async () => {
    renderAt('/sign-in?reason=blocked');
    expect(await screen.findByText(ACCOUNT_BLOCKED_NOTICE)).toBeTruthy();
  });

  it('shows the reason the API gave when it signed the user out', async () => {
    renderAt('/sign-in');
    await screen.findByLabelText('E-mail');
    act(() => setSignOutNotice('Blocked by Aurora Motors.'));
    expect(await screen.findByText('Blocked by Aurora Motors.')).toBeTruthy();
  });
});
