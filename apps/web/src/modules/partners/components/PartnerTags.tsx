import { Tag } from 'antd';
import { PARTNER_ROLE_LABELS, PARTNER_STATUS_LABELS } from '@partner-hub/domain';
import type { PartnerRole, PartnerStatus } from '@partner-hub/domain';

const ROLE_COLORS: Record<PartnerRole, string> = {
  DEALER: 'blue',
  SERVICE_PARTNER: 'purple',
  OEM: 'geekblue',
};

const STATUS_COLORS: Record<PartnerStatus, string> = {
  DRAFT: 'default',
  PENDING: 'gold',
  ACCEPTED: 'green',
};

export type PartnerRoleTagProps = { role: PartnerRole };

/** What a partner is to the principal (dealer, service partner, OEM) as a coloured tag. */
export function PartnerRoleTag({ role }: PartnerRoleTagProps) {
  return <Tag color={ROLE_COLORS[role]}>{PARTNER_ROLE_LABELS[role]}</Tag>;
}

export type PartnerStatusTagProps = { status: PartnerStatus };

/** Where a partner stands in claiming its organization: Draft, Invitation sent, Accepted. */
export function PartnerStatusTag({ status }: PartnerStatusTagProps) {
  return <Tag color={STATUS_COLORS[status]}>{PARTNER_STATUS_LABELS[status]}</Tag>;
}

export type PartnerFlagTagsProps = {
  allowJobOverride: boolean;
  blocked: boolean;
  archived?: boolean;
};

/** The settings worth seeing at a glance in a list: job override, blocked, archived. */
export function PartnerFlagTags({ allowJobOverride, blocked, archived }: PartnerFlagTagsProps) {
  return (
    <>
      {allowJobOverride ? <Tag color="cyan">Override enabled</Tag> : null}
      {blocked ? <Tag color="red">Blocked</Tag> : null}
      {archived ? <Tag>Archived</Tag> : null}
    </>
  );
}
