import { Suspense, useState } from 'react';
import { App as AntApp, Button, Drawer, Flex, Layout, Space, Spin, Typography, theme } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { AppInfoDocument, SignOutDocument, ViewerDocument } from '@partner-hub/graphql-client';
import { useViewer } from '../../modules/auth/hooks/viewer-context';
import { SIGN_IN_PATH } from '../../modules/auth/utils/redirect';
import { RoleTag } from '../../modules/shared/components/RoleTag';
import { usePhoneLayout } from '../../modules/shared/hooks/use-phone-layout';
import { describeError } from '../../modules/shared/utils/errors';
import { navKeyForPath, visibleNavItems } from '../navigation';
import { AccountMenu } from './AccountMenu';
import { CutPartnershipsAlert } from './CutPartnershipsAlert';
import { SideMenu } from './SideMenu';

/**
 * The signed-in frame: side menu, header with organization and identity, and the current page. On a
 * phone the side menu becomes a drawer behind a menu button and the identity an account menu, so the
 * header stays one slim bar above the page.
 */
export function AppShell() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useApolloClient();
  const { notification } = AntApp.useApp();
  const { token } = theme.useToken();
  const phone = usePhoneLayout();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { data: appInfoData } = useQuery(AppInfoDocument, { fetchPolicy: 'cache-first' });
  const [signOut, { loading: signingOut }] = useMutation(SignOutDocument);

  const items = visibleNavItems({
    permissions: viewer.permissions,
    mailOutboxEnabled: appInfoData?.appInfo.mailOutboxEnabled ?? false,
  });

  const handleSignOut = async () => {
    try {
      await signOut();
    } catch (error) {
      notification.error({ title: 'Signing out failed', description: describeError(error) });
      return;
    }
    // Nothing of the previous identity may stay in memory for the next one.
    await client.clearStore();
    client.writeQuery({ query: ViewerDocument, data: { viewer: null } });
    void navigate(SIGN_IN_PATH, { replace: true });
  };

  const identityName = viewer.user?.name ?? viewer.apiKey?.name ?? 'Unknown identity';
  const identityDetail = viewer.user?.email ?? (viewer.apiKey ? `API key ${viewer.apiKey.prefix}…` : '');

  const menu = (menuTheme: 'dark' | 'light', onNavigated?: () => void) => (
    <nav aria-label="Main">
      <SideMenu
        items={items}
        theme={menuTheme}
        selectedKey={navKeyForPath(location.pathname)}
        onNavigate={(path) => {
          onNavigated?.();
          void navigate(path);
        }}
      />
    </nav>
  );
  const organizationName = (
    <Typography.Text strong ellipsis data-testid="organization-name" style={{ minWidth: 0 }}>
      {viewer.organization.name}
    </Typography.Text>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <Drawer
          title="Menu"
          placement="left"
          size={260}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          styles={{ body: { padding: 0 } }}
        >
          {menu('light', () => setDrawerOpen(false))}
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={220}>
          <Flex align="center" gap={8} style={{ height: 64, padding: '0 20px', color: '#fff' }}>
            <img src="/favicon.svg" alt="" width={24} height={24} />
            {collapsed ? null : <strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>Partner Hub</strong>}
          </Flex>
          {menu('dark')}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: phone ? '0 8px' : '0 24px',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {phone ? (
            <Flex align="center" style={{ height: '100%' }} gap={8}>
              <Button
                type="text"
                aria-label="Open menu"
                icon={<MenuOutlined />}
                onClick={() => setDrawerOpen(true)}
              />
              <img src="/favicon.svg" alt="" width={20} height={20} />
              <Flex flex={1} style={{ minWidth: 0 }}>
                {organizationName}
              </Flex>
              <AccountMenu
                name={identityName}
                detail={identityDetail}
                organizationName={viewer.organization.name}
                role={viewer.role}
                signingOut={signingOut}
                onSignOut={() => void handleSignOut()}
              />
            </Flex>
          ) : (
            <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={16}>
              {organizationName}
              <Space size="middle">
                <Flex vertical style={{ lineHeight: 1.3, textAlign: 'right', whiteSpace: 'nowrap' }}>
                  <Typography.Text data-testid="viewer-name">{identityName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {identityDetail}
                  </Typography.Text>
                </Flex>
                <RoleTag role={viewer.role} />
                <Button icon={<LogoutOutlined />} onClick={() => void handleSignOut()} loading={signingOut}>
                  Sign out
                </Button>
              </Space>
            </Flex>
          )}
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24 }}>
          <main>
            <CutPartnershipsAlert cutPartnerships={viewer.cutPartnerships} />
            <Suspense
              fallback={
                <Flex justify="center" style={{ padding: 48 }}>
                  <Spin size="large" description="Loading…" />
                </Flex>
              }
            >
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
