import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { describe, expect, it } from 'vitest';
import {
  CreatePartnerAdminDocument,
  RevokePartnerInvitationDocument,
  SendPartnerInvitationFromDetailsDocument,
} from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../../app/apollo-client';
import { partnerDetailsFixture } from '../../../../test/partner-fixtures';
import { InvitationCard } from './InvitationCard';

const OPEN_INVITATION: NonNullable<PartnerDetailsFieldsFragment['invitation']> = {
  __typename: 'PartnerInvitationInfo',
  email: 'owner@berlin-autohaus.example',
  sentAt: '2026-03-01T10:00:00.000Z',
  expiresAt: '2026-03-08T10:00:00.000Z',
  state: 'OPEN',
  invitedBy: 'Ada Admin',
};

function renderCard(partner: PartnerDetailsFieldsFragment, mocks: MockLink.MockedResponse[] = []) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <InvitationCard partner={partner} />
      </AntApp>
    </MockedProvider>,
  );
}

function successWith(partner: PartnerDetailsFieldsFragment) {
  return { __typename: 'PartnerSuccess' as const, partner };
}

describe('InvitationCard', () => {
  it("sends the first invitation to the organization's e-mail address by default", async () => {
    const partner = partnerDetailsFixture();
    renderCard(partner, [
      {
        request: {
          query: SendPartnerInvitationFromDetailsDocument,
          variables: { input: { partnerId: partner.id, email: 'office@berlin-autohaus.example' } },
        },
        result: {
          data: {
            sendPartnerInvitation: successWith({
              ...partner,
              status: 'PENDING',
              invitation: OPEN_INVITATION,
            }),
          },
        },
      },
    ]);
    expect(screen.getByText(/has not been invited yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send invitation' }));
    const dialog = await screen.findByRole('dialog');
    expect((within(dialog).getByLabelText('Send to') as HTMLInputElement).value).toBe(
      'office@berlin-autohaus.example',
    );
    expect(within(dialog).queryByText('The link of the earlier e-mail stops working')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(
      await screen.findByText('The invitation was sent to office@berlin-autohaus.example.'),
    ).toBeTruthy();
  });

  it('shows an open invitation and explains that re-sending voids the old link', async () => {
    renderCard(partnerDetailsFixture({ status: 'PENDING', invitation: OPEN_INVITATION }));
    expect(screen.getByText('Waiting for an answer')).toBeTruthy();
    expect(screen.getByText('owner@berlin-autohaus.example')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Re-send' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('The link of the earlier e-mail stops working')).toBeTruthy();
    expect((within(dialog).getByLabelText('Send to') as HTMLInputElement).value).toBe(
      'owner@berlin-autohaus.example',
    );
  });

  it('withdraws the invitation only after confirmation', async () => {
    const partner = partnerDetailsFixture({ status: 'PENDING', invitation: OPEN_INVITATION });
    renderCard(partner, [
      {
        request: { query: RevokePartnerInvitationDocument, variables: { input: { partnerId: partner.id } } },
        result: {
          data: {
            revokePartnerInvitation: successWith({
              ...partner,
              status: 'DRAFT',
              invitation: { ...OPEN_INVITATION, state: 'REVOKED' },
            }),
          },
        },
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/stops working at once/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Withdraw' }));
    expect(await screen.findByText('The invitation was withdrawn.')).toBeTruthy();
  });

  it("reports a refused withdrawal with the server's message", async () => {
    const partner = partnerDetailsFixture({ status: 'PENDING', invitation: OPEN_INVITATION });
    renderCard(partner, [
      {
        request: { query: RevokePartnerInvitationDocument, variables: { input: { partnerId: partner.id } } },
        result: {
          data: {
            revokePartnerInvitation: {
              __typename: 'ValidationError',
              code: 'VALIDATION_FAILED',
              message: 'This partner has no open invitation.',
              field: 'partnerId',
              fieldErrors: [
                {
                  __typename: 'FieldError',
                  field: 'partnerId',
                  message: 'This partner has no open invitation.',
                },
              ],
            },
          },
        },
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Withdraw' }));
    expect(await screen.findByText('This partner has no open invitation.')).toBeTruthy();
  });

  it("checks the admin password against the partner's policy and puts a taken e-mail on its field", async () => {
    const base = partnerDetailsFixture();
    const partner = { ...base, organization: { ...base.organization, passwordPolicy: 'COMPLEX' as const } };
    renderCard(partner, [
      {
        request: {
          query: CreatePartnerAdminDocument,
          variables: {
            input: {
              partnerId: partner.id,
              email: 'office@berlin-autohaus.example',
              name: 'Bernd Braun',
              password: 'Str0ng&Secret!',
            },
          },
        },
        result: {
          data: {
            createPartnerAdmin: {
              __typename: 'EmailTakenError',
              code: 'EMAIL_TAKEN',
              message: 'A user with this e-mail already exists.',
              field: 'email',
            },
          },
        },
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Create admin login instead' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'Bernd Braun' } });
    fireEvent.change(within(dialog).getByLabelText('Initial password'), { target: { value: 'short' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create admin login' }));
    expect(await within(dialog).findByText(/The password needs at least 12 characters/)).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('Initial password'), {
      target: { value: 'Str0ng&Secret!' },
    });
    // (jsdom never ends antd's loading-icon animation, so the button's name may keep a "loading" prefix)
    fireEvent.click(within(dialog).getByRole('button', { name: /Create admin login$/ }));
    expect(await within(dialog).findByText('A user with this e-mail already exists.')).toBeTruthy();
    await waitFor(() =>
      expect(within(dialog).getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true'),
    );
  });
});
