import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Empty, Form, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../api/client';
import { formatNumber } from '../i18n';
import { describeError } from '../i18n/errors';
import { yuan } from '../customers/states';
import PageLoading from '../layout/PageLoading';
import ExportMenu, { type ExportFormat } from '../platform/ExportMenu';

interface ReportColumn {
  key: string;
  title: string;
  type: 'text' | 'integer' | 'money';
}

interface ReportFilter {
  key: string;
  title: string;
  choices: { value: string; title: string }[];
}

interface Dataset {
  key: string;
  title: string;
  module: string;
  columns: ReportColumn[];
  filters: ReportFilter[];
}

interface ReportRows {
  columns: ReportColumn[];
  rows: (string | number)[][];
  total: number;
}

type Filters = Record<string, string | undefined>;

/** Filters with a value, as query parameters. */
function chosen(filters: Filters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => !!entry[1]));
}

/** The datasets of every module the user may use: pick one, filter, read it or download it. */
export default function Reports() {
  const { t, i18n } = useTranslation();
  const [datasets, setDatasets] = useState<Dataset[]>();
  const [selected, setSelected] = useState<string>();
  const [filters, setFilters] = useState<Filters>({});
  const [result, setResult] = useState<ReportRows>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    api<{ items: Dataset[] }>('GET', '/api/v1/reports')
      .then(({ items }) => {
        setDatasets(items);
        setSelected(items[0]?.key);
      })
      .catch((caught) => setError(describeError(caught)));
  }, [i18n.language]);

  const dataset = datasets?.find((item) => item.key === selected);

  const run = (key: string | undefined, query: Filters) => {
    if (!key) return;
    setLoading(true);
    setError(undefined);
    api<ReportRows>('GET', `/api/v1/reports/${encodeURIComponent(key)}`, { query: chosen(query) })
      .then(setResult)
      .catch((caught) => setError(describeError(caught)))
      .finally(() => setLoading(false));
  };
  // A new dataset starts unfiltered and runs at once.
  useEffect(() => {
    setFilters({});
    setResult(undefined);
    run(selected, {});
  }, [selected, i18n.language]);

  const exportAs = async (format: ExportFormat) => {
    if (!dataset) return;
    try {
      const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
      await download(`/api/v1/reports/${encodeURIComponent(dataset.key)}`, { ...chosen(filters), format, lang }, `${dataset.key}.${format}`);
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  if (!datasets && !error) return <PageLoading />;

  const columns: ColumnsType<(string | number)[]> = (result?.columns ?? []).map((column, index) => ({
    key: column.key,
    title: column.title,
    dataIndex: index,
    align: column.type === 'text' ? 'left' : 'right',
    sorter: (a, b) => (column.type === 'text' ? String(a[index]).localeCompare(String(b[index]), i18n.language) : Number(a[index]) - Number(b[index])),
    render: (value: string | number) =>
      column.type === 'money' ? formatNumber(yuan(Number(value)), i18n.language, 2) : column.type === 'integer' ? formatNumber(Number(value), i18n.language) : value,
  }));

  return (
    <PageContainer title={t('reports.title')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {datasets && datasets.length === 0 ? (
        <Empty description={t('reports.none')} />
      ) : (
        <Card>
          <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
            <Form.Item label={t('reports.dataset')}>
              <Select
                data-testid="report-dataset"
                style={{ minWidth: 220 }}
                value={selected}
                options={(datasets ?? []).map((item) => ({ value: item.key, label: item.title }))}
                onChange={setSelected}
              />
            </Form.Item>
            {dataset?.filters.map((filter) => (
              <Form.Item key={filter.key} label={filter.title}>
                {filter.choices.length > 0 ? (
                  <Select
                    data-testid={`report-filter-${filter.key}`}
                    allowClear
                    style={{ minWidth: 160 }}
                    placeholder={t('reports.pick', { what: filter.title })}
                    value={filters[filter.key]}
                    options={filter.choices.map((choice) => ({ value: choice.value, label: choice.title }))}
                    onChange={(value?: string) => setFilters({ ...filters, [filter.key]: value })}
                  />
                ) : (
                  <Input allowClear value={filters[filter.key]} maxLength={64} onChange={(event) => setFilters({ ...filters, [filter.key]: event.target.value })} />
                )}
              </Form.Item>
            ))}
            <Form.Item>
              <Space>
                <Button type="primary" data-testid="report-run" loading={loading} onClick={() => run(selected, filters)}>
                  {t('reports.run')}
                </Button>
                <ExportMenu testId="report-export" onExport={exportAs} />
              </Space>
            </Form.Item>
          </Form>
          <Table
            data-testid="report-table"
            rowKey={(row) => row.join('\u0001')}
            loading={loading}
            columns={columns}
            dataSource={result?.rows ?? []}
            pagination={{ pageSize: 50, showTotal: (count) => t('reports.rows', { count }) }}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      )}
    </PageContainer>
  );
}
