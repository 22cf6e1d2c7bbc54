import { FileSearchOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { SYSTEM_GROUP } from '../layout/capability';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** The audit log and its hash-chain check. */
export const audit: Capability = {
  name: 'audit',
  routes: [{ path: '/system/audit', page: lazy(() => import('./AuditLog')), permission: 'audit:read', title: 'menu.audit' }],
  menu: [{ path: '/system/audit', label: 'menu.audit', icon: <FileSearchOutlined />, group: SYSTEM_GROUP, order: 30 }],
  messages: bilingual(zhCN, enUS),
};
