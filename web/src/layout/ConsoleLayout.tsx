import {
  CloudSyncOutlined,
  MonitorOutlined,
  ContactsOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  ImportOutlined,
  LogoutOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import type { MenuDataItem } from '@ant-design/pro-components';
import { Dropdown, Space, Tag } from 'antd';
import { Suspense } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import LanguageSwitch from './LanguageSwitch';
import OrgPicker from './OrgPicker';
import { useViewOrg } from './ViewOrg';
import PageLoading from './PageLoading';
import PageTabs from './PageTabs';

interface MenuEntry {
  path: string;
  name: string;
  icon: ReactNode;
  permission?: string;
  routes?: MenuEntry[];
}

/** The console's frame: a menu holding only what the user's permissions open. */
export default function ConsoleLayout() {
  const { t } = useTranslation();
  const { me, org, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { setViewOrg } = useViewOrg();

  const entries: MenuEntry[] = [
    { path: '/dashboard', name: t('menu.dashboard'), icon: <DashboardOutlined /> },
    {
      path: '/customer-management',
      name: t('menu.customers'),
      icon: <TeamOutlined />,
      routes: [
        { path: '/customers', name: t('menu.customerList'), icon: <TeamOutlined />, permission: 'customers:read' },
        { path: '/contacts', name: t('menu.contacts'), icon: <ContactsOutlined />, permission: 'customers:read' },
        { path: '/visits', name: t('menu.visits'), icon: <ScheduleOutlined />, permission: 'customers:read' },
      ],
    },
    { path: '/imports', name: t('menu.imports'), icon: <ImportOutlined />, permission: 'customers:write' },
    {
      path: '/system',
      name: t('menu.system'),
      icon: <SettingOutlined />,
      routes: [
        { path: '/system/users', name: t('menu.users'), icon: <UserOutlined />, permission: 'users:read' },
        { path: '/system/roles', name: t('menu.roles'), icon: <SafetyOutlined />, permission: 'users:read' },
        { path: '/system/audit', name: t('menu.audit'), icon: <FileSearchOutlined />, permission: 'audit:read' },
        { path: '/system/sync', name: t('menu.sync'), icon: <CloudSyncOutlined />, permission: 'sync:read' },
        { path: '/system/monitor', name: t('menu.monitor'), icon: <MonitorOutlined />, permission: 'system:monitor' },
      ],
    },
  ];
  // Only what the user's permissions open; a group left empty disappears.
  const allowed = (list: MenuEntry[]): MenuEntry[] =>
    list
      .filter((entry) => !entry.permission || can(entry.permission))
      .map((entry) => (entry.routes ? { ...entry, routes: allowed(entry.routes) } : entry))
      .filter((entry) => !entry.routes || entry.routes.length > 0);
  const menu = allowed(entries);

  return (
    <ProLayout
      title={t('app.shortTitle')}
      logo={false}
      layout="mix"
      fixSiderbar
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menu as MenuDataItem[] }}
      menuItemRender={(item, dom) => <Link to={item.path ?? '/'}>{dom}</Link>}
      breadcrumbRender={(routes) => [{ path: '/', title: t('app.title') }, ...(routes ?? [])]}
      actionsRender={() => [
        <Space key="org" data-testid="current-org">
          <span>{t('header.org')}:</span>
          <span>{org?.name ?? me?.org}</span>
          {org && <Tag color="blue">{t(`level.${org.level}`)}</Tag>}
        </Space>,
        <OrgPicker key="narrow" />,
        <LanguageSwitch key="language" />,
      ]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: me?.displayName || me?.username,
        render: (_props, dom) => (
          <Dropdown
            menu={{
              items: [
                { key: 'profile', icon: <UserOutlined />, label: t('header.profile') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') },
              ],
              onClick: async ({ key }) => {
                if (key === 'profile') navigate('/profile');
                if (key === 'logout') {
                  setViewOrg(undefined); // the next user of this tab starts from their own org
                  await logout();
                  navigate('/login');
                }
              },
            }}
          >
            <span data-testid="user-menu">{dom}</span>
          </Dropdown>
        ),
      }}
    >
      <PageTabs />
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </ProLayout>
  );
}
