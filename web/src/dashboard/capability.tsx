import { DashboardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Capability } from '../platform/capability';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

/** The home page: every capability's dashboard cards the user may see, else shortcuts. */
export const dashboard: Capability = {
  name: 'dashboard',
  routes: [{ path: '/dashboard', page: lazy(() => import('./Dashboard')), title: 'menu.dashboard' }],
  menu: [{ path: '/dashboard', label: 'menu.dashboard', icon: <DashboardOutlined />, order: 10 }],
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
};
