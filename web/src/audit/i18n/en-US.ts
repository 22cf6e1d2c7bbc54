import type zhCN from './zh-CN';

// audit: English texts, the same keys as zh-CN.ts.
const enUS: typeof zhCN = {
  menu: {
    audit: 'Audit log',
  },
  audit: {
    title: 'Audit log',
    seq: 'No.',
    at: 'When',
    username: 'User',
    action: 'Action',
    entity: 'Entity',
    entityId: 'Entity id',
    org: 'Org',
    outcome: 'Outcome',
    detail: 'Detail',
    clientAddress: 'Client address',
    requestId: 'Request id',
    from: 'From',
    to: 'To',
    verify: 'Verify the chain',
    intact: 'The chain is intact: {{checked}} entries checked',
    broken: 'The chain breaks at entry {{seq}}: {{reason}}',
    outcomes: { success: 'Success', denied: 'Denied', failure: 'Failure' },
  },
};

export default enUS;
