import { render, screen } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createCache } from '../app/apollo-client';
import { ViewerContext } from '../modules/auth/hooks/viewer-context';
import { viewerFixture } from '../test/fixtures';
import { SettingsPage } from './SettingsPage';

function renderAt(url: string) {
  const router = createMemoryRouter([{ path: '/settings/:tab', element: <SettingsPage /> }], { initialEntries: [url] });
  render(
    <MockedProvider mocks={[]} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture('PARTNER', 'TECHNICIAN')}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

describe('SettingsPage', () => {
  it('says that the role cannot open a tab instead of silently showing Profile', async () => {
    const router = renderAt('/settings/users');
    expect(await screen.findByText('Your role cannot open Users')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/settings/users');
    expect(screen.getByRole('link', { name: 'Go to your profile' }).getAttribute('href')).toBe('/settings/profile');
  });
});
