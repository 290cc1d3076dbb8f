import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CreatePartnerDocument, SendPartnerInvitationDocument } from '@partner-hub/graphql-client';
import type { CreatePartnerMutation, SendPartnerInvitationMutation } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { ServicePartnersPage } from '../../../pages/ServicePartnersPage';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../test/fixtures';
import { partnerFixture, partnersMock, partnersPage } from '../../../test/partner-fixtures';

// A mutation, its refetch and the antd re-render take more than the default second on a busy CI machine.
const EMAIL = 'owner@rapid-install.example';
const fleetfit = partnerFixture({
  id: 'p-fleetfit',
  name: 'FleetFit Service',
  partnerId: 'FFT3Q',
  role: 'SERVICE_PARTNER',
  status: 'ACCEPTED',
});
const rapid = partnerFixture({
  id: 'p-rapid',
  name: 'Rapid Install GmbH',
  partnerId: 'RPD7N',
  role: 'SERVICE_PARTNER',
  allowJobOverride: true,
  organization: { __typename: 'Organization', id: 'org-rapid', email: EMAIL, phone: null, region: null },
});

type Calls = string[];

function createMock(calls: Calls, result: CreatePartnerMutation['createPartner']): MockLink.MockedResponse {
  return {
    request: {
      query: CreatePartnerDocument,
      variables: {
        input: {
          role: 'SERVICE_PARTNER',
          parentId: null,
          profile: { name: 'Rapid Install GmbH', email: EMAIL },
          allowJobOverride: true,
        },
      },
    },
    result: () => {
      calls.push('createPartner');
      return { data: { createPartner: result } };
    },
  };
}

function sendMock(
  calls: Calls,
  email: string,
  result: SendPartnerInvitationMutation['sendPartnerInvitation'],
): MockLink.MockedResponse {
  return {
    request: { query: SendPartnerInvitationDocument, variables: { input: { partnerId: 'p-rapid', email } } },
    result: () => {
      calls.push(`sendPartnerInvitation ${email}`);
      return { data: { sendPartnerInvitation: result } };
    },
  };
}

const invited = (email: string): SendPartnerInvitationMutation['sendPartnerInvitation'] => ({
  __typename: 'PartnerSuccess',
  partner: {
    ...rapid,
    status: 'PENDING',
    invitation: {
      __typename: 'PartnerInvitationInfo',
      email,
      state: 'OPEN',
      sentAt: '2026-03-02T10:00:00.000Z',
      expiresAt: '2026-03-09T10:00:00.000Z',
    },
  },
});

function renderPage(mocks: MockLink.MockedResponse[]) {
  const router = createMemoryRouter([{ path: '/service-partners', element: <ServicePartnersPage /> }], {
    initialEntries: ['/service-partners'],
  });
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture('PRINCIPAL', 'MANAGER')}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
}

const dialog = () => screen.getByRole('dialog');

async function openAndFill({ name = 'Rapid Install GmbH', email = EMAIL, override = true } = {}) {
  fireEvent.click(await screen.findByRole('button', { name: /Invite service partner/ }));
  await screen.findByRole('dialog');
  fireEvent.change(within(dialog()).getByLabelText('Company name'), { target: { value: name } });
  fireEvent.change(within(dialog()).getByLabelText('E-mail'), { target: { value: email } });
  if (override)
    fireEvent.click(
      within(dialog()).getByRole('switch', { name: "Technicians may change a job's configuration" }),
    );
}

// The name is matched loosely: while antd's loading icon fades out (never, in jsdom) it is part of the button's name.
const send = (name = 'Send invitation') =>
  fireEvent.click(within(dialog()).getByRole('button', { name: new RegExp(`${name}$`) }));

