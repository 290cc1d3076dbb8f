import { Button, Dropdown, Flex, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import type { UserRole } from '@partner-hub/domain';
import { RoleTag } from '../../modules/shared/components/RoleTag';

export type AccountMenuProps = {
  name: string;
  /** the e-mail, or the API key's prefix */
  detail: string;
  organizationName: string;
  role: UserRole;
  signingOut: boolean;
  onSignOut: () => void;
};

/** The phone header's account button: who is signed in, for which organization, and "Sign out". */
export function AccountMenu({
  name,
  detail,
  organizationName,
  role,
  signingOut,
  onSignOut,
}: AccountMenuProps) {
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          {
            key: 'identity',
            disabled: true,
            style: { cursor: 'default', maxWidth: 280 },
            label: (
              <Flex vertical gap={2}>
                <Typography.Text strong ellipsis>
                  {name}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis>
                  {detail}
                </Typography.Text>
                <Typography.Text ellipsis>{organizationName}</Typography.Text>
                <span>
                  <RoleTag role={role} />
                </span>
              </Flex>
            ),
          },
          { type: 'divider' },
          { key: 'sign-out', icon: <LogoutOutlined />, label: 'Sign out', disabled: signingOut },
        ],
        onClick: ({ key }) => {
          if (key === 'sign-out') onSignOut();
        },
      }}
    >
      <Button type="text" aria-label="Account" icon={<UserOutlined />} loading={signingOut} />
    </Dropdown>
  );
}
