import { Space, Tag } from 'antd';
import { PARTNER_ROLE_LABELS, PARTNER_STATUS_LABELS } from '@partner-hub/domain';
import type { PartnerRole, PartnerStatus } from '@partner-hub/domain';
import type { InvitationState } from '@partner-hub/graphql-client';
import { PartnerFlagTags } from '../../components/PartnerFlagTags';

const STATUS_COLORS: Record<PartnerStatus, string> = { DRAFT: 'default', PENDING: 'gold', ACCEPTED: 'green' };
const ROLE_COLORS: Record<PartnerRole, string> = {
  DEALER: 'blue',
  SERVICE_PARTNER: 'purple',
  OEM: 'geekblue',
};

export type PartnerRoleTagProps = { role: PartnerRole };

/** A partner's role (dealer, service partner, OEM) as a tag. */
export function PartnerRoleTag({ role }: PartnerRoleTagProps) {
  return <Tag color={ROLE_COLORS[role]}>{PARTNER_ROLE_LABELS[role]}</Tag>;
}

export type PartnerStatusTagProps = {
  status: PartnerStatus;
  /** the state of the partner's latest invitation, when known: a declined one is named as such */
  invitationState?: InvitationState | null;
};

/** A partner's claiming status (draft, invitation sent, declined, accepted) as a tag. */
export function PartnerStatusTag({ status, invitationState }: PartnerStatusTagProps) {
  // declining returns the partner to DRAFT; "Draft" alone would hide that the partner said no
  if (status === 'DRAFT' && invitationState === 'DECLINED') return <Tag color="volcano">Declined</Tag>;
  return <Tag color={STATUS_COLORS[status]}>{PARTNER_STATUS_LABELS[status]}</Tag>;
}

export type PartnerTagsProps = {
  partner: {
    role: PartnerRole;
    status: PartnerStatus;
    allowJobOverride?: boolean;
    blocked: boolean;
    usersBlocked?: boolean;
    archivedAt?: string | null;
    invitation?: { state: InvitationState } | null;
  };
};

/** Every tag that describes a partner at a glance: role, status, job override, blocked, archived. */
export function PartnerTags({ partner }: PartnerTagsProps) {
  return (
    <Space size={4} wrap>
      <PartnerRoleTag role={partner.role} />
      <PartnerStatusTag status={partner.status} invitationState={partner.invitation?.state} />
      <PartnerFlagTags allowJobOverride={!!partner.allowJobOverride} blocked={partner.blocked} />
      {partner.usersBlocked ? <Tag color="orange">Sub-account users blocked</Tag> : null}
      {partner.archivedAt ? <Tag>Archived</Tag> : null}
    </Space>
  );
}
