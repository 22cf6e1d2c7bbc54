import { CloudSyncOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { SYSTEM_GROUP } from '../layout/capability';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** This node's sync links: state, backlog, pause, resume, full resend. */
export const sync: Capability = {
  name: 'sync',
  routes: [{ path: '/system/sync', page: lazy(() => import('./SyncLinks')), permission: 'sync:read', title: 'menu.sync' }],
  menu: [{ path: '/system/sync', label: 'menu.sync', icon: <CloudSyncOutlined />, group: SYSTEM_GROUP, order: 40 }],
  messages: bilingual(zhCN, enUS),
};
