import { ModalForm } from '@ant-design/pro-components';
import type { ModalFormProps } from '@ant-design/pro-components';
import { useEditor } from '../layout/formGuard';
import { changedValues } from './changedValues';

/**
 * An editing dialog: a ModalForm with the unsaved-input guard (useEditor). On submit it runs
 * `save` — with every value when `adding`, else with only what differs from `initialValues`
 * (changedValues), the body of a PATCH — says "新增成功!" (`adding`) or "保存成功!", calls
 * `onSaved` and closes; a failure is said (a 422 on the field it names) and the dialog stays open.
 */
export function EditorForm<T extends Record<string, any> = Record<string, unknown>>({
  adding,
  save,
  onSaved,
  ...modal
}: Omit<ModalFormProps<T>, 'onFinish' | 'form' | 'open' | 'onOpenChange'> & {
  adding: boolean;
  save: (values: Partial<T>) => Promise<unknown>;
  onSaved: () => void;
}) {
  const { submit, props: editor } = useEditor(onSaved);
  return (
    <ModalForm<T>
      {...modal}
      {...editor}
      onFinish={(values) => submit(adding, () => save(adding ? values : changedValues(values, modal.initialValues as Partial<T>)))}
    />
  );
}
