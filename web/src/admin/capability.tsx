import { SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { SYSTEM_GROUP } from '../layout/capability';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** Users and roles. */
export const admin: Capability = {
  name: 'admin',
  routes: [
    { path: '/system/users', page: lazy(() => import('./Users')), permission: 'users:read', title: 'menu.users' },
    { path: '/system/roles', page: lazy(() => import('./Roles')), permission: 'users:read', title: 'menu.roles' },
  ],
  menu: [
    { path: '/system/users', label: 'menu.users', icon: <UserOutlined />, group: SYSTEM_GROUP, order: 10 },
    { path: '/system/roles', label: 'menu.roles', icon: <SafetyOutlined />, group: SYSTEM_GROUP, order: 20 },
  ],
  messages: bilingual(zhCN, enUS),
};
