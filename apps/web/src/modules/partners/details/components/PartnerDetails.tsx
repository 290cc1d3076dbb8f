import type { ReactNode } from 'react';
import { useState } from 'react';
import { Breadcrumb, Button, Flex, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { useQuery } from '@apollo/client/react';
import { Link, Navigate, useNavigate } from 'react-router';
import { PartnerDetailsDocument } from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment, ViewerFieldsFragment } from '@partner-hub/graphql-client';
import { CopyableId, PageHeader } from '@partner-hub/ui';
import { hasPermission, useViewer } from '../../../auth/hooks/viewer-context';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';
import { graphQLErrorReason } from '../../../shared/utils/errors';
import { InvitationCard } from '../../invitations/components/InvitationCard';
import { MovePartnerDialog } from './MovePartnerDialog';
import { PartnerAgreementTab } from './PartnerAgreementTab';
import { PartnerHistoryTab } from './PartnerHistoryTab';
import { PartnerProfileTab } from './PartnerProfileTab';
import { PartnerSettingsTab } from './PartnerSettingsTab';
import { PartnerSubPartnersTab } from './PartnerSubPartnersTab';
import { PartnerTags } from './PartnerTags';
import { PartnerUsersTab } from './PartnerUsersTab';
import { PartnerVehiclesTab } from '../../../vehicles/components/PartnerVehiclesTab';

type DetailsTab = {
  key: string;
  label: string;
  render: (partner: PartnerDetailsFieldsFragment) => ReactNode;
  /** whether the viewer may open the tab at all (the API answers FORBIDDEN otherwise); every viewer when absent */
  shownTo?: (partner: PartnerDetailsFieldsFragment, viewer: ViewerFieldsFragment) => boolean;
};

export const PARTNER_TABS: readonly DetailsTab[] = [
  {
    key: 'profile',
    label: 'Profile',
    render: (partner) => (
      <>
        {partner.manageable && partner.status !== 'ACCEPTED' && !partner.archivedAt ? (
          <InvitationCard partner={partner} />
        ) : null}
        <PartnerProfileTab partner={partner} />
      </>
    ),
  },
  { key: 'agreement', label: 'Agreement', render: (partner) => <PartnerAgreementTab partner={partner} /> },
  { key: 'settings', label: 'Settings', render: (partner) => <PartnerSettingsTab partner={partner} /> },
  {
    key: 'sub-partners',
    label: 'Sub-partners',
    render: (partner) => <PartnerSubPartnersTab partner={partner} />,
  },
  { key: 'vehicles', label: 'Vehicles', render: (partner) => <PartnerVehiclesTab partner={partner} /> },
  {
    key: 'users',
    label: 'Users',
    render: (partner) => <PartnerUsersTab partner={partner} />,
    // the API's rule for Partner.users: the own organization's with users:read, any other only for admins
    shownTo: (partner, viewer) =>
      hasPermission(viewer, 'users:manage') || (partner.organization.id === viewer.organization.id && hasPermission(viewer, 'users:read')),
  },
  { key: 'history', label: 'History', render: (partner) => <PartnerHistoryTab partner={partner} /> },
];

export type PartnerDetailsProps = {
  id: string;
  /** The open tab, from the URL (`/partners/:id/:tab`). */
  tab: string;
};

/** One partner: header with its Partner ID, tags and place in the tree, and a tab per aspect. */
export function PartnerDetails({ id, tab }: PartnerDetailsProps) {
  const viewer = useViewer();
  const navigate = useNavigate();
  const [moving, setMoving] = useState(false);
  const { data, error, loading, refetch } = useQuery(PartnerDetailsDocument, { variables: { id } });
  const partner = data?.partner;

  if (!PARTNER_TABS.some((candidate) => candidate.key === tab)) {
    return <Navigate to={`/partners/${id}`} replace />;
  }
  if (!partner) {
    if (loading) return <Skeleton active paragraph={{ rows: 8 }} />;
    // a missing partner and another tenant's look the same: BAD_USER_INPUT with the reason NOT_FOUND
    if (error && graphQLErrorReason(error) === 'NOT_FOUND') {
      return (
        <Result
          status="404"
          title="Partner not found"
          subTitle="There is no such partner, or it is not one you can see."
          extra={
            <Link to="/partners">
              <Button type="primary">Back to partners</Button>
            </Link>
          }
        />
      );
    }
    return (
      <QueryErrorAlert
        title="Could not load the partner"
        error={error ?? 'The server sent no partner.'}
        onRetry={() => void refetch()}
      />
    );
  }

  const breadcrumb = [
    { key: 'partners', title: <Link to="/partners">Partners</Link> },
    ...partner.ancestors.map((ancestor) => ({
      key: ancestor.id,
      title: <Link to={`/partners/${ancestor.id}`}>{ancestor.name}</Link>,
    })),
    { key: partner.id, title: partner.name },
  ];

  return (
    <>
      <Breadcrumb items={breadcrumb} style={{ marginBottom: 12 }} />
      <PageHeader
        title={
          <Space size={12} wrap>
            <span>{partner.name}</span>
            <PartnerTags partner={partner} />
          </Space>
        }
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            <span>Partner ID</span>
            <CopyableId value={partner.partnerId} copyLabel="Copy Partner ID" />
            {partner.subPartnerCount > 0 ? (
              <Typography.Text type="secondary">
                · {partner.subPartnerCount} direct sub-partner{partner.subPartnerCount === 1 ? '' : 's'}
              </Typography.Text>
            ) : null}
          </Flex>
        }
        extra={
          partner.manageable && !partner.archivedAt ? (
            <Button onClick={() => setMoving(true)}>Move…</Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate(key === 'profile' ? `/partners/${id}` : `/partners/${id}/${key}`)}
        destroyOnHidden
        items={PARTNER_TABS.filter((candidate) => candidate.shownTo?.(partner, viewer) ?? true).map((candidate) => ({
          key: candidate.key,
          label: candidate.label,
          children: candidate.key === tab ? candidate.render(partner) : null,
        }))}
      />
      {partner.manageable ? (
        <MovePartnerDialog
          partner={partner}
          open={moving}
          canMoveToTop={viewer.organization.kind === 'PRINCIPAL'}
          onClose={() => setMoving(false)}
        />
      ) : null}
    </>
  );
}
