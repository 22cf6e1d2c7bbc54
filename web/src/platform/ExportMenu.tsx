import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';

export type ExportFormat = 'xlsx' | 'csv';

/** The 导出 button of a list or report: Excel or CSV, each handled by `onExport`. */
export default function ExportMenu({ onExport, testId }: { onExport: (format: ExportFormat) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'xlsx', label: t('common.exportXlsx') },
          { key: 'csv', label: t('common.exportCsv') },
        ],
        onClick: ({ key }) => onExport(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid={testId}>
        <Space>{t('common.export')}</Space>
      </Button>
    </Dropdown>
  );
}
