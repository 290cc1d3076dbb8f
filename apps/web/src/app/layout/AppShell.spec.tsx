import { render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { AppInfoDocument } from '@partner-hub/graphql-client';
import type { ViewerFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../apollo-client';
import { ViewerContext } from '../../modules/auth/hooks/viewer-context';
import { viewerFixture } from '../../test/fixtures';
import { AppShell } from './AppShell';

function renderShell(kind: OrganizationKind, role: UserRole, mailOutboxEnabled: boolean, overrides: Partial<ViewerFieldsFragment> = {}) {
  const viewer = { ...viewerFixture(kind, role), ...overrides };
  const cache = createCache();
  const router = createMemoryRouter(
    [{ path: '/', element: <AppShell />, children: [{ path: 'dashboard', element: <p>Dashboard page</p> }] }],
    { initialEntries: ['/dashboard'] },
  );
  render(
    <MockedProvider
      cache={cache}
      mocks={[
        {
          request: { query: AppInfoDocument },
          result: { data: { appInfo: { __typename: 'AppInfo', mailOutboxEnabled, version: '0.1.0' } } },
        },
      ]}
    >
      <AntApp>
        <ViewerContext.Provider value={viewer}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return { viewer, cache };
}

describe('AppShell', () => {
  it('shows an admin the mailbox once the server reports the outbox, and who is signed in', async () => {
    const { viewer } = renderShell('PRINCIPAL', 'ADMIN', true);
    const menu = screen.getByRole('navigation', { name: 'Main' });
    expect(await within(menu).findByText('Mailbox')).toBeTruthy();
    expect(within(menu).getByText('Partners')).toBeTruthy();
    expect(screen.getByText('Aurora Motors')).toBeTruthy();
    expect(screen.getByText(viewer.user?.email ?? 'missing e-mail')).toBeTruthy();
    expect(screen.getByText('Admin')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Sign out/ })).toBeTruthy();
    expect(screen.getByText('Dashboard page')).toBeTruthy();
  });

  it('hides what a partner technician may not open', async () => {
    renderShell('PARTNER', 'TECHNICIAN', true);
    const menu = screen.getByRole('navigation', { name: 'Main' });
    expect(within(menu).getByText('Jobs')).toBeTruthy();
    expect(within(menu).queryByText('Partners')).toBeNull();
    expect(within(menu).queryByText('Pricing')).toBeNull();
    expect(within(menu).queryByText('Mailbox')).toBeNull();
    expect(screen.getByText('Berlin Autohaus')).toBeTruthy();
  });

  it('says which principal has blocked the organization, so its missing data is explained', () => {
    renderShell('PARTNER', 'ADMIN', false, {
      cutPartnerships: [{ __typename: 'CutPartnership', principalName: 'Aurora Motors', blocked: true }],
    });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Aurora Motors has blocked your organization')).toBeTruthy();
    expect(within(alert).getByText(/vehicles, jobs and sub-partners are hidden/)).toBeTruthy();
    expect(screen.getByText('Dashboard page')).toBeTruthy();
  });

  it('shows no such notice when no partnership is cut', () => {
    renderShell('PARTNER', 'ADMIN', false);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('hides the mailbox from an admin when the outbox is off', async () => {
    const { cache } = renderShell('PRINCIPAL', 'ADMIN', false);
    const menu = screen.getByRole('navigation', { name: 'Main' });
    // The absence means something only once the AppInfo answer has arrived.
    await waitFor(() => expect(cache.readQuery({ query: AppInfoDocument })?.appInfo.mailOutboxEnabled).toBe(false));
    expect(within(menu).getByText('Settings')).toBeTruthy();
    expect(within(menu).queryByText('Mailbox')).toBeNull();
  });
});
