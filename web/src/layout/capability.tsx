import { SettingOutlined } from '@ant-design/icons';
import type { Capability } from '../platform/capability';

/** The menu folder that administration pages of any capability join. */
export const SYSTEM_GROUP = '/system';

/** The console's frame: the groups of the menu that belong to no one capability. */
export const frame: Capability = {
  name: 'frame',
  routes: [],
  menuGroups: [{ path: SYSTEM_GROUP, label: 'menu.system', icon: <SettingOutlined />, order: 40 }],
  messages: { 'zh-CN': {}, 'en-US': {} },
};
