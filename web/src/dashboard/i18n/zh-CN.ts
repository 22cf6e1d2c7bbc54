// dashboard: 简体中文 texts (the same keys in en-US.ts).
const zhCN = {
  menu: {
    dashboard: '工作台',
  },
  dashboard: {
    welcome: '欢迎，{{name}}',
    title: '工作台',
  },
};

export default zhCN;
