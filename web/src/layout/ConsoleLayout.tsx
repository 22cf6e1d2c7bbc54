import { DashboardOutlined, LogoutOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import type { MenuDataItem } from '@ant-design/pro-components';
import { Dropdown, Space, Tag } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import LanguageSwitch from './LanguageSwitch';
import PageLoading from './PageLoading';

interface MenuEntry extends MenuDataItem {
  permission?: string;
}

/** The console's frame: a menu holding only what the user's permissions open. */
export default function ConsoleLayout() {
  const { t } = useTranslation();
  const { me, org, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();

  const entries: MenuEntry[] = [
    { path: '/dashboard', name: t('menu.dashboard'), icon: <DashboardOutlined /> },
    {
      path: '/customers',
      name: t('menu.customers'),
      icon: <TeamOutlined />,
      permission: 'customers:read',
    },
  ];
  const menu = entries.filter((entry) => !entry.permission || can(entry.permission));

  return (
    <ProLayout
      title={t('app.shortTitle')}
      logo={false}
      layout="mix"
      fixSiderbar
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menu }}
      menuItemRender={(item, dom) => <Link to={item.path ?? '/'}>{dom}</Link>}
      breadcrumbRender={(routes) => [{ path: '/', title: t('app.title') }, ...(routes ?? [])]}
      actionsRender={() => [
        <Space key="org" data-testid="current-org">
          <span>{t('header.org')}:</span>
          <span>{org?.name ?? me?.org}</span>
          {org && <Tag color="blue">{t(`level.${org.level}`)}</Tag>}
        </Space>,
        <LanguageSwitch key="language" />,
      ]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: me?.displayName || me?.username,
        render: (_props, dom) => (
          <Dropdown
            menu={{
              items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('header.logout') }],
              onClick: async ({ key }) => {
                if (key === 'logout') {
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
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </ProLayout>
  );
}
