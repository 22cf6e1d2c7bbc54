// audit: 简体中文 texts (the same keys in en-US.ts).
const zhCN = {
  menu: {
    audit: '操作日志',
  },
  audit: {
    title: '操作日志',
    seq: '序号',
    at: '时间',
    username: '用户',
    action: '操作',
    entity: '对象',
    entityId: '对象ID',
    org: '机构',
    outcome: '结果',
    detail: '详情',
    clientAddress: '客户端地址',
    requestId: '请求ID',
    from: '起始时间',
    to: '截止时间',
    verify: '校验日志链',
    intact: '日志链完整：已校验 {{checked}} 条',
    broken: '日志链在第 {{seq}} 条处断开：{{reason}}',
    outcomes: { success: '成功', denied: '拒绝', failure: '失败' },
  },
};

export default zhCN;
