import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import type { InvitationState } from '@partner-hub/graphql-client';
import { RevokePartnerInvitationDocument } from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { describeError } from '../../../shared/utils/errors';
import { formatDateTime } from '../../../shared/utils/format';
import { CreatePartnerAdminDialog } from './CreatePartnerAdminDialog';
import { SendInvitationDialog } from './SendInvitationDialog';

const STATE_TAGS: Record<InvitationState, { color: string; label: string }> = {
  OPEN: { color: 'gold', label: 'Waiting for an answer' },
  EXPIRED: { color: 'default', label: 'Expired' },
  USED: { color: 'green', label: 'Used' },
  REVOKED: { color: 'default', label: 'Withdrawn' },
  DECLINED: { color: 'red', label: 'Declined' },
  UNKNOWN: { color: 'default', label: 'Unknown' },
};

export type InvitationCardProps = { partner: PartnerDetailsFieldsFragment };

/**
 * The invitation of an unclaimed partner: where it stands, and send / re-send / withdraw, or
 * create the partner admin's login directly instead.
 */
export function InvitationCard({ partner }: InvitationCardProps) {
  const { message, modal, notification } = AntApp.useApp();
  const [dialog, setDialog] = useState<'send' | 'admin' | null>(null);
  const [revokeInvitation] = useMutation(RevokePartnerInvitationDocument, {
    refetchQueries: ['PartnerHistory'],
  });
  const { invitation } = partner;
  const open = invitation?.state === 'OPEN';
  const defaultEmail = invitation?.email ?? partner.organization.email ?? '';

  const handleWithdraw = () => {
    modal.confirm({
      title: 'Withdraw the invitation?',
      content: `The link sent to ${invitation?.email ?? 'the partner'} stops working at once and ${partner.name} is a draft again. You can send a new invitation later.`,
      okText: 'Withdraw',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const { data } = await revokeInvitation({ variables: { input: { partnerId: partner.id } } });
          const result = data?.revokePartnerInvitation;
          if (result?.__typename === 'PartnerSuccess') void message.success('The invitation was withdrawn.');
          else
            notification.error({
              title: 'Could not withdraw the invitation',
              description: result?.message ?? 'The server sent no answer.',
            });
        } catch (error) {
          notification.error({
            title: 'Could not withdraw the invitation',
            description: describeError(error),
          });
        }
      },
    });
  };

  const tag = invitation ? STATE_TAGS[invitation.state] : null;

  return (
    <Card size="small" title="Invitation" style={{ marginBottom: 24, maxWidth: 880 }} aria-label="Invitation">
      {invitation ? (
        <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label="State">
            {tag ? <Tag color={tag.color}>{tag.label}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label="Sent to">{invitation.email}</Descriptions.Item>
          <Descriptions.Item label="Sent">
            {formatDateTime(invitation.sentAt)} by {invitation.invitedBy}
          </Descriptions.Item>
          <Descriptions.Item label={invitation.state === 'EXPIRED' ? 'Expired' : 'Expires'}>
            {formatDateTime(invitation.expiresAt)}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">
          {partner.name} has not been invited yet. The invitation e-mail lets its contact claim the
          organization and create its first admin account — or connect a company that already uses Partner
          Hub.
        </Typography.Paragraph>
      )}
      <Space wrap>
        <Button type="primary" onClick={() => setDialog('send')}>
          {open ? 'Re-send' : invitation ? 'Send a new invitation' : 'Send invitation'}
        </Button>
        {open ? (
          <Button danger onClick={handleWithdraw}>
            Withdraw
          </Button>
        ) : null}
        <Button onClick={() => setDialog('admin')}>Create admin login instead</Button>
      </Space>
      <SendInvitationDialog
        open={dialog === 'send'}
        partnerId={partner.id}
        partnerName={partner.name}
        defaultEmail={defaultEmail}
        resend={open}
        onClose={() => setDialog(null)}
      />
      <CreatePartnerAdminDialog
        open={dialog === 'admin'}
        partnerId={partner.id}
        partnerName={partner.name}
        passwordPolicy={partner.organization.passwordPolicy}
        defaultEmail={partner.organization.email ?? ''}
        onClose={() => setDialog(null)}
      />
    </Card>
  );
}
