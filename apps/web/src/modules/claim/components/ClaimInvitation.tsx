import { useState } from 'react';
import { App as AntApp, Button, Flex, Result, Segmented, Skeleton, Typography } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { DeclineInvitationDocument, InvitationDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { SIGN_IN_PATH } from '../../auth/utils/redirect';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { describeError } from '../../shared/utils/errors';
import { formatDateTime } from '../../shared/utils/format';
import type { UnusableInvitationState } from '../utils/invitation-states';
import { AcceptInvitationForm } from './AcceptInvitationForm';
import { ClaimAccountForm } from './ClaimAccountForm';
import { UnusableInvitation } from './UnusableInvitation';

type Outcome =
  | { kind: 'claimed'; email: string }
  | { kind: 'accepted'; email: string; organizationName: string }
  | { kind: 'declined' }
  | { kind: 'unusable'; state: UnusableInvitationState };

type Choice = 'claim' | 'accept';

export type ClaimInvitationProps = { token: string };

/** The sign-in page's address with the e-mail filled in. */
export function signInPathFor(email: string): string {
  return `${SIGN_IN_PATH}?${new URLSearchParams({ email }).toString()}`;
}

/**
 * The public page behind an invitation link: who invites whom, and the three answers — claim
 * the organization with a new admin account, connect an existing organization, or decline.
 */
export function ClaimInvitation({ token }: ClaimInvitationProps) {
  const navigate = useNavigate();
  const { modal } = AntApp.useApp();
  const [choice, setChoice] = useState<Choice>('claim');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [declineError, setDeclineError] = useState<string | null>(null);
  const { data, error, loading, refetch } = useQuery(InvitationDocument, {
    variables: { token },
    fetchPolicy: 'network-only',
  });
  const [declineInvitation] = useMutation(DeclineInvitationDocument);

  const handleUnusable = (state: UnusableInvitationState) => setOutcome({ kind: 'unusable', state });

  if (outcome?.kind === 'unusable') return <UnusableInvitation state={outcome.state} />;
  if (outcome?.kind === 'declined') {
    return (
      <Result
        status="info"
        title="You declined the invitation"
        subTitle="The company that invited you can see that you declined. The link no longer works."
      />
    );
  }
  if (outcome?.kind === 'claimed' || outcome?.kind === 'accepted') {
    return (
      <Result
        status="success"
        title={
          outcome.kind === 'claimed'
            ? 'Your organization is on Partner Hub'
            : `${outcome.organizationName} is connected`
        }
        subTitle={
          outcome.kind === 'claimed'
            ? `Your admin account ${outcome.email} is ready. Sign in to complete your profile and add your colleagues.`
            : 'Sign in to see the new partnership next to your existing ones.'
        }
        extra={
          <Button type="primary" size="large" onClick={() => void navigate(signInPathFor(outcome.email))}>
            Sign in
          </Button>
        }
      />
    );
  }

  const invitation = data?.invitation;
  if (!invitation) {
    if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
    return (
      <QueryErrorAlert
        title="Could not load the invitation"
        error={error ?? 'The server sent no answer.'}
        onRetry={() => void refetch()}
      />
    );
  }
  if (invitation.state !== 'OPEN') return <UnusableInvitation state={invitation.state} />;

  const principalName = invitation.principalName ?? 'A company';
  const partnerName = invitation.partnerName ?? 'your organization';

  const handleDecline = () => {
    modal.confirm({
      title: 'Decline the invitation?',
      content: `${principalName} is told that ${partnerName} declined. The link stops working; to join later you would need a new invitation.`,
      okText: 'Decline',
      okButtonProps: { danger: true },
      onOk: async () => {
        setDeclineError(null);
        try {
          const { data: result } = await declineInvitation({ variables: { input: { token } } });
          const answer = result?.declineInvitation;
          if (answer?.__typename === 'DeclineSuccess') setOutcome({ kind: 'declined' });
          else if (answer?.__typename === 'InvitationUnusableError' && answer.state !== 'OPEN')
            handleUnusable(answer.state);
          else setDeclineError(answer?.message ?? 'The server sent no answer. Try again.');
        } catch (declineFailure) {
          setDeclineError(describeError(declineFailure));
        }
      },
    });
  };

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {principalName} invites {partnerName} to Partner Hub
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        Partner Hub is where {principalName} works with its partners. Claim {partnerName} by creating its
        first admin account. The link works once
        {invitation.expiresAt ? `, until ${formatDateTime(invitation.expiresAt)}` : ''}.
      </Typography.Paragraph>
      <ErrorResultAlert error={declineError} />
      <Segmented<Choice>
        block
        value={choice}
        onChange={setChoice}
        options={[
          { value: 'claim', label: 'Create your admin account' },
          { value: 'accept', label: 'My company already uses Partner Hub' },
        ]}
        style={{ marginBottom: 24 }}
      />
      {choice === 'claim' ? (
        <ClaimAccountForm
          token={token}
          email={invitation.email ?? ''}
          passwordPolicy={invitation.passwordPolicy ?? 'SIMPLE'}
          onClaimed={(email) => setOutcome({ kind: 'claimed', email })}
          onUnusable={handleUnusable}
        />
      ) : (
        <AcceptInvitationForm
          token={token}
          onAccepted={(email, organizationName) => setOutcome({ kind: 'accepted', email, organizationName })}
          onUnusable={handleUnusable}
        />
      )}
      <Flex justify="center" style={{ marginTop: 24 }}>
        <Button type="link" danger onClick={handleDecline}>
          Decline the invitation
        </Button>
      </Flex>
    </>
  );
}
