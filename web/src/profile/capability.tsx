import { lazy } from 'react';
import type { Capability } from '../platform/capability';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

/** My profile (password change); opened from the user menu, not the side menu. */
export const profile: Capability = {
  name: 'profile',
  routes: [{ path: '/profile', page: lazy(() => import('./Profile')), title: 'menu.profile' }],
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
};
