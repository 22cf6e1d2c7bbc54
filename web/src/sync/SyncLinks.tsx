import type { ProCoreActionType } from '@ant-design/pro-components';
import { App, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { formatDateTime, formatNumber } from '../i18n';
import { describeError } from '../i18n/errors';
import { ListPage, StateTag } from '../platform/ListPage';

interface Link {
  peer: string;
  role: 'parent' | 'child';
  org: string;
  connected: boolean;
  paused: boolean;
  pending: number;
  oldestPendingAt: string | null;
  lastHeardAt: string | null;
  conflicts: number;
  quarantined: number;
  lastError?: string;
}

/** Seconds since an instant, for the lag column; empty when nothing is pending. */
export function ageSeconds(iso: string | null, now = Date.now()): number | undefined {
  return iso ? Math.max(0, (now - Date.parse(iso)) / 1000) : undefined;
}

/** This node's sync links: connection, what waits for acknowledgement and how long. */
export default function SyncLinks() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const admin = can('sync:admin');

  const act = async (list: ProCoreActionType | undefined, peer: string, action: 'pause' | 'resume' | 'resync') => {
    try {
      await api('POST', `/api/v1/sync/links/${encodeURIComponent(peer)}/${action}`);
      message.success(t('sync.requested'));
      list?.reload();
    } catch (error) {
      message.error(describeError(error));
    }
  };

  return (
    <ListPage<Link>
      title={t('sync.title')}
      rowKey="peer"
      locale={{ emptyText: t('sync.none') }}
      polling={5000}
      loadAll={async () => (await api<{ items: Link[] }>('GET', '/api/v1/sync/links')).items}
      columns={[
        { title: t('sync.peer'), dataIndex: 'peer' },
        { title: t('sync.role'), dataIndex: 'role', render: (_, link) => t(`sync.roles.${link.role}`) },
        { title: t('sync.org'), dataIndex: 'org' },
        {
          title: t('sync.connected'),
          dataIndex: 'connected',
          render: (_, link) => (
            <StateTag ok={link.connected} fine={t('sync.online')} failing={t('sync.offline')} warning={link.paused && t('sync.paused')} />
          ),
        },
        { title: t('sync.pending'), dataIndex: 'pending', align: 'right', render: (_, link) => formatNumber(link.pending, i18n.language) },
        {
          title: t('sync.lag'),
          dataIndex: 'oldestPendingAt',
          align: 'right',
          render: (_, link) => {
            const age = ageSeconds(link.oldestPendingAt);
            return age === undefined ? '-' : t('sync.seconds', { value: formatNumber(age, i18n.language, 1) });
          },
        },
        { title: t('sync.lastHeard'), dataIndex: 'lastHeardAt', render: (_, link) => formatDateTime(link.lastHeardAt) },
        { title: t('sync.conflicts'), dataIndex: 'conflicts', align: 'right' },
        { title: t('sync.quarantined'), dataIndex: 'quarantined', align: 'right' },
        {
          title: t('common.actions'),
          valueType: 'option',
          render: (_, link, _index, list) =>
            admin
              ? [
                  link.paused ? (
                    <a key="resume" onClick={() => act(list, link.peer, 'resume')}>
                      {t('sync.resume')}
                    </a>
                  ) : (
                    <a key="pause" onClick={() => act(list, link.peer, 'pause')}>
                      {t('sync.pause')}
                    </a>
                  ),
                  <Popconfirm key="resync" title={t('sync.resyncConfirm')} onConfirm={() => act(list, link.peer, 'resync')}>
                    <a>{t('sync.resync')}</a>
                  </Popconfirm>,
                ]
              : [],
        },
      ]}
    />
  );
}
