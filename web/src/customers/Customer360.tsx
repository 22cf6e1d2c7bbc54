import { PageContainer, ProDescriptions } from '@ant-design/pro-components';
import { Alert, Card, Col, Empty, Row, Statistic, Table, Tabs, Tag, Timeline } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { Overview } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatDateTime, formatNumber } from '../i18n';
import ContactsTab from './ContactsTab';
import StateChange from './StateChange';
import VisitsTab from './VisitsTab';
import PageLoading from '../layout/PageLoading';
import { localName, useReferenceData } from './referenceData';
import { GRADE_COLOURS, STATE_COLOURS, yuan } from './states';
import { describeError } from '../i18n/errors';

/** One customer in one call (GET /customers/{id}/overview): profile, contacts, products,
 *  12 months of revenue, visits, history, and the counts other modules add. */
export default function Customer360() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [view, setView] = useState<Overview>();
  const [error, setError] = useState<string>();
  const { can } = useAuth();
  const canWrite = can('customers:write');
  const reference = useReferenceData();

  const load = useCallback(() => {
    setError(undefined);
    api<Overview>('GET', `/api/v1/customers/${encodeURIComponent(id)}/overview`)
      .then(setView)
      .catch((caught) => setError(describeError(caught)));
  }, [id]);
  useEffect(() => {
    setView(undefined);
    load();
  }, [load]);

  if (error) return <Alert type="error" showIcon message={t('common.loadFailed', { reason: error })} />;
  if (!view) return <PageLoading />;
  const c = view.customer;
  const money = (fen: number) => formatNumber(yuan(fen), i18n.language, 2);
  // The org's name as the list shows it; its code until the reference data has arrived.
  const owningOrg = reference?.orgs.find((org) => org.code === c.org);
  const orgName = owningOrg ? localName(owningOrg, i18n.language) : c.org;
  const pending = (module: string) => ({
    key: module,
    label: t(`overview.${module}`),
    children: <Empty description={t('common.notYetAvailable')} />,
  });

  return (
    <PageContainer
      title={c.name}
      subTitle={c.customerNo}
      tags={[
        <Tag key="state" color={STATE_COLOURS[c.state]}>
          {t(`customer.states.${c.state}`)}
        </Tag>,
        <Tag key="grade" color={GRADE_COLOURS[c.valueGrade]}>
          {c.valueGrade}
        </Tag>,
      ]}
      extra={[
        canWrite && <StateChange key="state" customer={c} onChanged={load} />,
        <Link key="back" to="/customers">
          {t('overview.back')}
        </Link>,
      ]}
    >
      {view.facets.length > 0 && (
        // The counts other modules add (tickets, opportunities, …), titled by their module.
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="customer-facets">
          {view.facets.map((facet) => (
            <Col key={facet.key} xs={12} md={6}>
              <Card size="small">
                <Statistic title={facet.title} value={facet.count} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Tabs
        items={[
          {
            key: 'profile',
            label: t('overview.profile'),
            children: (
              <Card>
                <ProDescriptions column={{ xs: 1, md: 2 }} dataSource={c}>
                  <ProDescriptions.Item label={t('customer.customerNo')} dataIndex="customerNo" />
                  <ProDescriptions.Item label={t('customer.creditCode')} dataIndex="creditCode" />
                  <ProDescriptions.Item label={t('customer.industry')}>{`${c.industry} ${c.industryName ?? ''}`}</ProDescriptions.Item>
                  <ProDescriptions.Item label={t('customer.level')}>{t(`customer.levels.${c.level}`)}</ProDescriptions.Item>
                  <ProDescriptions.Item label={t('customer.org')}>{orgName}</ProDescriptions.Item>
                  <ProDescriptions.Item label={t('customer.relationshipGrade')}>
                    {c.relationshipGrade ? t(`customer.relationshipGrades.${c.relationshipGrade}`) : '-'}
                  </ProDescriptions.Item>
                  <ProDescriptions.Item label={t('customer.revenue12m')}>{money(c.revenue12m)}</ProDescriptions.Item>
                  <ProDescriptions.Item label={t('customer.tags')}>{c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)}</ProDescriptions.Item>
                  <ProDescriptions.Item label={t('overview.parent')}>
                    {view.parent ? <Link to={`/customers/${view.parent.id}`}>{view.parent.name}</Link> : '-'}
                  </ProDescriptions.Item>
                  <ProDescriptions.Item label={t('overview.branches')}>{view.branches.total}</ProDescriptions.Item>
                  <ProDescriptions.Item label={t('customer.address')} dataIndex="address" span={2} />
                  <ProDescriptions.Item label={t('customer.remarks')} dataIndex="remarks" span={2} />
                  <ProDescriptions.Item label={t('customer.updatedAt')}>{formatDateTime(c.updatedAt)}</ProDescriptions.Item>
                </ProDescriptions>
              </Card>
            ),
          },
          {
            key: 'contacts',
            label: `${t('overview.contacts')} (${view.contacts.length})`,
            children: <ContactsTab customerId={c.id} contacts={view.contacts} canWrite={canWrite} onChanged={load} />,
          },
          {
            key: 'products',
            label: t('overview.products'),
            children: (
              <Table
                rowKey="product"
                dataSource={view.products}
                pagination={false}
                columns={[
                  { title: t('overview.product'), dataIndex: 'product' },
                  { title: t('customer.revenue12m'), dataIndex: 'revenue12m', align: 'right', render: (fen: number) => money(fen) },
                ]}
              />
            ),
          },
          {
            key: 'revenue',
            label: t('overview.revenue'),
            children: (
              <Card title={t('overview.revenueChart')} extra={`${t('overview.total')}: ${money(view.revenue.total)}`}>
                <ReactECharts
                  style={{ height: 320 }}
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { data: [t('overview.amount'), t('overview.arrears')] },
                    xAxis: { type: 'category', data: view.revenue.months.map((m) => m.month) },
                    yAxis: { type: 'value' },
                    series: [
                      { name: t('overview.amount'), type: 'bar', data: view.revenue.months.map((m) => yuan(m.amount)) },
                      { name: t('overview.arrears'), type: 'line', data: view.revenue.months.map((m) => yuan(m.arrears)) },
                    ],
                  }}
                />
              </Card>
            ),
          },
          {
            key: 'visits',
            label: t('overview.visits'),
            children: <VisitsTab customerId={c.id} visits={view.recentVisits} canWrite={canWrite} onChanged={load} />,
          },
          {
            key: 'history',
            label: t('overview.history'),
            children: view.history.items.length ? (
              <Timeline
                items={view.history.items.map((entry) => ({
                  key: entry.id,
                  children: [formatDateTime(entry.at), entry.actor, entry.title, entry.summary !== entry.title && entry.summary].filter(Boolean).join(' · '),
                }))}
              />
            ) : (
              <Empty description={t('common.empty')} />
            ),
          },
          ...view.notYetAvailable.map(pending),
        ]}
      />
    </PageContainer>
  );
}
