import type zhCN from './zh-CN';

// system: English texts, the same keys as zh-CN.ts.
const enUS: typeof zhCN = {
  menu: {
    monitor: 'System monitor',
  },
  monitor: {
    title: 'System monitor',
    thisNode: 'This node',
    node: 'Node',
    level: 'Level',
    version: 'Version',
    protocol: 'sync protocol v{{value}}',
    processRole: 'Process role',
    roles: { single: 'single process', leader: 'sync leader', follower: 'standby' },
    startedAt: 'Started',
    uptime: 'Uptime',
    hours: '{{value}} h',
    storage: 'Database',
    pool: 'Connection pool',
    poolUse: '{{inUse}} of {{size}} in use, {{waits}} waits',
    disk: 'Disk',
    diskFree: '{{free}} free of {{total}}',
    diskFreeShort: 'Disk free',
    requests: 'Requests',
    requestRate: '{{total}} in all, {{rate}}/s, {{errors}} server errors',
    latency: 'Latency',
    links: 'Sync links',
    adapters: 'Adapters',
    noAdapters: 'none configured',
    hierarchy: 'Nodes below (and this one)',
    state: 'State',
    reporting: 'reporting',
    silent: 'silent',
    syncProblem: 'sync problem',
    problems: 'Warnings',
    reportedAt: 'Last report',
    recentProblems: 'Recent warnings and errors',
    noProblems: 'none',
    at: 'At',
    source: 'Source',
    text: 'Text',
  },
};

export default enUS;
