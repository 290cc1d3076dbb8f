import type { ReactNode } from 'react';
import { Result, Tabs } from 'antd';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { Permission } from '@partner-hub/domain';
import { PageHeader } from '@partner-hub/ui';
import { ApiKeysTab } from '../modules/api-keys/components/ApiKeysTab';
import { AuditLogTab } from '../modules/audit/components/AuditLogTab';
import { hasPermission, useViewer } from '../modules/auth/hooks/viewer-context';
import { ProfileTab } from '../modules/profile/components/ProfileTab';
import { UsersTab } from '../modules/users/components/UsersTab';

type SettingsTab = {
  key: string;
  label: string;
  permission: Permission;
  render: () => ReactNode;
};

const TABS: readonly SettingsTab[] = [
  { key: 'profile', label: 'Profile', permission: 'self:read', render: () => <ProfileTab /> },
  { key: 'users', label: 'Users', permission: 'users:read', render: () => <UsersTab /> },
  { key: 'api-keys', label: 'API keys', permission: 'apiKeys:manage', render: () => <ApiKeysTab /> },
  { key: 'audit-log', label: 'Audit log', permission: 'audit:read', render: () => <AuditLogTab /> },
];

/**
 * /settings/:tab — profile, users, API keys and audit log, each shown only with its permission. A
 * tab the viewer's role cannot open (a link from someone else, an old bookmark) says so.
 */
export function SettingsPage() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const { tab = 'profile' } = useParams();
  const tabs = TABS.filter((candidate) => hasPermission(viewer, candidate.permission));

  const requested = TABS.find((candidate) => candidate.key === tab);
  if (!requested) return <Navigate to="/settings/profile" replace />;
  const allowed = tabs.includes(requested);

  return (
    <>
      <PageHeader title="Settings" subtitle={`Your profile and ${viewer.organization.name}'s users, API keys and audit log.`} />
      <Tabs
        activeKey={allowed ? tab : undefined}
        onChange={(key) => void navigate(`/settings/${key}`)}
        destroyOnHidden
        items={tabs.map((candidate) => ({
          key: candidate.key,
          label: candidate.label,
          children: candidate.key === tab ? candidate.render() : null,
        }))}
      />
      {allowed ? null : (
        <Result
          status="403"
          title={`Your role cannot open ${requested.label}`}
          subTitle="Ask an administrator of your organization if you need it."
          extra={<Link to="/settings/profile">Go to your profile</Link>}
        />
      )}
    </>
  );
}
