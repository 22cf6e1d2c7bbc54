import { lazy } from 'react';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** My profile (password change); opened from the user menu, not the side menu. */
export const profile: Capability = {
  name: 'profile',
  routes: [{ path: '/profile', page: lazy(() => import('./Profile')), title: 'menu.profile' }],
  messages: bilingual(zhCN, enUS),
};
