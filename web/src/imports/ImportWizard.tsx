import { InboxOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Descriptions, Radio, Space, Steps, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, upload } from '../api/client';
import { describeCode, describeError } from '../i18n/errors';

type Kind = 'customers' | 'contacts' | 'revenue';

interface Report {
  id: string;
  kind: Kind;
  mode: 'dry-run' | 'apply';
  encoding: string;
  rowsTotal: number;
  rowsOk: number;
  rowsRejected: number;
  // `code` when the node names one (describeCode translates it); `reason` is its own words.
  rejected: { line: number; column: string; reason: string; code?: string }[];
}

/**
 * CSV import in three steps: upload (kind and file), a dry run that reports every bad row
 * (line, column, reason) and writes nothing, then the import of the good rows with the
 * rejected ones downloadable as a file to fix and import again.
 */
export default function ImportWizard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File>();
  const [checked, setChecked] = useState<Report>();
  const [applied, setApplied] = useState<Report>();
  const [busy, setBusy] = useState(false);
  const step = applied ? 2 : checked ? 1 : 0;

  const run = async (mode: 'dry-run' | 'apply') => {
    if (!file) return;
    setBusy(true);
    try {
      const report = await upload<Report>('/api/v1/imports', { kind, mode }, file);
      if (mode === 'apply') {
        setApplied(report);
        message.success(t('imports.applied', { ok: report.rowsOk, rejected: report.rowsRejected }));
      } else {
        setChecked(report);
      }
    } catch (error) {
      message.error(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setFile(undefined);
    setChecked(undefined);
    setApplied(undefined);
  };

  const report = applied ?? checked;
  return (
    <PageContainer title={t('imports.title')}>
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[{ title: t('imports.stepUpload') }, { title: t('imports.stepCheck') }, { title: t('imports.stepDone') }]}
        />
        {step === 0 && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Space>
              <span>{t('imports.kind')}:</span>
              <Radio.Group
                value={kind}
                onChange={(event) => setKind(event.target.value as Kind)}
                options={(['customers', 'contacts', 'revenue'] as const).map((value) => ({
                  value,
                  label: t(`imports.kinds.${value}`),
                }))}
                optionType="button"
              />
              <Button onClick={() => download(`/api/v1/import-templates/${kind}`, undefined, `${kind}-template.csv`)}>
                {t('common.downloadTemplate')}
              </Button>
            </Space>
            <Upload.Dragger
              accept=".csv,text/csv"
              maxCount={1}
              fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
              beforeUpload={(chosen) => {
                setFile(chosen);
                return false; // sent by the buttons below, not by the Upload itself
              }}
              onRemove={() => setFile(undefined)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.fileHint')}</p>
            </Upload.Dragger>
            <Button type="primary" disabled={!file} loading={busy} onClick={() => run('dry-run')} data-testid="import-dry-run">
              {t('imports.dryRun')}
            </Button>
          </Space>
        )}
        {report && (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Descriptions bordered size="small" column={{ xs: 1, md: 4 }}>
              <Descriptions.Item label={t('imports.encoding')}>{report.encoding}</Descriptions.Item>
              <Descriptions.Item label={t('imports.rowsTotal')}>{report.rowsTotal}</Descriptions.Item>
              <Descriptions.Item label={t('imports.rowsOk')}>{report.rowsOk}</Descriptions.Item>
              <Descriptions.Item label={t('imports.rowsRejected')}>{report.rowsRejected}</Descriptions.Item>
            </Descriptions>
            {!applied &&
              (report.rowsRejected === 0 ? (
                <Alert type="success" showIcon message={t('imports.allGood')} />
              ) : (
                <Alert type="warning" showIcon message={t('imports.someBad', { count: report.rowsRejected })} />
              ))}
            {applied && <Alert type="success" showIcon message={t('imports.applied', { ok: applied.rowsOk, rejected: applied.rowsRejected })} />}
            {report.rejected.length > 0 && (
              <Table
                rowKey={(row) => `${row.line}-${row.column}`}
                size="small"
                dataSource={report.rejected}
                pagination={{ pageSize: 10 }}
                columns={[
                  { title: t('imports.line'), dataIndex: 'line', width: 90 },
                  { title: t('imports.column'), dataIndex: 'column', width: 160 },
                  {
                    title: t('imports.reason'),
                    dataIndex: 'reason',
                    render: (reason: string, row: Report['rejected'][number]) => (row.code ? describeCode(row.code, reason, row.column) : reason),
                  },
                ]}
              />
            )}
            <Space>
              {!applied && (
                <Button type="primary" loading={busy} disabled={report.rowsOk === 0} onClick={() => run('apply')} data-testid="import-apply">
                  {t('imports.apply')}
                </Button>
              )}
              {report.rowsRejected > 0 && (
                <Button onClick={() => download(`/api/v1/imports/${report.id}/rejected`, undefined, 'rejected.csv')}>
                  {t('imports.downloadRejected')}
                </Button>
              )}
              <Button onClick={restart}>{t('imports.again')}</Button>
            </Space>
          </Space>
        )}
      </Card>
    </PageContainer>
  );
}
