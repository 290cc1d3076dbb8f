import { Badge } from 'antd';
import type { TableColumnsType } from 'antd';
import type { UserRole } from '@partner-hub/domain';
import type { UserFieldsFragment } from '@partner-hub/graphql-client';
import { RoleTag } from '../../shared/components/RoleTag';
import { formatDateTime } from '../../shared/utils/format';

/** The columns every users table shows: name, e-mail, role, status and last sign-in. */
export function userColumns(): TableColumnsType<UserFieldsFragment> {
  return [
    { title: 'Name', dataIndex: 'name', key: 'name' },
    { title: 'E-mail', dataIndex: 'email', key: 'email' },
    { title: 'Role', dataIndex: 'role', key: 'role', render: (value: UserRole) => <RoleTag role={value} /> },
    {
      title: 'Status',
      dataIndex: 'active',
      key: 'active',
      render: (value: boolean) =>
        value ? <Badge status="success" text="Active" /> : <Badge status="default" text="Inactive" />,
    },
    {
      title: 'Last sign-in',
      dataIndex: 'lastSignInAt',
      key: 'lastSignInAt',
      render: (value: string | null) => formatDateTime(value),
    },
  ];
}
