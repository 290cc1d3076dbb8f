import type { ReactNode } from 'react';
import { Menu } from 'antd';
import {
  ApiOutlined,
  CarOutlined,
  DashboardOutlined,
  DollarOutlined,
  MailOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { NavItem } from '../navigation';

const ICONS: Record<string, ReactNode> = {
  dashboard: <DashboardOutlined />,
  partners: <TeamOutlined />,
  'service-partners': <ShopOutlined />,
  owners: <UserOutlined />,
  vehicles: <CarOutlined />,
  jobs: <ToolOutlined />,
  pricing: <DollarOutlined />,
  settings: <SettingOutlined />,
  explorer: <ApiOutlined />,
  mailbox: <MailOutlined />,
};

export type SideMenuProps = {
  items: readonly NavItem[];
  selectedKey?: string;
  /** dark in the side bar, light in the phone's drawer */
  theme?: 'dark' | 'light';
  onNavigate: (path: string) => void;
};

/** The app's section menu (already filtered to what the viewer may open). */
export function SideMenu({ items, selectedKey, theme = 'dark', onNavigate }: SideMenuProps) {
  return (
    <Menu
      mode="inline"
      theme={theme}
      aria-label="Sections"
      selectedKeys={selectedKey ? [selectedKey] : []}
      items={items.map((item) => ({ key: item.key, icon: ICONS[item.key], label: item.label }))}
      onClick={({ key }) => {
        const item = items.find((candidate) => candidate.key === key);
        if (item) onNavigate(item.path);
      }}
    />
  );
}
