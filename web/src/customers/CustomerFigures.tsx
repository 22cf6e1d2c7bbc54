import { StatisticCard } from '@ant-design/pro-components';
import { Alert, Card, Col, Row, Table, Typography } from 'antd';
import type { ColProps } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useEffect, useState } from 'react';
import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { Customer, CustomerState } from '../api/types';
import { localName, useReferenceData } from './referenceData';
import { yuan } from './states';
import { formatDateTime, formatNumber } from '../i18n';
import { describeError } from '../i18n/errors';
import { useViewOrg } from '../layout/ViewOrg';
import ProvinceMap from '../dashboard/ProvinceMap';

interface Figures {
  org: string;
  asOf: string; // the node keeps a view's figures for 30 s
  total: number;
  byState: Partial<Record<CustomerState, number>>;
  byValueGrade: Record<string, number>;
  byIndustry: Record<string, number>;
  byLevel: Record<string, number>;
  byChildOrg: Record<string, number>;
  revenue: { month: string; amount: number; arrears: number }[];
  top: Customer[];
}

const STATES: CustomerState[] = ['potential', 'active', 'suspended', 'churned'];
const GRADES = ['A', 'B', 'C', 'D'];

/** Horizontal bars, largest first as given: counts by industry or by child org. */
function RankedBars({ rows }: { rows: [string, number][] }) {
  return (
    <ReactECharts
      style={{ height: 320 }}
      option={{
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 24, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: rows.map(([label]) => label) },
        series: [{ type: 'bar', data: rows.map(([, count]) => count) }],
      }}
    />
  );
}

/** The dashboard card of customers: the caller's scope (or one org within it) at a glance, GET /api/v1/dashboard. */
/** One panel of the figures: a titled card in a column of the grid (`span`: Col's breakpoints). */
function Panel({ title, loading, children, ...span }: { title: string; loading?: boolean; children: ReactNode } & ColProps) {
  return (
    <Col {...span}>
      <Card title={title} loading={loading}>
        {children}
      </Card>
    </Col>
  );
}

/** The option of a chart along categories (months, grades). */
function axisOption(categories: string[], series: object[], yAxis: object = { type: 'value' }) {
  return {
    tooltip: { trigger: 'axis' },
    // Room for the axis labels: revenue runs to hundreds of millions of yuan.
    grid: { left: 8, right: 24, containLabel: true },
    xAxis: { type: 'category', data: categories },
    yAxis,
    series,
  };
}

/** A chart of the figures, at the panels' height. */
function Chart({ option }: { option: ComponentProps<typeof ReactECharts>['option'] }) {
  return <ReactECharts style={{ height: 280 }} option={option} />;
}

export default function CustomerFigures() {
  const { t, i18n } = useTranslation();
  const reference = useReferenceData();
  const { viewOrg: org } = useViewOrg();
  const [figures, setFigures] = useState<Figures>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true; // an answer for an org no longer chosen is dropped
    setFigures(undefined);
    setError(undefined);
    api<Figures>('GET', '/api/v1/dashboard', { query: { org } })
      .then((answer) => current && setFigures(answer))
      .catch((caught) => current && setError(describeError(caught)));
    return () => {
      current = false;
    };
  }, [org]);

  const orgName = (code: string) => {
    const found = reference?.orgs.find((o) => o.code === code);
    return found ? localName(found, i18n.language) : code;
  };
  const industryName = (code: string) => {
    const found = reference?.industries.find((industry) => industry.code === code);
    return found ? `${code} ${localName(found, i18n.language)}` : code;
  };
  const money = (fen: number) => formatNumber(yuan(fen), i18n.language);
  const revenueTotal = (figures?.revenue ?? []).reduce((sum, month) => sum + month.amount, 0);
  const industries = Object.entries(figures?.byIndustry ?? {}).sort((a, b) => b[1] - a[1]);
  const children = Object.entries(figures?.byChildOrg ?? {}).sort((a, b) => b[1] - a[1]);
  const loading = !figures && !error;

  return (
    <>
      {figures && (
        <Typography.Paragraph type="secondary" data-testid="figures-as-of">
          {t('figures.asOf', { time: formatDateTime(figures.asOf) })}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon message={t('common.loadFailed', { reason: error })} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <StatisticCard loading={loading} statistic={{ title: t('figures.customers'), value: figures?.total ?? 0 }} />
        </Col>
        <Col xs={24} md={8}>
          <StatisticCard loading={loading} statistic={{ title: t('figures.active'), value: figures?.byState.active ?? 0 }} />
        </Col>
        <Col xs={24} md={8}>
          <StatisticCard loading={loading} statistic={{ title: t('figures.revenue'), value: money(revenueTotal) }} />
        </Col>
        <Panel xs={24} lg={12} title={t('figures.revenueTrend')} loading={loading}>
          <Chart
            option={axisOption(
              (figures?.revenue ?? []).map((m) => m.month),
              [{ name: t('overview.amount'), type: 'line', smooth: true, areaStyle: {}, data: (figures?.revenue ?? []).map((m) => yuan(m.amount)) }],
            )}
          />
        </Panel>
        <Panel xs={24} lg={6} title={t('figures.byState')} loading={loading}>
          <Chart
            option={{
              tooltip: { trigger: 'item' },
              series: [
                {
                  type: 'pie',
                  radius: ['40%', '70%'],
                  data: STATES.map((state) => ({ name: t(`customer.states.${state}`), value: figures?.byState[state] ?? 0 })).filter(
                    (slice) => slice.value > 0,
                  ),
                },
              ],
            }}
          />
        </Panel>
        <Panel xs={24} lg={6} title={t('figures.byGrade')} loading={loading}>
          <Chart
            option={axisOption(GRADES, [{ type: 'bar', data: GRADES.map((grade) => figures?.byValueGrade[grade] ?? 0) }], { type: 'value', minInterval: 1 })}
          />
        </Panel>
        <Panel xs={24} lg={12} title={t('figures.byIndustry')} loading={loading}>
          <RankedBars rows={industries.map(([code, count]) => [industryName(code), count])} />
        </Panel>
        <Panel xs={24} lg={12} title={t('figures.byChildOrg')} loading={loading}>
          <RankedBars rows={children.map(([code, count]) => [orgName(code), count])} />
        </Panel>
        {figures?.org === 'CN' && (
          <Panel xs={24} title={t('figures.byProvince')}>
            <ProvinceMap counts={figures.byChildOrg} name={t('figures.customers')} />
          </Panel>
        )}
        <Panel xs={24} title={t('figures.topCustomers')} loading={loading}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={figures?.top ?? []}
            columns={[
              { title: t('figures.rank'), width: 60, render: (_: unknown, __: Customer, index: number) => index + 1 },
              { title: t('customer.name'), dataIndex: 'name', render: (name: string, row: Customer) => <Link to={`/customers/${row.id}`}>{name}</Link> },
              { title: t('customer.org'), dataIndex: 'org', render: (code: string) => orgName(code) },
              { title: t('customer.valueGrade'), dataIndex: 'valueGrade', width: 100 },
              { title: t('customer.revenue12m'), dataIndex: 'revenue12m', align: 'right', render: (fen: number) => formatNumber(yuan(fen), i18n.language, 2) },
            ]}
          />
        </Panel>
      </Row>
    </>
  );
}
