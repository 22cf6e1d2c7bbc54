import type { ProColumns } from '@ant-design/pro-components';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { pickFilters, tablePage } from '../api/tablePage';
import type { Visit } from '../api/types';
import { ListPage } from '../platform/ListPage';

type Row = Visit & { customerName: string };

/** The visits log (走访记录) across every customer in view, newest first. */
export default function VisitLog() {
  const { t } = useTranslation();
  const types = ['visit', 'call', 'meeting'];
  const columns: ProColumns<Row>[] = [
    { title: t('overview.visitDate'), dataIndex: 'dateRange', valueType: 'dateRange', hideInTable: true },
    { title: t('overview.visitDate'), dataIndex: 'date', width: 120, search: false },
    {
      title: t('overview.visitType'),
      dataIndex: 'type',
      width: 110,
      valueType: 'select',
      valueEnum: Object.fromEntries(types.map((type) => [type, { text: t(`visits.types.${type}`) }])),
    },
    {
      title: t('menu.customerList'),
      dataIndex: 'customerName',
      search: false,
      width: 240,
      render: (_, row) => <Link to={`/customers/${row.customerId}`}>{row.customerName}</Link>,
    },
    { title: t('visits.staff'), dataIndex: 'staffName', width: 120, search: false },
    { title: t('overview.visitContent'), dataIndex: 'content', search: false, ellipsis: true },
    { title: t('visits.followUp'), dataIndex: 'followUp', search: false, ellipsis: true },
  ];
  return (
    <ListPage<Row>
      title={t('menu.visits')}
      rowKey="id"
      columns={columns}
      request={async (params) => {
        const query = pickFilters(params, ['type']);
        const range = params.dateRange as [string, string] | undefined;
        if (range) {
          query.from = dayjs(range[0]).format('YYYY-MM-DD');
          query.to = dayjs(range[1]).format('YYYY-MM-DD');
        }
        return tablePage<Row>('/api/v1/visits', query, params);
      }}
    />
  );
}
