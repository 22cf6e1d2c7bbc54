import type zhCN from './zh-CN';

// sync: English texts, the same keys as zh-CN.ts.
const enUS: typeof zhCN = {
  menu: {
    sync: 'Sync status',
  },
  sync: {
    seconds: '{{value}} s',
    title: 'Sync status',
    peer: 'Peer node',
    role: 'Direction',
    roles: { parent: 'Parent', child: 'Child' },
    org: 'Org',
    connected: 'Connection',
    online: 'Online',
    offline: 'Offline',
    paused: 'Paused',
    pending: 'Unacknowledged changes',
    oldestPending: 'Oldest unacknowledged',
    lag: 'Lag',
    lastHeard: 'Last heard',
    conflicts: 'Conflicts',
    quarantined: 'Quarantined',
    pause: 'Pause',
    resume: 'Resume',
    resync: 'Full resend',
    resyncConfirm: 'Ask the peer to send all its rows again?',
    requested: 'Requested',
    none: 'This node has no sync links',
  },
};

export default enUS;
