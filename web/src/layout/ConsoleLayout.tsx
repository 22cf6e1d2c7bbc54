import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import type { MenuDataItem } from '@ant-design/pro-components';
import { Dropdown, Space, Tag } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { capabilities } from '../capabilities';
import { buildMenu } from '../platform/menu';
import LanguageSwitch from './LanguageSwitch';
import OrgPicker from './OrgPicker';
import GlobalSearch from '../search/GlobalSearch';
import UnreadBell from '../messages/UnreadBell';
import { useViewOrg } from './ViewOrg';
import PageLoading from './PageLoading';
import PageTabs from './PageTabs';

/** The console's frame: a menu holding only what the user's permissions open. */
export default function ConsoleLayout() {
  const { t } = useTranslation();
  const { me, org, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const { setViewOrg } = useViewOrg();

  const menu = buildMenu(capabilities, can, t);

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
        ...(can('search:query') ? [<GlobalSearch key="search" />] : []),
        ...(can('messages:read') ? [<UnreadBell key="messages" />] : []),
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
