import { ModalForm, ProFormSelect, ProFormSwitch, ProFormText } from '@ant-design/pro-components';
import type { ActionType } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useEditor } from '../layout/formGuard';
import { useAuth } from '../auth/AuthContext';
import { CreateButton, ListPage } from '../platform/ListPage';

export interface Role {
  code: string;
  name: string;
  nameEn?: string;
  permissions: string[];
  ownCustomersOnly: boolean;
  requiresMfa: boolean;
  builtin: boolean;
}

export async function loadRoles(): Promise<Role[]> {
  return (await api<{ items: Role[] }>('GET', '/api/v1/roles')).items;
}

interface Permission {
  name: string;
  description: string;
}

function RoleForm({ role, permissions, trigger, onSaved }: { role?: Role & { version?: number }; permissions: Permission[]; trigger: ReactElement; onSaved: () => void }) {
  const { t } = useTranslation();
  const { submit, props: editor } = useEditor(onSaved);
  return (
    <ModalForm
      title={role ? t('roles.edit') : t('roles.create')}
      trigger={trigger}
      {...editor}
      initialValues={role ?? { permissions: [], ownCustomersOnly: false, requiresMfa: false }}
      onFinish={(values: Record<string, unknown>) =>
        // separation of duties and other rules come back as 422 naming the field
        submit(!role, async () => {
          if (!role) return api('POST', '/api/v1/roles', { body: values });
          const { code: _code, ...changes } = values;
          void _code;
          return api('PATCH', `/api/v1/roles/${role.code}`, { body: changes });
        })
      }
    >
      <ProFormText name="code" label={t('roles.code')} disabled={!!role} rules={[{ required: true }]} />
      <ProFormText name="name" label={t('roles.name')} rules={[{ required: true }]} />
      <ProFormText name="nameEn" label={t('roles.nameEn')} />
      <ProFormSelect
        name="permissions"
        label={t('roles.permissions')}
        mode="multiple"
        options={permissions.map((permission) => ({ value: permission.name, label: `${permission.name} — ${permission.description}` }))}
      />
      <ProFormSwitch name="ownCustomersOnly" label={t('roles.ownCustomersOnly')} />
      <ProFormSwitch name="requiresMfa" label={t('roles.requiresMfa')} />
    </ModalForm>
  );
}

/** The roles and what each one may do; administrators with roles:admin add and edit them. */
export default function Roles() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const actionRef = useRef<ActionType>();
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const admin = can('roles:admin');
  useEffect(() => {
    api<{ items: Permission[] }>('GET', '/api/v1/permissions')
      .then((answer) => setPermissions(answer.items))
      .catch(() => setPermissions([]));
  }, []);
  const yes = (value: boolean) => (value ? <Tag color="blue">{t('common.yes')}</Tag> : t('common.no'));
  return (
    <ListPage<Role>
      title={t('roles.title')}
      rowKey="code"
      actionRef={actionRef}
      search={false}
      pagination={false}
      request={async () => ({ data: await loadRoles(), success: true })}
      toolBarRender={() => [
        admin && (
          <RoleForm
            key="create"
            permissions={permissions}
            onSaved={() => actionRef.current?.reload()}
            trigger={<CreateButton>{t('roles.create')}</CreateButton>}
          />
        ),
      ]}
      columns={[
        { title: t('roles.code'), dataIndex: 'code', width: 160 },
        {
          title: t('roles.name'),
          dataIndex: 'name',
          width: 180,
          render: (_, role) => (i18n.language.startsWith('en') && role.nameEn ? role.nameEn : role.name),
        },
        {
          title: t('roles.permissions'),
          dataIndex: 'permissions',
          render: (_, role) => role.permissions.map((permission) => <Tag key={permission}>{permission}</Tag>),
        },
        { title: t('roles.ownCustomersOnly'), dataIndex: 'ownCustomersOnly', width: 110, render: (_, role) => yes(role.ownCustomersOnly) },
        { title: t('roles.requiresMfa'), dataIndex: 'requiresMfa', width: 120, render: (_, role) => yes(role.requiresMfa) },
        { title: t('roles.builtin'), dataIndex: 'builtin', width: 80, render: (_, role) => yes(role.builtin) },
        {
          title: t('common.actions'),
          valueType: 'option',
          width: 80,
          render: (_, role) =>
            admin ? [<RoleForm key="edit" role={role} permissions={permissions} onSaved={() => actionRef.current?.reload()} trigger={<a>{t('common.edit')}</a>} />] : [],
        },
      ]}
    />
  );
}
