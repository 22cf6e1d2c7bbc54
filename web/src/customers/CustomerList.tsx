import { ImportOutlined } from '@ant-design/icons';
import type { ProColumns } from '@ant-design/pro-components';
import { App, Button, Popconfirm, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, download } from '../api/client';
import type { Query } from '../api/client';
import { tablePage } from '../api/tablePage';
import type { Customer } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useViewOrg } from '../layout/ViewOrg';
import { formatDateTime, formatNumber } from '../i18n';
import CustomerForm from './CustomerForm';
import { localName, useReferenceData } from './referenceData';
import { GRADE_COLOURS, STATE_COLOURS, yuan } from './states';
import { describeError } from '../i18n/errors';
import { ListPage } from '../platform/ListPage';
import { totalText } from '../platform/listTotal';
import ExportMenu, { type ExportFormat } from '../platform/ExportMenu';

// The list's search form fields, as the API names its filters (docs/api.md).
const FILTERS = ['q', 'creditCode', 'customerNo', 'org', 'industry', 'state', 'level', 'valueGrade', 'relationshipGrade', 'tag'];

/** Customers in the caller's scope: search, sort, page, export as filtered, add, edit, delete. */
export default function CustomerList() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const reference = useReferenceData();
  const lastQuery = useRef<Query>({});
  const canWrite = can('customers:write');
  const navigate = useNavigate();
  const { viewOrg } = useViewOrg();
  // false once the list stopped counting at its bound: "10,000+" (the pages still turn)
  const [totalExact, setTotalExact] = useState(true);

  const enumOf = (keys: readonly string[], prefix: string) =>
    Object.fromEntries(keys.map((key) => [key, { text: t(`${prefix}.${key}`) }]));

  const columns: ProColumns<Customer>[] = [
    { title: t('customer.customerNo'), dataIndex: 'customerNo', width: 190, sorter: true, copyable: true },
    {
      title: t('customer.name'),
      dataIndex: 'name',
      width: 260,
      sorter: true,
      ellipsis: true,
      render: (_, row) => <Link to={`/customers/${row.id}`}>{row.name}</Link>,
    },
    { title: t('customer.creditCode'), dataIndex: 'creditCode', width: 190, copyable: true },
    {
      title: t('customer.industry'),
      dataIndex: 'industry',
      width: 160,
      valueType: 'select',
      fieldProps: { showSearch: true },
      valueEnum: Object.fromEntries(
        (reference?.industries ?? []).map((industry) => [industry.code, { text: `${industry.code} ${localName(industry, i18n.language)}` }]),
      ),
    },
    {
      title: t('customer.org'),
      dataIndex: 'org',
      width: 140,
      valueType: 'select',
      fieldProps: { showSearch: true },
      valueEnum: Object.fromEntries((reference?.orgs ?? []).map((org) => [org.code, { text: localName(org, i18n.language) }])),
    },
    {
      title: t('customer.level'),
      dataIndex: 'level',
      width: 110,
      valueType: 'select',
      valueEnum: enumOf(['group', 'province', 'local'], 'customer.levels'),
    },
    {
      title: t('customer.state'),
      dataIndex: 'state',
      width: 90,
      valueType: 'select',
      valueEnum: enumOf(['potential', 'active', 'suspended', 'churned'], 'customer.states'),
      render: (_, row) => <Tag color={STATE_COLOURS[row.state]}>{t(`customer.states.${row.state}`)}</Tag>,
    },
    {
      title: t('customer.valueGrade'),
      dataIndex: 'valueGrade',
      width: 90,
      sorter: true,
      valueType: 'select',
      valueEnum: { A: { text: 'A' }, B: { text: 'B' }, C: { text: 'C' }, D: { text: 'D' } },
      render: (_, row) => <Tag color={GRADE_COLOURS[row.valueGrade]}>{row.valueGrade}</Tag>,
    },
    {
      title: t('customer.relationshipGrade'),
      dataIndex: 'relationshipGrade',
      width: 110,
      valueType: 'select',
      valueEnum: enumOf(['partner', 'functional', 'emotional', 'drifting'], 'customer.relationshipGrades'),
    },
    {
      title: t('customer.revenue12m'),
      dataIndex: 'revenue12m',
      key: 'revenue12m',
      width: 150,
      sorter: true,
      search: false,
      align: 'right',
      render: (_, row) => formatNumber(yuan(row.revenue12m), i18n.language, 2),
    },
    { title: t('customer.tags'), dataIndex: 'tag', hideInTable: true },
    {
      title: t('customer.updatedAt'),
      dataIndex: 'updatedAt',
      width: 150,
      sorter: true,
      search: false,
      render: (_, row) => formatDateTime(row.updatedAt),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 150,
      fixed: 'right',
      render: (_, row, _index, list) => [
        <Link key="view" to={`/customers/${row.id}`}>
          {t('common.view')}
        </Link>,
        canWrite && (
          <CustomerForm
            key="edit"
            customer={row}
            onSaved={() => list?.reload()}
            trigger={<a data-testid={`edit-${row.customerNo}`}>{t('common.edit')}</a>}
          />
        ),
        canWrite && (
          <Popconfirm
            key="delete"
            title={t('common.confirmDelete', { name: row.name })}
            onConfirm={async () => {
              try {
                await api('DELETE', `/api/v1/customers/${row.id}`, { headers: { 'If-Match': `"${row.version}"` } });
                message.success(t('common.deleteSuccess'));
                list?.reload();
              } catch (error) {
                message.error(`${t('common.deleteFailed')} ${describeError(error)}`);
              }
            }}
          >
            <a>{t('common.delete')}</a>
          </Popconfirm>
        ),
      ],
    },
  ];

  const exportAs = async (format: ExportFormat) => {
    try {
      const name = await download('/api/v1/customers/export', { ...lastQuery.current, format }, `customers.${format}`);
      message.success(t('common.exported', { name }));
    } catch (error) {
      message.error(t('common.exportFailed', { reason: describeError(error) }));
    }
  };

  return (
    <ListPage<Customer>
      title={t('customer.list')}
      rowKey="id"
      columns={columns}
      params={{ viewOrg }}
      scroll={{ x: 1800 }}
      columnsState={{ persistenceKey: 'mams.customers.columns', persistenceType: 'localStorage' }}
      form={{ syncToUrl: true }}
      pagination={{
        defaultPageSize: 20,
        showSizeChanger: true,
        showTotal: (total) => totalText(t, total, totalExact, i18n.language),
      }}
      request={async (params, sort) => {
        const query: Query = {};
        const values = params as Record<string, unknown>;
        for (const name of FILTERS) {
          // the name column's search box is the API's name substring filter, q
          const value = values[name === 'q' ? 'name' : name];
          if (value !== undefined && value !== '') query[name] = String(value);
        }
        if (!query.org && viewOrg) query.org = viewOrg; // the header's narrowed view
        const [field, order] = Object.entries(sort ?? {})[0] ?? [];
        if (field && order) query.sort = (order === 'descend' ? '-' : '') + field;
        lastQuery.current = { ...query };
        const page = await tablePage<Customer>('/api/v1/customers', query, params);
        setTotalExact(page.totalExact);
        return page;
      }}
      create={canWrite && { label: t('common.add'), testId: 'customer-create', form: (entry) => <CustomerForm {...entry} /> }}
      toolBarRender={() => [
        can('customers:export') && <ExportMenu key="export" testId="customer-export" onExport={exportAs} />,
        canWrite && (
          <Button key="import" icon={<ImportOutlined />} onClick={() => navigate('/imports')}>
            {t('common.import')}
          </Button>
        ),
        <Button
          key="template"
          onClick={() => download('/api/v1/import-templates/customers', undefined, 'customers-template.csv')}
        >
          {t('common.downloadTemplate')}
        </Button>,
      ]}
    />
  );
}
