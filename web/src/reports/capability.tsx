import { BarChartOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** Reports (报表): every dataset the node's modules declare, as a table and as a file. */
export const reports: Capability = {
  name: 'reports',
  routes: [{ path: '/reports', page: lazy(() => import('./Reports')), permission: 'reports:read', title: 'menu.reports' }],
  menu: [{ path: '/reports', label: 'menu.reports', icon: <BarChartOutlined />, order: 35 }],
  messages: bilingual(zhCN, enUS),
};
