import { ImportOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** The CSV import wizard (customers, contacts, monthly revenue) and its history. */
export const imports: Capability = {
  name: 'imports',
  routes: [{ path: '/imports', page: lazy(() => import('./ImportWizard')), permission: 'customers:write', title: 'menu.imports' }],
  menu: [{ path: '/imports', label: 'menu.imports', icon: <ImportOutlined />, order: 30 }],
  messages: bilingual(zhCN, enUS),
};
