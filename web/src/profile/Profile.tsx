import { PageContainer, ProForm, ProFormText } from '@ant-design/pro-components';
import { App, Card, Descriptions, Form, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { describeError } from '../i18n/errors';

/** Who I am (org, roles, permissions) and my password. */
export default function Profile() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me, org } = useAuth();
  const [form] = Form.useForm();
  if (!me) return null;
  return (
    <PageContainer title={t('profile.title')}>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('users.username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('users.displayName')}>{me.displayName}</Descriptions.Item>
          <Descriptions.Item label={t('users.org')}>{org ? `${org.name} (${org.code})` : me.org}</Descriptions.Item>
          <Descriptions.Item label={t('users.roles')}>{me.roles.map((role) => <Tag key={role}>{role}</Tag>)}</Descriptions.Item>
          <Descriptions.Item label={t('roles.permissions')} span={2}>
            {me.permissions.map((permission) => <Tag key={permission}>{permission}</Tag>)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('profile.changePassword')}>
        <ProForm
          form={form}
          style={{ maxWidth: 420 }}
          submitter={{ searchConfig: { submitText: t('profile.changePassword') }, resetButtonProps: false }}
          onFinish={async (values: { currentPassword: string; newPassword: string }) => {
            try {
              await api('POST', '/api/v1/auth/password', {
                body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
              });
              message.success(t('profile.changed'));
              form.resetFields();
            } catch (error) {
              if (error instanceof ApiError && error.field) form.setFields([{ name: error.field, errors: [describeError(error)] }]);
              message.error(`${t('common.saveFailed')} ${describeError(error)}`);
            }
          }}
        >
          <ProFormText.Password name="currentPassword" label={t('profile.currentPassword')} rules={[{ required: true }]} />
          <ProFormText.Password name="newPassword" label={t('profile.newPassword')} rules={[{ required: true }]} />
          <ProFormText.Password
            name="confirm"
            label={t('profile.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: async (_rule, value) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(t('profile.mismatch'));
                },
              }),
            ]}
          />
        </ProForm>
      </Card>
    </PageContainer>
  );
}
