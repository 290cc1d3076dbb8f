import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import {
  ClaimInvitationDocument,
  DeclineInvitationDocument,
  InvitationDocument,
} from '@partner-hub/graphql-client';
import type { InvitationQuery } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { UNUSABLE_INVITATION } from '../utils/invitation-states';
import type { UnusableInvitationState } from '../utils/invitation-states';
import { ClaimInvitation } from './ClaimInvitation';

const TOKEN = 'tok_123';

const OPEN_INVITATION: InvitationQuery['invitation'] = {
  __typename: 'InvitationPreview',
  state: 'OPEN',
  principalName: 'Aurora Motors',
  partnerName: 'Nordic Service',
  email: 'owner@nordic-service.example',
  expiresAt: '2030-01-08T00:00:00.000Z',
  passwordPolicy: 'COMPLEX',
};

function invitationMock(invitation: InvitationQuery['invitation']): MockLink.MockedResponse {
  return {
    request: { query: InvitationDocument, variables: { token: TOKEN } },
    result: { data: { invitation } },
  };
}

function renderPage(mocks: MockLink.MockedResponse[]) {
  const router = createMemoryRouter(
    [
      { path: '/claim/:token', element: <ClaimInvitation token={TOKEN} /> },
      { path: '/sign-in', element: <p>Sign-in page</p> },
    ],
    { initialEntries: [`/claim/${TOKEN}`] },
  );
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

const UNUSABLE_STATES: UnusableInvitationState[] = ['EXPIRED', 'USED', 'REVOKED', 'DECLINED', 'UNKNOWN'];

describe('ClaimInvitation', () => {
  it.each(UNUSABLE_STATES)('explains a %s link instead of offering the forms', async (state) => {
    renderPage([
      invitationMock({
        __typename: 'InvitationPreview',
        state,
        principalName: null,
        partnerName: null,
        email: null,
        expiresAt: null,
        passwordPolicy: null,
      }),
    ]);
    expect(await screen.findByText(UNUSABLE_INVITATION[state].text)).toBeTruthy();
    expect(screen.getByText(UNUSABLE_INVITATION[state].title)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create account and claim' })).toBeNull();
  });

  it('says who invites whom and prefills the invited e-mail address', async () => {
    renderPage([invitationMock(OPEN_INVITATION)]);
    expect(await screen.findByText('Aurora Motors invites Nordic Service to Partner Hub')).toBeTruthy();
    expect((screen.getByLabelText('E-mail') as HTMLInputElement).value).toBe('owner@nordic-service.example');
  });

  it("checks the password against the partner's policy and the confirmation before claiming", async () => {
    renderPage([invitationMock(OPEN_INVITATION)]);
    fireEvent.change(await screen.findByLabelText('Your name'), { target: { value: 'Nora Lind' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'simple-password' } });
    fireEvent.change(screen.getByLabelText('Password again'), { target: { value: 'other' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account and claim' }));
    expect(await screen.findByText('The password needs an uppercase letter, a digit.')).toBeTruthy();
    expect(screen.getByText('The two passwords differ.')).toBeTruthy();
  });

  it('claims the organization and offers to sign in with the new e-mail address', async () => {
    const router = renderPage([
      invitationMock(OPEN_INVITATION),
      {
        request: {
          query: ClaimInvitationDocument,
          variables: {
            input: {
              token: TOKEN,
              name: 'Nora Lind',
              email: 'nora@nordic-service.example',
              password: 'Str0ng&Secret!',
            },
          },
        },
        result: {
          data: {
            claimInvitation: {
              __typename: 'ClaimSuccess',
              organizationName: 'Nordic Service',
              principalName: 'Aurora Motors',
            },
          },
        },
      },
    ]);
    fireEvent.change(await screen.findByLabelText('Your name'), { target: { value: 'Nora Lind' } });
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: ' Nora@Nordic-Service.example ' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'Str0ng&Secret!' } });
    fireEvent.change(screen.getByLabelText('Password again'), { target: { value: 'Str0ng&Secret!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account and claim' }));

    expect(await screen.findByText('Your organization is on Partner Hub')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(new URLSearchParams(router.state.location.search).get('email')).toBe(
      'nora@nordic-service.example',
    );
  });

  it('puts a taken e-mail address on the e-mail field', async () => {
    renderPage([
      invitationMock({ ...OPEN_INVITATION, passwordPolicy: 'SIMPLE' }),
      {
        request: {
          query: ClaimInvitationDocument,
          variables: {
            input: {
              token: TOKEN,
              name: 'Nora Lind',
              email: 'owner@nordic-service.example',
              password: 'long-enough',
            },
          },
        },
        result: {
          data: {
            claimInvitation: {
              __typename: 'EmailTakenError',
              code: 'EMAIL_TAKEN',
              message: 'A user with this e-mail already exists.',
              field: 'email',
            },
          },
        },
      },
    ]);
    fireEvent.change(await screen.findByLabelText('Your name'), { target: { value: 'Nora Lind' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'long-enough' } });
    fireEvent.change(screen.getByLabelText('Password again'), { target: { value: 'long-enough' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account and claim' }));
    expect(await screen.findByText('A user with this e-mail already exists.')).toBeTruthy();
    expect(screen.getByLabelText('E-mail').getAttribute('aria-invalid')).toBe('true');
  });

  it('switches to the explanation when the link was used meanwhile', async () => {
    renderPage([
      invitationMock({ ...OPEN_INVITATION, passwordPolicy: 'SIMPLE' }),
      {
        request: {
          query: ClaimInvitationDocument,
          variables: {
            input: {
              token: TOKEN,
              name: 'Nora Lind',
              email: 'owner@nordic-service.example',
              password: 'long-enough',
            },
          },
        },
        result: {
          data: {
            claimInvitation: {
              __typename: 'InvitationUnusableError',
              code: 'INVITATION_UNUSABLE',
              message: UNUSABLE_INVITATION.USED.text,
              field: 'token',
              state: 'USED',
            },
          },
        },
      },
    ]);
    fireEvent.change(await screen.findByLabelText('Your name'), { target: { value: 'Nora Lind' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'long-enough' } });
    fireEvent.change(screen.getByLabelText('Password again'), { target: { value: 'long-enough' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account and claim' }));
    expect(await screen.findByText(UNUSABLE_INVITATION.USED.title)).toBeTruthy();
  });

  it('declines only after confirmation', async () => {
    renderPage([
      invitationMock(OPEN_INVITATION),
      {
        request: { query: DeclineInvitationDocument, variables: { input: { token: TOKEN } } },
        result: { data: { declineInvitation: { __typename: 'DeclineSuccess', declined: true } } },
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Decline the invitation' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Aurora Motors is told that Nordic Service declined/)).toBeTruthy();
    expect(screen.queryByText('You declined the invitation')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline' }));
    expect(await screen.findByText('You declined the invitation')).toBeTruthy();
  });
});
