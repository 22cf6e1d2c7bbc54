import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { ParamsType, ProTableProps } from '@ant-design/pro-components';
import { Button, Space, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import type { ReactNode } from 'react';

/** A list page: the page frame titled `title` around one ProTable, which gets every other prop. */
// `any` as in ProTable's own bound on a row (interfaces have no index signature)
export function ListPage<T extends Record<string, any>>({ title, ...table }: { title: ReactNode } & Omit<ProTableProps<T, ParamsType>, 'title'>) {
  return (
    <PageContainer title={title}>
      <ProTable<T> {...table} />
    </PageContainer>
  );
}

/**
 * The "create" entry of a list's toolbar or a tab: a primary button with a plus, usually the
 * trigger of a create dialog (which passes its onClick on through the props).
 */
export function CreateButton(props: ButtonProps) {
  return <Button type="primary" icon={<PlusOutlined />} {...props} />;
}

/**
 * A state that is either fine (a green tag saying `fine`) or not (a red one saying `failing`),
 * and beside it an orange `warning` when there is one (`warningTitle` on hover).
 */
export function StateTag({ ok, fine, failing, warning, warningTitle }: { ok: boolean; fine: ReactNode; failing: ReactNode; warning?: ReactNode; warningTitle?: string }) {
  return (
    <Space>
      {ok ? <Tag color="green">{fine}</Tag> : <Tag color="red">{failing}</Tag>}
      {warning && (
        <Tag color="orange" title={warningTitle}>
          {warning}
        </Tag>
      )}
    </Space>
  );
}
