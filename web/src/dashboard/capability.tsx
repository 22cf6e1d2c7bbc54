import { DashboardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** The home page: every capability's dashboard cards the user may see, else shortcuts. */
export const dashboard: Capability = {
  name: 'dashboard',
  routes: [{ path: '/dashboard', page: lazy(() => import('./Dashboard')), title: 'menu.dashboard' }],
  menu: [{ path: '/dashboard', label: 'menu.dashboard', icon: <DashboardOutlined />, order: 10 }],
  messages: bilingual(zhCN, enUS),
};
