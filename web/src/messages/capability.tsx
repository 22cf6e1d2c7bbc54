import { MailOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** The notification centre (站内信): the caller's inbox and sent messages; the header's bell. */
export const messages: Capability = {
  name: 'messages',
  routes: [{ path: '/messages', page: lazy(() => import('./MessageCenter')), permission: 'messages:read', title: 'menu.messages' }],
  menu: [{ path: '/messages', label: 'menu.messages', icon: <MailOutlined />, order: 15 }],
  messages: bilingual(zhCN, enUS),
  dashboardCards: [{ key: 'todo-messages', card: lazy(() => import('./UnreadCard')), permission: 'messages:read', order: 10, todo: true }],
};
