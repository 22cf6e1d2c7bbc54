import { CalendarOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { SYSTEM_GROUP } from '../layout/capability';
import type { Capability } from '../platform/capability';
import { bilingual } from '../platform/messages';
import enUS from './i18n/en-US.json';
import zhCN from './i18n/zh-CN.json';

/** Working calendars (工作日历): holidays, make-up working days and hours of each level. */
export const calendars: Capability = {
  name: 'calendars',
  routes: [{ path: '/system/calendar', page: lazy(() => import('./WorkCalendar')), permission: 'calendars:read', title: 'menu.calendar' }],
  // In the menu of those who keep calendars; anyone may open it (time limits are counted in it).
  menu: [{ path: '/system/calendar', label: 'menu.calendar', icon: <CalendarOutlined />, group: SYSTEM_GROUP, order: 50, permission: 'calendars:admin' }],
  messages: bilingual(zhCN, enUS),
};
