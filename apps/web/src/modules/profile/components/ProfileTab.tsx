import { Card, Descriptions, Space } from 'antd';
import { CopyableId } from '@partner-hub/ui';
import { useViewer } from '../../auth/hooks/viewer-context';
import { RoleTag } from '../../shared/components/RoleTag';
import { formatDateTime } from '../../shared/utils/format';
import { ChangePasswordForm } from './ChangePasswordForm';

/** Settings → Profile: who is signed in, for which organization, and the password form. */
export function ProfileTab() {
  const viewer = useViewer();
  const { user, organization } = viewer;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title="Your profile">
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label="Name">{user?.name ?? viewer.apiKey?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="E-mail">{user?.email ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="Role">
            <RoleTag role={viewer.role} />
          </Descriptions.Item>
          <Descriptions.Item label="Organization">
            {organization.name} ({organization.kind === 'PRINCIPAL' ? 'principal' : 'partner'})
          </Descriptions.Item>
          <Descriptions.Item label="Last sign-in">{formatDateTime(user?.lastSignInAt)}</Descriptions.Item>
          <Descriptions.Item label="Session expires">{formatDateTime(viewer.sessionExpiresAt)}</Descriptions.Item>
          {user ? (
            <Descriptions.Item label="User ID">
              <CopyableId value={user.id} />
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {user ? (
        <Card title="Change password">
          <ChangePasswordForm passwordPolicy={organization.passwordPolicy} />
        </Card>
      ) : null}
    </Space>
  );
}
