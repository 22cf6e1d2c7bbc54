import { ProFormSelect, ProFormSwitch, ProFormText } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { EditorForm } from '../platform/EditorForm';
import { ListPage } from '../platform/ListPage';
import type { FormEntry } from '../platform/ListPage';

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

function RoleForm({ role, permissions, ...entry }: { role?: Role & { version?: number }; permissions: Permission[] } & FormEntry) {
  const { t } = useTranslation();
  return (
    <EditorForm
      title={role ? t('roles.edit') : t('roles.create')}
      {...entry}
      initialValues={role ?? { permissions: [], ownCustomersOnly: false, requiresMfa: false }}
      adding={!role}
      // separation of duties and other rules come back as 422 naming the field
      save={(values) => (role ? api('PATCH', `/api/v1/roles/${role.code}`, { body: values }) : api('POST', '/api/v1/roles', { body: values }))}
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
    </EditorForm>
  );
}

/** The roles and what each one may do; administrators with roles:admin add and edit them. */
export default function Roles() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
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
      loadAll={loadRoles}
      create={admin && { label: t('roles.create'), form: (entry) => <RoleForm permissions={permissions} {...entry} /> }}
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
          render: (_, role, _index, list) =>
            admin ? [<RoleForm key="edit" role={role} permissions={permissions} onSaved={() => list?.reload()} trigger={<a>{t('common.edit')}</a>} />] : [],
        },
      ]}
    />
  );
}
