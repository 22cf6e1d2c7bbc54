import { PageContainer, ProCard, ProDescriptions, ProTable } from '@ant-design/pro-components';
import { Alert, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { formatDateTime, formatNumber } from '../i18n';
import { describeError } from '../i18n/errors';
import { StateTag } from '../platform/ListPage';

interface NodeStatus {
  node: { id: string; level: string; org: string; processRole: string };
  version: string;
  protocolVersion: number;
  startedAt: string;
  uptimeSeconds: number;
  storage: { backend: string; bytes: number; pool: { size: number; open: number; inUse: number; waits: number } };
  disk: { path: string; freeBytes: number; totalBytes: number };
  http: { requests: number; requestsPerSecond: number; serverErrors: number; p50Ms: number; p99Ms: number };
  sync: { links: { peer: string; role: string; org: string; connected: boolean; pending: number; lastError: string }[]; problem: string };
  adapters: unknown[];
  recentProblems: { at: string; level: string; source: string; text: string }[];
}

interface ReportedNode {
  id: string;
  level: string;
  org: string;
  version: string;
  processRole: string;
  reportedAt: string;
  reporting: boolean;
  storageBackend: string;
  storageBytes: number;
  diskFreeBytes: number;
  requests: number;
  p99Ms: number;
  problemsLogged: number;
  links: number;
  linksConnected: number;
  syncPending: number;
  syncProblem: string;
}

/** Bytes in the largest unit that keeps the number above one (1.5 GiB). */
export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, language, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** 系统监控: this node's live status and every node of the caller's part of the hierarchy. */
export default function SystemMonitor() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<NodeStatus>();
  const [error, setError] = useState<string>();
  const bytes = (value: number) => formatBytes(value, i18n.language);

  useEffect(() => {
    let live = true;
    const load = () =>
      api<NodeStatus>('GET', '/api/v1/system/status')
        .then((answer) => {
          if (live) {
            setStatus(answer);
            setError(undefined);
          }
        })
        .catch((failure) => live && setError(describeError(failure)));
    load();
    const timer = window.setInterval(load, 10000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);

  return (
    <PageContainer title={t('monitor.title')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <ProCard title={t('monitor.thisNode')} bordered loading={!status && !error} style={{ marginBottom: 16 }}>
        {status && (
          <ProDescriptions column={{ xs: 1, md: 2, xl: 3 }} dataSource={status}>
            <ProDescriptions.Item label={t('monitor.node')}>
              {status.node.id} ({t(`level.${status.node.level}`)} {status.node.org})
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.version')}>
              {status.version} · {t('monitor.protocol', { value: status.protocolVersion })}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.processRole')}>{t(`monitor.roles.${status.node.processRole}`)}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.startedAt')}>{formatDateTime(status.startedAt)}</ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.uptime')}>
              {t('monitor.hours', { value: formatNumber(status.uptimeSeconds / 3600, i18n.language, 1) })}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.storage')}>
              {status.storage.backend} · {bytes(status.storage.bytes)}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.pool')}>
              {t('monitor.poolUse', { inUse: status.storage.pool.inUse, size: status.storage.pool.size, waits: status.storage.pool.waits })}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.disk')}>
              {t('monitor.diskFree', { free: bytes(status.disk.freeBytes), total: bytes(status.disk.totalBytes) })}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.requests')}>
              {t('monitor.requestRate', {
                total: formatNumber(status.http.requests, i18n.language),
                rate: formatNumber(status.http.requestsPerSecond, i18n.language, 1),
                errors: status.http.serverErrors,
              })}
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.latency')}>
              p50 ≤ {status.http.p50Ms} ms · p99 ≤ {status.http.p99Ms} ms
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.links')}>
              <Space wrap>
                {status.sync.links.map((link) => (
                  <Tag key={link.peer} color={link.connected ? 'green' : 'red'} title={link.lastError}>
                    {link.peer} · {link.connected ? t('sync.online') : t('sync.offline')} · {link.pending}
                  </Tag>
                ))}
                {status.sync.links.length === 0 && '-'}
              </Space>
            </ProDescriptions.Item>
            <ProDescriptions.Item label={t('monitor.adapters')}>
              {status.adapters.length === 0 ? t('monitor.noAdapters') : status.adapters.length}
            </ProDescriptions.Item>
          </ProDescriptions>
        )}
        {status?.sync.problem && <Alert type="warning" showIcon message={status.sync.problem} style={{ marginTop: 12 }} />}
      </ProCard>

      <ProTable<ReportedNode>
        headerTitle={t('monitor.hierarchy')}
        rowKey="id"
        search={false}
        pagination={false}
        options={{ reload: true, density: false, setting: false }}
        polling={15000}
        request={async () => ({ data: (await api<{ items: ReportedNode[] }>('GET', '/api/v1/system/nodes')).items, success: true })}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('monitor.node'), dataIndex: 'id', fixed: 'left' },
          { title: t('monitor.level'), dataIndex: 'level', render: (_, node) => t(`level.${node.level}`) },
          { title: t('sync.org'), dataIndex: 'org' },
          {
            title: t('monitor.state'),
            dataIndex: 'reporting',
            render: (_, node) => (
              <StateTag
                ok={node.reporting}
                fine={t('monitor.reporting')}
                failing={t('monitor.silent')}
                warning={node.syncProblem && t('monitor.syncProblem')}
                warningTitle={node.syncProblem}
              />
            ),
          },
          { title: t('monitor.version'), dataIndex: 'version' },
          { title: t('monitor.links'), dataIndex: 'links', render: (_, node) => `${node.linksConnected}/${node.links}` },
          { title: t('sync.pending'), dataIndex: 'syncPending', align: 'right' },
          { title: t('monitor.storage'), dataIndex: 'storageBytes', align: 'right', render: (_, node) => bytes(node.storageBytes) },
          { title: t('monitor.diskFreeShort'), dataIndex: 'diskFreeBytes', align: 'right', render: (_, node) => bytes(node.diskFreeBytes) },
          { title: t('monitor.requests'), dataIndex: 'requests', align: 'right', render: (_, node) => formatNumber(node.requests, i18n.language) },
          { title: 'p99', dataIndex: 'p99Ms', align: 'right', render: (_, node) => `${node.p99Ms} ms` },
          { title: t('monitor.problems'), dataIndex: 'problemsLogged', align: 'right' },
          { title: t('monitor.reportedAt'), dataIndex: 'reportedAt', render: (_, node) => formatDateTime(node.reportedAt) },
        ]}
      />

      <ProCard title={t('monitor.recentProblems')} bordered style={{ marginTop: 16 }}>
        <Table
          rowKey={(row) => `${row.at}-${row.text}`}
          size="small"
          pagination={{ pageSize: 10 }}
          dataSource={status?.recentProblems ?? []}
          locale={{ emptyText: t('monitor.noProblems') }}
          columns={[
            { title: t('monitor.at'), dataIndex: 'at', width: 200, render: (at: string) => formatDateTime(at) },
            { title: t('monitor.level'), dataIndex: 'level', width: 100, render: (level: string) => <Tag color={level === 'warning' ? 'orange' : 'red'}>{level}</Tag> },
            { title: t('monitor.source'), dataIndex: 'source', width: 140 },
            { title: t('monitor.text'), dataIndex: 'text' },
          ]}
        />
      </ProCard>
    </PageContainer>
  );
}
