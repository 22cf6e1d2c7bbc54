import { SafetyCertificateOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { ProColumns } from '@ant-design/pro-components';
import { Alert, Button, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { pickFilters, tablePage } from '../api/tablePage';
import { formatDateTime } from '../i18n';
import { describeError } from '../i18n/errors';

interface Entry {
  seq: number;
  at: string;
  username: string;
  actorOrg: string;
  clientAddress: string;
  requestId: string;
  action: string;
  entity: string;
  entityId: string;
  org: string;
  outcome: string;
  detail: string;
}

interface Verdict {
  intact: boolean;
  checked: number;
  firstBrokenSeq?: number;
  reason?: string;
}

const OUTCOME_COLOURS: Record<string, string> = { success: 'green', denied: 'orange', failure: 'red' };

/** The operation log (操作日志) in the caller's scope, filterable, with the hash-chain check. */
export default function AuditLog() {
  const { t } = useTranslation();
  const [verdict, setVerdict] = useState<Verdict>();
  const [verifying, setVerifying] = useState(false);

  const columns: ProColumns<Entry>[] = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80, search: false },
    { title: t('audit.at'), dataIndex: 'at', width: 150, search: false, render: (_, row) => formatDateTime(row.at) },
    { title: t('audit.from'), dataIndex: 'from', valueType: 'dateTime', hideInTable: true },
    { title: t('audit.to'), dataIndex: 'to', valueType: 'dateTime', hideInTable: true },
    { title: t('audit.username'), dataIndex: 'username', width: 120 },
    { title: t('audit.action'), dataIndex: 'action', width: 170 },
    { title: t('audit.entity'), dataIndex: 'entity', width: 110 },
    { title: t('audit.entityId'), dataIndex: 'entityId', width: 150, ellipsis: true },
    { title: t('audit.org'), dataIndex: 'org', width: 90, search: false },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 90,
      valueType: 'select',
      valueEnum: { success: { text: t('audit.outcomes.success') }, denied: { text: t('audit.outcomes.denied') }, failure: { text: t('audit.outcomes.failure') } },
      render: (_, row) => <Tag color={OUTCOME_COLOURS[row.outcome]}>{t(`audit.outcomes.${row.outcome}`, row.outcome)}</Tag>,
    },
    { title: t('audit.detail'), dataIndex: 'detail', ellipsis: true, search: false },
    { title: t('audit.clientAddress'), dataIndex: 'clientAddress', width: 120, search: false },
    { title: t('audit.requestId'), dataIndex: 'requestId', width: 140, copyable: true },
  ];

  const verify = async () => {
    setVerifying(true);
    try {
      setVerdict(await api<Verdict>('GET', '/api/v1/audit/verify'));
    } catch (error) {
      setVerdict({ intact: false, checked: 0, reason: describeError(error) });
    } finally {
      setVerifying(false);
    }
  };

  return (
    <PageContainer title={t('audit.title')}>
      {verdict && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          data-testid="audit-verdict"
          type={verdict.intact ? 'success' : 'error'}
          message={
            verdict.intact
              ? t('audit.intact', { checked: verdict.checked })
              : t('audit.broken', { seq: verdict.firstBrokenSeq ?? '-', reason: verdict.reason ?? '' })
          }
        />
      )}
      <ProTable<Entry>
        rowKey="seq"
        columns={columns}
        scroll={{ x: 1600 }}
        pagination={{ defaultPageSize: 50 }}
        request={async (params) => {
          const query = pickFilters(params, ['username', 'action', 'entity', 'entityId', 'outcome', 'requestId']);
          for (const name of ['from', 'to'] as const) {
            const value = (params as Record<string, unknown>)[name];
            if (value) query[name] = new Date(String(value)).toISOString();
          }
          return tablePage<Entry>('/api/v1/audit', query, params, 50);
        }}
        toolBarRender={() => [
          <Button key="verify" icon={<SafetyCertificateOutlined />} loading={verifying} onClick={verify} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>,
        ]}
      />
    </PageContainer>
  );
}
