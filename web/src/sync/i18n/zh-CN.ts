// sync: 简体中文 texts (the same keys in en-US.ts).
const zhCN = {
  menu: {
    sync: '同步状态',
  },
  sync: {
    seconds: '{{value}} 秒',
    title: '同步状态',
    peer: '对端节点',
    role: '方向',
    roles: { parent: '上级', child: '下级' },
    org: '机构',
    connected: '连接',
    online: '在线',
    offline: '离线',
    paused: '已暂停',
    pending: '待确认变更',
    oldestPending: '最早待确认',
    lag: '延迟',
    lastHeard: '最近通信',
    conflicts: '冲突',
    quarantined: '隔离',
    pause: '暂停',
    resume: '恢复',
    resync: '全量重传',
    resyncConfirm: '请对端重新发送其全部数据？',
    requested: '已提交',
    none: '本节点没有同步链路',
  },
};

export default zhCN;
