import type { ProColumns } from '@ant-design/pro-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { pickFilters, tablePage } from '../api/tablePage';
import type { Contact } from '../api/types';
import { ListPage } from '../platform/ListPage';

type Row = Contact & { customerId: string; customerName: string };

/** Contacts of every customer in view (GET /api/v1/contacts); personal data masked here,
 *  shown in full (and audited) on the customer's own page. */
export default function ContactDirectory() {
  const { t } = useTranslation();
  const roles = ['decision_maker', 'finance', 'technical', 'daily'];
  const columns: ProColumns<Row>[] = [
    { title: t('overview.contactName'), dataIndex: 'q', hideInTable: true },
    { title: t('overview.contactName'), dataIndex: 'name', search: false },
    {
      title: t('overview.contactRole'),
      dataIndex: 'role',
      valueType: 'select',
      valueEnum: Object.fromEntries(roles.map((role) => [role, { text: t(`contacts.roles.${role}`) }])),
    },
    { title: t('contacts.title'), dataIndex: 'title', search: false },
    { title: t('overview.mobile'), dataIndex: 'mobile', search: false },
    { title: t('overview.email'), dataIndex: 'email', search: false },
    {
      title: t('menu.customerList'),
      dataIndex: 'customerName',
      search: false,
      render: (_, row) => <Link to={`/customers/${row.customerId}`}>{row.customerName}</Link>,
    },
  ];
  return (
    <ListPage<Row>
      title={t('menu.contacts')}
      rowKey="id"
      columns={columns}
      request={(params) => tablePage<Row>('/api/v1/contacts', pickFilters(params, ['q', 'role']), params)}
    />
  );
}
