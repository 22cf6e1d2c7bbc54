import type zhCN from './zh-CN';

// dashboard: English texts, the same keys as zh-CN.ts.
const enUS: typeof zhCN = {
  menu: {
    dashboard: 'Dashboard',
  },
  dashboard: {
    welcome: 'Welcome, {{name}}',
    title: 'Dashboard',
  },
};

export default enUS;
