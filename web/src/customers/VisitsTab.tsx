import { ModalForm, ProFormDatePicker, ProFormSelect, ProFormTextArea } from '@ant-design/pro-components';
import { Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useEditor } from '../layout/formGuard';
import type { Visit } from '../api/types';
import { CreateButton } from '../platform/ListPage';

const TYPES = ['visit', 'call', 'meeting'] as const;

/** The visits log (走访记录): the latest entries and a form to log one; the caller is the staff. */
export default function VisitsTab({ customerId, visits, canWrite, onChanged }: { customerId: string; visits: Visit[]; canWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { submit, props: editor } = useEditor(onChanged);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <ModalForm
          title={t('visits.add')}
          {...editor}
          initialValues={{ date: dayjs(), type: 'visit' }}
          trigger={<CreateButton data-testid="visit-add">{t('visits.add')}</CreateButton>}
          onFinish={(values: { date: dayjs.Dayjs | string; type: string; content: string; followUp?: string }) =>
            submit(true, () =>
              api('POST', `/api/v1/customers/${customerId}/visits`, {
                body: { ...values, date: dayjs(values.date).format('YYYY-MM-DD') },
              }),
            )
          }
        >
          <ProFormDatePicker name="date" label={t('overview.visitDate')} rules={[{ required: true }]} />
          <ProFormSelect
            name="type"
            label={t('overview.visitType')}
            rules={[{ required: true }]}
            options={TYPES.map((type) => ({ value: type, label: t(`visits.types.${type}`) }))}
          />
          <ProFormTextArea name="content" label={t('overview.visitContent')} rules={[{ required: true }]} fieldProps={{ id: 'visit-content' }} />
          <ProFormTextArea name="followUp" label={t('visits.followUp')} />
        </ModalForm>
      )}
      <Table
        rowKey="id"
        dataSource={visits}
        pagination={false}
        columns={[
          { title: t('overview.visitDate'), dataIndex: 'date', width: 120 },
          { title: t('overview.visitType'), dataIndex: 'type', width: 100, render: (type: string) => t(`visits.types.${type}`, type) },
          { title: t('visits.staff'), dataIndex: 'staffName', width: 120 },
          { title: t('overview.visitContent'), dataIndex: 'content' },
          { title: t('visits.followUp'), dataIndex: 'followUp' },
        ]}
      />
    </Space>
  );
}
