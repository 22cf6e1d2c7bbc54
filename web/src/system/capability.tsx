import { MonitorOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { SYSTEM_GROUP } from '../layout/capability';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** The system monitor: this node, the nodes below it as reported, recent problems. */
export const system: Capability = {
  name: 'system',
  routes: [{ path: '/system/monitor', page: lazy(() => import('./SystemMonitor')), permission: 'system:monitor', title: 'menu.monitor' }],
  menu: [{ path: '/system/monitor', label: 'menu.monitor', icon: <MonitorOutlined />, group: SYSTEM_GROUP, order: 50 }],
  messages: bilingual(zhCN, enUS),
};
