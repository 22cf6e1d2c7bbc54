import { ContactsOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

const GROUP = '/customer-management';

/** Customer profiles: the list and form, the 360° page, contacts, visits, the dashboard's figures. */
export const customers: Capability = {
  name: 'customers',
  routes: [
    { path: '/customers', page: lazy(() => import('./CustomerList')), permission: 'customers:read', title: 'menu.customerList' },
    { path: '/customers/:id', page: lazy(() => import('./Customer360')), permission: 'customers:read', title: 'overview.title' },
    { path: '/contacts', page: lazy(() => import('./ContactDirectory')), permission: 'customers:read', title: 'menu.contacts' },
    { path: '/visits', page: lazy(() => import('./VisitLog')), permission: 'customers:read', title: 'menu.visits' },
  ],
  menuGroups: [{ path: GROUP, label: 'menu.customers', icon: <TeamOutlined />, order: 20 }],
  menu: [
    { path: '/customers', label: 'menu.customerList', icon: <TeamOutlined />, group: GROUP, order: 10 },
    { path: '/contacts', label: 'menu.contacts', icon: <ContactsOutlined />, group: GROUP, order: 20 },
    { path: '/visits', label: 'menu.visits', icon: <ScheduleOutlined />, group: GROUP, order: 30 },
  ],
  messages: bilingual(zhCN, enUS),
  dashboardCards: [{ key: 'customer-figures', card: lazy(() => import('./CustomerFigures')), permission: 'customers:read', order: 10 }],
};
