import { PageContainer, ProTable } from '@ant-design/pro-components';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

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

/** The roles and what each one may do. */
export default function Roles() {
  const { t, i18n } = useTranslation();
  const yes = (value: boolean) => (value ? <Tag color="blue">{t('common.yes')}</Tag> : t('common.no'));
  return (
    <PageContainer title={t('roles.title')}>
      <ProTable<Role>
        rowKey="code"
        search={false}
        pagination={false}
        request={async () => ({ data: await loadRoles(), success: true })}
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
        ]}
      />
    </PageContainer>
  );
}
