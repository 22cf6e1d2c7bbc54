import { ProFormText } from '@ant-design/pro-components';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { EditorForm } from './EditorForm';

function UserEditor({ adding, save }: { adding: boolean; save: (values: Record<string, unknown>) => Promise<unknown> }) {
  return (
    <AntApp>
      <EditorForm
        title="user"
        trigger={<button type="button">open</button>}
        initialValues={adding ? {} : { username: 'zhang.san', displayName: '张三' }}
        adding={adding}
        save={save}
        onSaved={() => {}}
      >
        <ProFormText name="username" label="username" disabled={!adding} />
        <ProFormText name="displayName" label="displayName" />
      </EditorForm>
    </AntApp>
  );
}

async function fillAndSave(fields: Record<string, string>) {
  fireEvent.click(screen.getByText('open'));
  for (const [label, value] of Object.entries(fields)) {
    fireEvent.change(await screen.findByLabelText(label), { target: { value } });
  }
  fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
}

describe('EditorForm', () => {
  afterEach(cleanup);

  it('saves an edit with only what changed: the disabled username stays out of the PATCH', async () => {
    const save = vi.fn(async () => ({}));
    render(<UserEditor adding={false} save={save} />);
    await fillAndSave({ displayName: '张三丰' });
    await waitFor(() => expect(save).toHaveBeenCalledWith({ displayName: '张三丰' }));
  });

  it('saves a new entry whole', async () => {
    const save = vi.fn(async () => ({}));
    render(<UserEditor adding save={save} />);
    await fillAndSave({ username: 'li.si', displayName: '李四' });
    await waitFor(() => expect(save).toHaveBeenCalledWith({ username: 'li.si', displayName: '李四' }));
  });
});
