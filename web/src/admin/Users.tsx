import { ModalForm, ProFormSelect, ProFormSwitch, ProFormText } from '@ant-design/pro-components';
import type { ProColumns } from '@ant-design/pro-components';
import { App, Popconfirm, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { pickFilters, tablePage } from '../api/tablePage';
import { useAuth } from '../auth/AuthContext';
import { OrgSelect } from '../customers/OrgSelect';
import { localName } from '../customers/referenceData';
import { formatDateTime } from '../i18n';
import { loadRoles } from './Roles';
import type { Role } from './Roles';
import { describeError } from '../i18n/errors';
import { EditorForm } from '../platform/EditorForm';
import { ListPage } from '../platform/ListPage';
import type { FormEntry } from '../platform/ListPage';

interface User {
  id: string;
  username: string;
  displayName: string;
  org: string;
  phone: string;
  email: string;
  roles: string[];
  disabled: boolean;
  locked: boolean;
  totpEnabled: boolean;
  createdAt: string;
  version: number;
}

interface UserFormProps extends FormEntry {
  user?: User;
  roles: Role[];
}

function UserForm({ user, roles, ...entry }: UserFormProps) {
  const { t, i18n } = useTranslation();
  return (
    <EditorForm
      title={user ? t('users.edit') : t('users.create')}
      {...entry}
      initialValues={user ?? { roles: [] }}
      adding={!user}
      save={(values) =>
        user
          ? api('PATCH', `/api/v1/users/${user.id}`, { body: values, headers: { 'If-Match': `"${user.version}"` } })
          : api('POST', '/api/v1/users', { body: values })
      }
    >
      <ProFormText name="username" label={t('users.username')} disabled={!!user} fieldProps={{ id: 'user-username' }} rules={[{ required: true, message: t('users.usernameRequired') }]} />
      <ProFormText name="displayName" label={t('users.displayName')} fieldProps={{ id: 'user-displayName' }} />
      {!user && (
        <ProFormText.Password name="password" label={t('users.password')} fieldProps={{ id: 'user-password' }} rules={[{ required: true, message: t('users.passwordRequired') }]} />
      )}
      <OrgSelect label={t('users.org')} rules={[{ required: true }]} fieldProps={{ id: 'user-org' }} />
      <ProFormSelect
        name="roles"
        label={t('users.roles')}
        mode="multiple"
        fieldProps={{ id: 'user-roles' }}
        rules={[{ required: true, message: t('users.rolesRequired') }]}
        options={roles.map((role) => ({ value: role.code, label: localName(role, i18n.language) }))}
      />
      <ProFormText name="phone" label={t('users.phone')} />
      <ProFormText name="email" label={t('users.email')} />
      {user && <ProFormSwitch name="disabled" label={t('users.disabled')} />}
    </EditorForm>
  );
}

/** Users in the caller's scope: list, create, edit roles and org, disable, unlock. */
export default function Users() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [roles, setRoles] = useState<Role[]>([]);
  const admin = can('users:admin');
  useEffect(() => {
    loadRoles().then(setRoles).catch(() => setRoles([]));
  }, []);
  const roleName = (code: string) => {
    const role = roles.find((r) => r.code === code);
    return role ? localName(role, i18n.language) : code;
  };

  const columns: ProColumns<User>[] = [
    { title: t('users.username'), dataIndex: 'username', width: 140, search: false },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 140, search: false },
    { title: t('users.username'), dataIndex: 'q', hideInTable: true },
    { title: t('users.org'), dataIndex: 'org', width: 100 },
    {
      title: t('users.roles'),
      dataIndex: 'role',
      valueType: 'select',
      valueEnum: Object.fromEntries(roles.map((role) => [role.code, { text: localName(role, i18n.language) }])),
      render: (_, user) => user.roles.map((code) => <Tag key={code}>{roleName(code)}</Tag>),
    },
    {
      title: t('users.state'),
      dataIndex: 'disabled',
      width: 110,
      valueType: 'select',
      valueEnum: { false: { text: t('users.enabled') }, true: { text: t('users.disabled') } },
      render: (_, user) => (
        <>
          {user.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.enabled')}</Tag>}
          {user.locked && <Tag color="red">{t('users.locked')}</Tag>}
        </>
      ),
    },
    { title: t('users.totp'), dataIndex: 'totpEnabled', width: 90, search: false, render: (_, user) => (user.totpEnabled ? t('common.yes') : t('common.no')) },
    { title: t('customer.createdAt'), dataIndex: 'createdAt', width: 150, search: false, render: (_, user) => formatDateTime(user.createdAt) },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: 260,
      render: (_, user, _index, list) =>
        admin
          ? [
              <UserForm key="edit" user={user} roles={roles} onSaved={() => list?.reload()} trigger={<a>{t('common.edit')}</a>} />,
              <ModalForm
                key="password"
                title={t('users.resetPassword')}
                width={420}
                modalProps={{ destroyOnClose: true }}
                trigger={<a>{t('users.resetPassword')}</a>}
                onFinish={async (values: { password: string }) => {
                  try {
                    await api('POST', `/api/v1/users/${user.id}/password`, { body: values });
                    message.success(t('common.saveSuccess'));
                    list?.reload();
                    return true;
                  } catch (error) {
                    message.error(`${t('common.saveFailed')} ${describeError(error)}`);
                    return false;
                  }
                }}
              >
                <ProFormText.Password name="password" label={t('users.newPassword')} rules={[{ required: true }]} />
              </ModalForm>,
              user.totpEnabled && (
                <Popconfirm
                  key="totp"
                  title={t('users.resetTotpConfirm')}
                  onConfirm={async () => {
                    await api('POST', `/api/v1/users/${user.id}/totp/reset`);
                    message.success(t('common.saveSuccess'));
                    list?.reload();
                  }}
                >
                  <a>{t('users.resetTotp')}</a>
                </Popconfirm>
              ),
              user.locked && (
                <a
                  key="unlock"
                  onClick={async () => {
                    await api('POST', `/api/v1/users/${user.id}/unlock`);
                    message.success(t('users.unlocked'));
                    list?.reload();
                  }}
                >
                  {t('users.unlock')}
                </a>
              ),
            ]
          : [],
    },
  ];

  return (
    <ListPage<User>
      title={t('users.title')}
      rowKey="id"
      columns={columns}
      scroll={{ x: 1200 }}
      request={(params) => tablePage<User>('/api/v1/users', pickFilters(params, ['q', 'org', 'role', 'disabled']), params)}
      create={admin && { label: t('users.create'), testId: 'user-create', form: (entry) => <UserForm roles={roles} {...entry} /> }}
    />
  );
}
