import { useState } from 'react';
import {
  App as AntApp,
  Breadcrumb,
  Button,
  Col,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Tabs,
  Tag,
} from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Link, Navigate, useNavigate } from 'react-router';
import {
  ArchiveOwnerDocument,
  OwnerDetailsDocument,
  RestoreOwnerDocument,
} from '@partner-hub/graphql-client';
import { PageHeader } from '@partner-hub/ui';
import { useCan } from '../../../auth/hooks/viewer-context';
import { QueryErrorAlert } from '../../../shared/components/QueryErrorAlert';
import { describeError, graphQLErrorReason } from '../../../shared/utils/errors';
import { ContactOwnerDialog } from '../../components/ContactOwnerDialog';
import { OwnerAnnotationCard } from './OwnerAnnotationCard';
import { OwnerBasicDataCard } from './OwnerBasicDataCard';
import { OwnerHistoryTab } from './OwnerHistoryTab';
import { OwnerVehiclesCard } from './OwnerVehiclesCard';

export type OwnerDetailsProps = {
  id: string;
  /** The open tab, from the URL (`/owners/:id/:tab`): `overview` or `history`. */
  tab: string;
};

/**
 * One owner: basic data, the principal's private annotation (its own staff only — a partner's
 * page never asks for it), the vehicles the owner has access to, archive/restore, contact, and
 * the history (principal staff).
 */
export function OwnerDetails({ id, tab }: OwnerDetailsProps) {
  const canWrite = useCan('owners:write');
  const readsAnnotation = useCan('ownerAnnotations:read');
  const writesAnnotation = useCan('ownerAnnotations:write');
  const navigate = useNavigate();
  const { message, notification } = AntApp.useApp();
  const [contacting, setContacting] = useState(false);
  const { data, error, loading, refetch } = useQuery(OwnerDetailsDocument, {
    variables: { id, withAnnotation: readsAnnotation },
  });
  const refetchHistory = { refetchQueries: ['OwnerHistory'] };
  const [archiveOwner, archiving] = useMutation(ArchiveOwnerDocument, refetchHistory);
  const [restoreOwner, restoring] = useMutation(RestoreOwnerDocument, refetchHistory);
  const owner = data?.owner;

  const tabs = ['overview', ...(readsAnnotation ? ['history'] : [])];
  if (!tabs.includes(tab)) return <Navigate to={`/owners/${id}`} replace />;
  if (!owner) {
    if (loading) return <Skeleton active paragraph={{ rows: 8 }} />;
    // a missing owner and one out of the viewer's reach look the same: BAD_USER_INPUT with the reason NOT_FOUND
    if (error && graphQLErrorReason(error) === 'NOT_FOUND') {
      return (
        <Result
          status="404"
          title="Owner not found"
          subTitle="There is no such owner, or it is not one you can see."
          extra={
            <Link to="/owners">
              <Button type="primary">Back to owners</Button>
            </Link>
          }
        />
      );
    }
    return (
      <QueryErrorAlert
        title="Could not load the owner"
        error={error ?? 'The server sent no owner.'}
        onRetry={() => void refetch()}
      />
    );
  }

  const archived = !!owner.archivedAt;
  const displayName = owner.name ?? owner.email;

  const handleArchive = async (archive: boolean) => {
    try {
      const variables = { input: { id: owner.id } };
      const result = archive
        ? (await archiveOwner({ variables })).data?.archiveOwner
        : (await restoreOwner({ variables })).data?.restoreOwner;
      if (result?.__typename === 'OwnerSuccess')
        void message.success(archive ? `${displayName} was archived.` : `${displayName} was restored.`);
      else
        notification.error({
          title: archive ? 'Could not archive the owner' : 'Could not restore the owner',
          description: result?.message ?? 'The server sent no answer.',
        });
    } catch (mutationError) {
      notification.error({ title: 'The change failed', description: describeError(mutationError) });
    }
  };

  const overview = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={readsAnnotation ? 12 : 24}>
        <OwnerBasicDataCard owner={owner} editable={canWrite && !archived} />
      </Col>
      {readsAnnotation ? (
        <Col xs={24} lg={12}>
          <OwnerAnnotationCard
            ownerId={owner.id}
            annotation={owner.annotation ?? null}
            editable={writesAnnotation}
          />
        </Col>
      ) : null}
      <Col span={24}>
        <OwnerVehiclesCard owner={owner} editable={canWrite && !archived} />
      </Col>
    </Row>
  );

  return (
    <>
      <Breadcrumb
        items={[
          { key: 'owners', title: <Link to="/owners">Owners</Link> },
          { key: owner.id, title: displayName },
        ]}
        style={{ marginBottom: 12 }}
      />
      <PageHeader
        title={
          <Space size={12} wrap>
            <span>{displayName}</span>
            {archived ? <Tag>Archived</Tag> : null}
          </Space>
        }
        subtitle={owner.name ? owner.email : undefined}
        extra={
          canWrite ? (
            <>
              {archived ? null : (
                <Button icon={<MailOutlined />} onClick={() => setContacting(true)}>
                  Contact
                </Button>
              )}
              {archived ? (
                <Button loading={restoring.loading} onClick={() => void handleArchive(false)}>
                  Restore
                </Button>
              ) : (
                <Popconfirm
                  title={`Archive ${displayName}?`}
                  description="Archived owners are hidden from the list; their vehicle access and history are kept, and they can be restored."
                  okText="Archive"
                  onConfirm={() => handleArchive(true)}
                >
                  <Button loading={archiving.loading}>Archive</Button>
                </Popconfirm>
              )}
            </>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => void navigate(key === 'overview' ? `/owners/${id}` : `/owners/${id}/${key}`)}
        destroyOnHidden
        items={[
          { key: 'overview', label: 'Overview', children: tab === 'overview' ? overview : null },
          ...(readsAnnotation
            ? [
                {
                  key: 'history',
                  label: 'History',
                  children: tab === 'history' ? <OwnerHistoryTab ownerId={owner.id} /> : null,
                },
              ]
            : []),
        ]}
      />
      {canWrite ? (
        <ContactOwnerDialog
          owner={contacting ? { id: owner.id, email: owner.email, name: owner.name } : null}
          onClose={() => setContacting(false)}
        />
      ) : null}
    </>
  );
}
