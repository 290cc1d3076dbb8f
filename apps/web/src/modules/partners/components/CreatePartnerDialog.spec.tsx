import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider, useParams } from 'react-router';
import { describe, expect, it } from 'vitest';
import { PARTNER_PROFILE_MESSAGES } from '@partner-hub/domain';
import type { UserRole } from '@partner-hub/domain';
import { CreatePartnerDocument, PartnerSummaryDocument } from '@partner-hub/graphql-client';
import type {
  CreatePartnerInput,
  CreatePartnerMutation,
  PartnerAgreementInput,
} from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { PartnersPage } from '../../../pages/PartnersPage';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../test/fixtures';
import {
  partnerFixture,
  partnerOptionsMock,
  partnersMock,
  partnersPage,
} from '../../../test/partner-fixtures';

// A mutation, its refetch and the antd re-render take more than the default second on a busy CI machine.
const berlin = partnerFixture({
  id: 'p-berlin',
  name: 'Berlin Autohaus',
  partnerId: 'BRL7K',
  status: 'ACCEPTED',
});
const fleetfit = partnerFixture({
  id: 'p-fleetfit',
  name: 'FleetFit Service',
  partnerId: 'FFT3Q',
  role: 'SERVICE_PARTNER',
});
const option = ({ id, partnerId, name, role }: typeof berlin) => ({ id, partnerId, name, role });

const DEFAULT_AGREEMENT_INPUT: PartnerAgreementInput = {
  deposit: '0.00',
  currency: 'EUR',
  additionalCurrencies: [],
  accountType: 'PREPAID',
};

function createMock(
  input: CreatePartnerInput,
  result: CreatePartnerMutation['createPartner'],
): MockLink.MockedResponse {
  return {
    request: { query: CreatePartnerDocument, variables: { input } },
    result: { data: { createPartner: result } },
  };
}

function PartnerDetailsStub() {
  const { id } = useParams();
  return <p>Details of {id}</p>;
}

