import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { ParamsType, ProTableProps } from '@ant-design/pro-components';
import { Button, Space, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import { Fragment } from 'react';
import type { ReactElement, ReactNode } from 'react';

/** What a dialog form takes from the list it edits: the element that opens it, and what runs once it saved. */
export interface FormEntry {
  trigger: ReactElement;
  onSaved: () => void;
}

/** A list's create entry: `form` opened by a CreateButton saying `label`; a save reloads the list. */
export interface CreateEntry {
  label: ReactNode;
  /** The button's data-testid, for the browser tests. */
  testId?: string;
  form: (entry: FormEntry) => ReactNode;
}

type ListPageProps<T extends Record<string, any>> = { title: ReactNode } & Omit<ProTableProps<T, ParamsType>, 'title'> & {
  /** Put first in the toolbar; false (or absent) when the caller may not create. */
  create?: CreateEntry | false;
  /** A list the server answers whole: no search form, no pages, just these rows. */
  loadAll?: () => Promise<T[]>;
};

/**
 * A list page: the page frame titled `title` around one ProTable, which gets every other prop.
 * Rows reload through the table's own action (the `action` argument of toolBarRender and of a
 * column's render).
 */
// `any` as in ProTable's own bound on a row (interfaces have no index signature)
export function ListPage<T extends Record<string, any>>({ title, create, loadAll, toolBarRender, ...table }: ListPageProps<T>) {
  const whole: Partial<ProTableProps<T, ParamsType>> = loadAll
    ? { search: false, pagination: false, request: async () => ({ data: await loadAll(), success: true }) }
    : {};
  const toolbar: ProTableProps<T, ParamsType>['toolBarRender'] = create
    ? (action, rows) => [
        <Fragment key="create">
          {create.form({
            trigger: <CreateButton data-testid={create.testId}>{create.label}</CreateButton>,
            onSaved: () => action?.reload(),
          })}
        </Fragment>,
        ...(toolBarRender ? toolBarRender(action, rows) : []),
      ]
    : toolBarRender;
  return (
    <PageContainer title={title}>
      <ProTable<T> {...whole} toolBarRender={toolbar} {...table} />
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
