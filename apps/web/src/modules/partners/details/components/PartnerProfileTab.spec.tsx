import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { describe, expect, it } from 'vitest';
import { PARTNER_PROFILE_MESSAGES } from '@partner-hub/domain';
import { UpdatePartnerProfileDocument } from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../../app/apollo-client';
import { ViewerContext } from '../../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../../test/fixtures';
import { partnerDetailsFixture } from '../../../../test/partner-fixtures';
import { CLAIMED_PROFILE_NOTE, PartnerProfileTab } from './PartnerProfileTab';

function renderTab(partner: PartnerDetailsFieldsFragment, mocks: MockLink.MockedResponse[] = []) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture('PRINCIPAL', 'ADMIN')}>
          <PartnerProfileTab partner={partner} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
}

function change(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('PartnerProfileTab', () => {
  it('is read-only with the claimed note when the partner has claimed its organization', () => {
    renderTab(partnerDetailsFixture({ status: 'ACCEPTED', profileEditable: false, manageable: true }));
    expect(screen.getByText(CLAIMED_PROFILE_NOTE)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Save profile' })).toBeNull();
    expect((screen.getByLabelText('Name') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('IIN') as HTMLInputElement).value).toBe('123456789012');
  });

  it('lets the principal edit an unclaimed partner without a note', () => {
    renderTab(partnerDetailsFixture());
    expect(screen.queryByText(CLAIMED_PROFILE_NOTE)).toBeNull();
    expect((screen.getByLabelText('Name') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByRole('button', { name: 'Save profile' })).toBeTruthy();
  });

  it('shows each field its own message before asking the server', async () => {
    renderTab(partnerDetailsFixture());
    change('Name', '   ');
    change('IIN', '12345');
    change('KPP', '12a456789');
    change('VAT %', '150');
    change('Phone', 'call me');
    change('E-mail', 'office@');
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText(PARTNER_PROFILE_MESSAGES.nameRequired)).toBeTruthy();
    expect(screen.getByText(PARTNER_PROFILE_MESSAGES.iin)).toBeTruthy();
    expect(screen.getByText(PARTNER_PROFILE_MESSAGES.kpp)).toBeTruthy();
    expect(screen.getByText(PARTNER_PROFILE_MESSAGES.vatPercent)).toBeTruthy();
    expect(screen.getByText(PARTNER_PROFILE_MESSAGES.phone)).toBeTruthy();
    expect(screen.getByText('Enter a valid e-mail address, like name@company.com.')).toBeTruthy();
    expect(screen.getByLabelText('IIN').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Region').getAttribute('aria-invalid')).toBe('false');
  });

  it("puts the server's field errors on the fields they name", async () => {
    const partner = partnerDetailsFixture();
    renderTab(partner, [
      {
        request: {
          query: UpdatePartnerProfileDocument,
          variables: {
            input: {
              id: partner.id,
              expectedVersion: partner.version,
              profile: {
                name: 'Berlin Autohaus',
                legalForm: 'GmbH',
                address: 'Unter den Linden 1, Berlin',
                email: 'office@berlin-autohaus.example',
                phone: '+49 30 123456',
                region: 'Brandenburg',
                iin: '123456789012',
                kpp: '123456789',
                vatPercent: '19',
                accountingCode: 'BA-001',
              },
            },
          },
        },
        result: {
          data: {
            updatePartnerProfile: {
              __typename: 'ValidationError',
              code: 'VALIDATION_FAILED',
              message: 'Some fields are invalid.',
              field: null,
              fieldErrors: [
                { __typename: 'FieldError', field: 'profile.region', message: 'This region is not served.' },
                { __typename: 'FieldError', field: 'kpp', message: 'This KPP belongs to another partner.' },
              ],
            },
          },
        },
      },
    ]);
    change('Region', 'Brandenburg');
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('This region is not served.')).toBeTruthy();
    expect(screen.getByText('This KPP belongs to another partner.')).toBeTruthy();
    expect(screen.getByLabelText('Region').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('KPP').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows the server's refusal above the form when the partner claimed meanwhile", async () => {
    const partner = partnerDetailsFixture({
      organization: {
        ...partnerDetailsFixture().organization,
        legalForm: null,
        address: null,
        phone: null,
        region: null,
        iin: null,
        kpp: null,
        vatPercent: null,
        accountingCode: null,
        email: null,
      },
    });
    renderTab(partner, [
      {
        request: {
          query: UpdatePartnerProfileDocument,
          variables: {
            input: {
              id: partner.id,
              expectedVersion: partner.version,
              profile: {
                name: 'Autohaus Berlin',
                legalForm: null,
                address: null,
                email: null,
                phone: null,
                region: null,
                iin: null,
                kpp: null,
                vatPercent: null,
                accountingCode: null,
              },
            },
          },
        },
        result: {
          data: {
            updatePartnerProfile: {
              __typename: 'PartnerClaimedError',
              code: 'PARTNER_CLAIMED',
              message: 'This partner has claimed its organization: its profile is now theirs to edit.',
              field: null,
            },
          },
        },
      },
    ]);
    change('Name', '  Autohaus Berlin ');
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('its profile is now theirs to edit'),
    );
  });
});
