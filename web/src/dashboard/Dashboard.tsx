import { PageContainer, StatisticCard } from '@ant-design/pro-components';
import { Card, Col, Row, Table } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { Page } from '../api/client';
import type { Customer, CustomerState } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { formatNumber } from '../i18n';
import { yuan } from '../customers/states';

const STATES: CustomerState[] = ['potential', 'active', 'suspended', 'churned'];

interface Figures {
  total: number;
  byState: Record<CustomerState, number>;
  top: Customer[];
}

/** The caller's scope at a glance, from the customer list's own counts. */
export default function Dashboard() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [figures, setFigures] = useState<Figures>();

  useEffect(() => {
    if (!can('customers:read')) return;
    const count = (query: Record<string, string>) =>
      api<Page<Customer>>('GET', '/api/v1/customers', { query: { ...query, limit: 1 } }).then((page) => page.total);
    Promise.all([
      count({}),
      ...STATES.map((state) => count({ state })),
      api<Page<Customer>>('GET', '/api/v1/customers', { query: { sort: '-revenue12m', limit: 20 } }),
    ]).then(([total, ...rest]) => {
      const top = rest.pop() as Page<Customer>;
      const byState = Object.fromEntries(STATES.map((state, i) => [state, rest[i] as number])) as Record<CustomerState, number>;
      setFigures({ total: total as number, byState, top: top.items });
    });
  }, [can]);

  return (
    <PageContainer title={t('dashboard.title')}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <StatisticCard loading={!figures} statistic={{ title: t('dashboard.customers'), value: figures?.total ?? 0 }} />
        </Col>
        <Col xs={24} md={8}>
          <StatisticCard loading={!figures} statistic={{ title: t('dashboard.active'), value: figures?.byState.active ?? 0 }} />
        </Col>
        <Col xs={24} md={8}>
          <StatisticCard
            loading={!figures}
            statistic={{
              title: t('dashboard.revenue'),
              value: formatNumber(yuan((figures?.top ?? []).reduce((sum, c) => sum + c.revenue12m, 0)), i18n.language),
              description: t('dashboard.topCustomers'),
            }}
          />
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('dashboard.byState')} loading={!figures}>
            <ReactECharts
              style={{ height: 300 }}
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'pie',
                    radius: ['40%', '70%'],
                    data: STATES.map((state) => ({ name: t(`customer.states.${state}`), value: figures?.byState[state] ?? 0 })),
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('dashboard.topCustomers')} loading={!figures}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={figures?.top ?? []}
              scroll={{ y: 300 }}
              columns={[
                { title: t('customer.name'), dataIndex: 'name', render: (name: string, row: Customer) => <Link to={`/customers/${row.id}`}>{name}</Link> },
                {
                  title: t('customer.revenue12m'),
                  dataIndex: 'revenue12m',
                  align: 'right',
                  render: (fen: number) => formatNumber(yuan(fen), i18n.language, 2),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