describe('InviteServicePartnerDialog', () => {
  it('creates the service partner, then sends its invitation, and shows it as invited', async () => {
    const calls: Calls = [];
    renderPage([
      partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([fleetfit])),
      createMock(calls, { __typename: 'PartnerSuccess', partner: rapid }),
      partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([fleetfit, rapid])),
      sendMock(calls, EMAIL, invited(EMAIL)),
    ]);
    await openAndFill();
    send();

    expect(await screen.findByText(`Invitation sent to ${EMAIL}.`)).toBeTruthy();
    expect(calls).toEqual(['createPartner', `sendPartnerInvitation ${EMAIL}`]);
    const row = (await screen.findByRole('link', { name: 'Rapid Install GmbH' })).closest(
      'tr',
    ) as HTMLElement;
    await waitFor(() => expect(within(row).getByText('Invitation sent')).toBeTruthy());
    expect(within(row).getByText('Job override allowed')).toBeTruthy();
  });

  it("shows the server's refusal on the field and sends no invitation", async () => {
    const calls: Calls = [];
    renderPage([
      partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([fleetfit])),
      createMock(calls, {
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        message: 'Some fields are invalid.',
        field: null,
        fieldErrors: [
          { __typename: 'FieldError', field: 'profile.email', message: 'This domain does not receive mail.' },
        ],
      }),
    ]);
    await openAndFill();
    send();

    expect(await within(dialog()).findByText('This domain does not receive mail.')).toBeTruthy();
    expect(within(dialog()).getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual(['createPartner']);
    expect(screen.queryByText(/Invitation sent to/)).toBeNull();
  });

  it('re-sends only the invitation when it failed after the partner was created', async () => {
    const calls: Calls = [];
    const corrected = 'team@rapid-install.example';
    renderPage([
      partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([fleetfit])),
      createMock(calls, { __typename: 'PartnerSuccess', partner: rapid }),
      partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([fleetfit, rapid])),
      sendMock(calls, EMAIL, {
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        message: 'Some fields are invalid.',
        field: null,
        fieldErrors: [{ __typename: 'FieldError', field: 'email', message: 'Mail to this address bounced.' }],
      }),
      sendMock(calls, corrected, invited(corrected)),
    ]);
    await openAndFill();
    send();

    const alert = await within(dialog()).findByRole('alert');
    expect(alert.textContent).toContain('Rapid Install GmbH was added, but the invitation was not sent.');
    expect(within(dialog()).getByText('Mail to this address bounced.')).toBeTruthy();

    fireEvent.change(within(dialog()).getByLabelText('E-mail'), { target: { value: corrected } });
    send('Send invitation again');
    expect(await screen.findByText(`Invitation sent to ${corrected}.`)).toBeTruthy();
    expect(calls).toEqual([
      'createPartner',
      `sendPartnerInvitation ${EMAIL}`,
      `sendPartnerInvitation ${corrected}`,
    ]);
  });

  it('asks for a name and a valid e-mail address before sending anything', async () => {
    renderPage([partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([fleetfit]))]);
    await openAndFill({ name: ' ', email: 'rapid-install', override: false });
    send();
    expect(await within(dialog()).findByText("Enter the partner's name.")).toBeTruthy();
    expect(within(dialog()).getByText('Enter a valid e-mail address, like name@company.com.')).toBeTruthy();
    expect(within(dialog()).queryByRole('alert')).toBeNull();
  });

  it('is not offered to a viewer who may not change partners', async () => {
    const router = createMemoryRouter([{ path: '/', element: <ServicePartnersPage /> }]);
    render(
      <MockedProvider
        mocks={[partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([fleetfit]))]}
        cache={createCache()}
      >
        <AntApp>
          <ViewerContext.Provider value={viewerFixture('PRINCIPAL', 'VIEWER')}>
            <RouterProvider router={router} />
          </ViewerContext.Provider>
        </AntApp>
      </MockedProvider>,
    );
    expect(await screen.findByRole('link', { name: 'FleetFit Service' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Invite service partner/ })).toBeNull();
  });
});