function renderPage(url: string, mocks: MockLink.MockedResponse[], role: UserRole = 'ADMIN') {
  const router = createMemoryRouter(
    [
      { path: '/partners', element: <PartnersPage /> },
      { path: '/partners/:id', element: <PartnerDetailsStub /> },
    ],
    { initialEntries: [url] },
  );
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture('PRINCIPAL', role)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

const dialog = () => screen.getByRole('dialog');
const field = (label: string) => within(dialog()).getByLabelText(label);
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const submit = () => fireEvent.click(within(dialog()).getByRole('button', { name: 'Add partner' }));

async function chooseRole(label: string) {
  fireEvent.mouseDown(within(dialog()).getByRole('combobox', { name: 'Role' }));
  fireEvent.click(await screen.findByTitle(label));
}

describe('CreatePartnerDialog', () => {
  it('checks the profile with the domain rules before anything is sent', async () => {
    renderPage('/partners?new=1', [
      partnersMock({ filter: {} }, partnersPage([berlin])),
      partnerOptionsMock([option(berlin)]),
    ]);
    await screen.findByRole('dialog');
    type('Partner ID (optional)', 'AB');
    type('IIN', '12345');
    type('KPP', '12-456789');
    type('VAT %', '120');
    type('E-mail', 'not-an-address');
    type('Deposit', '-5');
    submit();

    expect(await within(dialog()).findByText(PARTNER_PROFILE_MESSAGES.iin)).toBeTruthy();
    expect(within(dialog()).getByText(PARTNER_PROFILE_MESSAGES.kpp)).toBeTruthy();
    expect(within(dialog()).getByText(PARTNER_PROFILE_MESSAGES.vatPercent)).toBeTruthy();
    expect(within(dialog()).getByText(PARTNER_PROFILE_MESSAGES.nameRequired)).toBeTruthy();
    expect(within(dialog()).getByText('Enter a valid e-mail address, like name@company.com.')).toBeTruthy();
    expect(within(dialog()).getByText('Choose a role: dealer, service partner or OEM.')).toBeTruthy();
    expect(within(dialog()).getByText('A Partner ID has 5 letters or digits, like VEZ9A.')).toBeTruthy();
    expect(within(dialog()).getByText('The deposit cannot be negative.')).toBeTruthy();
    expect(field('IIN').getAttribute('aria-invalid')).toBe('true');
    // Nothing reached the server: no mutation is mocked, so a request would surface as an alert.
    expect(within(dialog()).queryByRole('alert')).toBeNull();
  });

  it("puts the server's field errors on the fields they name", async () => {
    renderPage('/partners?new=1', [
      partnersMock({ filter: {} }, partnersPage([berlin])),
      partnerOptionsMock([option(berlin)]),
      createMock(
        {
          role: 'DEALER',
          parentId: null,
          partnerId: 'NRD5W',
          profile: { name: 'Nordlicht Autohaus', iin: '123456789012', vatPercent: '7.7' },
          agreement: DEFAULT_AGREEMENT_INPUT,
          allowJobOverride: false,
        },
        {
          __typename: 'ValidationError',
          code: 'VALIDATION_FAILED',
          message: 'Some fields are invalid.',
          field: null,
          fieldErrors: [
            {
              __typename: 'FieldError',
              field: 'partnerId',
              message: 'The Partner ID NRD5W is already used by another partner.',
            },
            {
              __typename: 'FieldError',
              field: 'profile.iin',
              message: 'This IIN is registered to another partner.',
            },
          ],
        },
      ),
    ]);
    await screen.findByRole('dialog');
    await chooseRole('Dealer');
    type('Name', '  Nordlicht Autohaus ');
    type('Partner ID (optional)', 'nrd5w');
    type('IIN', '123456789012');
    type('VAT %', '7,7');
    submit();

    expect(
      await within(dialog()).findByText('The Partner ID NRD5W is already used by another partner.'),
    ).toBeTruthy();
    expect(within(dialog()).getByText('This IIN is registered to another partner.')).toBeTruthy();
    expect(field('IIN').getAttribute('aria-invalid')).toBe('true');
    expect(field('Partner ID (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog()).queryByRole('alert')).toBeNull();
  });

  it('opens from a link with parent and role preset, creates the service partner and opens its page', async () => {
    const created = partnerFixture({
      id: 'p-spree',
      name: 'Spree Service',
      partnerId: 'SPR3E',
      role: 'SERVICE_PARTNER',
      allowJobOverride: true,
      parent: { __typename: 'Partner', id: 'p-berlin', partnerId: 'BRL7K', name: 'Berlin Autohaus' },
    });
    const router = renderPage('/partners?new=1&parent=p-berlin&role=SERVICE_PARTNER', [
      partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([fleetfit])),
      partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([created, fleetfit])),
      partnerOptionsMock([option(fleetfit)]),
      {
        request: { query: PartnerSummaryDocument, variables: { id: 'p-berlin' } },
        result: { data: { partner: { __typename: 'Partner', ...option(berlin) } } },
      },
      createMock(
        {
          role: 'SERVICE_PARTNER',
          parentId: 'p-berlin',
          partnerId: null,
          profile: { name: 'Spree Service' },
          agreement: DEFAULT_AGREEMENT_INPUT,
          allowJobOverride: true,
        },
        { __typename: 'PartnerSuccess', partner: created },
      ),
    ]);
    await screen.findByRole('dialog');
    expect(await within(dialog()).findByText('Berlin Autohaus (BRL7K) · Dealer')).toBeTruthy();
    expect(within(dialog()).getByText('Service partner')).toBeTruthy();
    type('Name', 'Spree Service');
    fireEvent.click(
      within(dialog()).getByRole('switch', { name: "Technicians may change a job's configuration" }),
    );
    submit();

    expect(await screen.findByText('Details of p-spree')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/partners/p-spree');
  });

  it('presets the parent named by its Partner ID', async () => {
    renderPage('/partners?new=1&parent=brl7k', [
      partnersMock({ filter: {} }, partnersPage([berlin])),
      partnerOptionsMock([option(berlin), option(fleetfit)]),
      partnerOptionsMock([option(berlin)], 'brl7k', 5),
    ]);
    await screen.findByRole('dialog');
    expect(await within(dialog()).findByText('Berlin Autohaus (BRL7K) · Dealer')).toBeTruthy();
  });

  it('closes on cancel and takes the dialog out of the URL', async () => {
    const router = renderPage('/partners?new=1&parent=p-berlin&status=DRAFT', [
      partnersMock({ filter: { status: 'DRAFT' } }, partnersPage([berlin])),
      partnerOptionsMock([option(berlin)]),
    ]);
    await screen.findByRole('dialog');
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=DRAFT'));
  });

  it('is not offered to a viewer who may not change partners', async () => {
    renderPage('/partners?new=1', [partnersMock({ filter: {} }, partnersPage([berlin]))], 'VIEWER');
    expect(await screen.findByRole('link', { name: 'Berlin Autohaus' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: /Add partner/ })).toBeNull();
  });
});
