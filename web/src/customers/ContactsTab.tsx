import { ModalForm, ProFormDatePicker, ProFormSelect, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { App, Popconfirm, Space, Table } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useEditor } from '../layout/formGuard';
import type { Contact } from '../api/types';
import { describeError } from '../i18n/errors';
import { CreateButton } from '../platform/ListPage';

const ROLES = ['decision_maker', 'finance', 'technical', 'daily'] as const;
const CHANNELS = ['phone', 'sms', 'email', 'wechat', 'visit'] as const;

interface FormProps {
  customerId: string;
  contact?: Contact;
  trigger: ReactElement;
  onSaved: () => void;
}

function ContactForm({ customerId, contact, trigger, onSaved }: FormProps) {
  const { t } = useTranslation();
  const { submit, props: editor } = useEditor(onSaved);
  const initial: Partial<Contact> = contact
    ? contact.masked
      ? { ...contact, mobile: undefined, phone: undefined, email: undefined, birthday: undefined }
      : contact
    : { role: 'daily', preferredChannel: 'phone' };
  return (
    <ModalForm
      title={contact ? t('contacts.edit') : t('contacts.add')}
      trigger={trigger}
      {...editor}
      grid
      colProps={{ xs: 24, md: 12 }}
      initialValues={initial}
      onFinish={(values: Record<string, unknown>) => {
        const base = `/api/v1/customers/${customerId}/contacts`;
        if (!contact) return submit(true, () => api('POST', base, { body: values }));
        // Only what the user changed: a masked value shown is never sent back as if real.
        const changed = Object.fromEntries(
          Object.entries(values).filter(([name, value]) => value !== (initial as Record<string, unknown>)[name]),
        );
        return submit(false, () =>
          api('PATCH', `${base}/${contact.id}`, { body: changed, headers: { 'If-Match': `"${contact.version}"` } }),
        );
      }}
    >
      <ProFormText name="name" label={t('overview.contactName')} rules={[{ required: true }]} fieldProps={{ id: 'contact-name' }} />
      <ProFormSelect
        name="role"
        label={t('overview.contactRole')}
        rules={[{ required: true }]}
        options={ROLES.map((role) => ({ value: role, label: t(`contacts.roles.${role}`) }))}
      />
      <ProFormText name="title" label={t('contacts.title')} />
      <ProFormText name="mobile" label={t('overview.mobile')} fieldProps={{ id: 'contact-mobile' }} />
      <ProFormText name="phone" label={t('contacts.phone')} />
      <ProFormText name="email" label={t('overview.email')} />
      <ProFormDatePicker name="birthday" label={t('contacts.birthday')} fieldProps={{ format: 'YYYY-MM-DD' }} />
      <ProFormSelect
        name="preferredChannel"
        label={t('contacts.channel')}
        options={CHANNELS.map((channel) => ({ value: channel, label: t(`contacts.channels.${channel}`) }))}
      />
      <ProFormTextArea name="remarks" label={t('customer.remarks')} colProps={{ span: 24 }} />
    </ModalForm>
  );
}

/** A customer's contacts: list, add, edit, delete (personal data masked by the server). */
export default function ContactsTab({ customerId, contacts, canWrite, onChanged }: { customerId: string; contacts: Contact[]; canWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canWrite && (
        <ContactForm
          customerId={customerId}
          onSaved={onChanged}
          trigger={<CreateButton data-testid="contact-add">{t('contacts.add')}</CreateButton>}
        />
      )}
      <Table
        rowKey="id"
        dataSource={contacts}
        pagination={false}
        columns={[
          { title: t('overview.contactName'), dataIndex: 'name' },
          { title: t('overview.contactRole'), dataIndex: 'role', render: (role: string) => t(`contacts.roles.${role}`, role) },
          { title: t('contacts.title'), dataIndex: 'title' },
          { title: t('overview.mobile'), dataIndex: 'mobile' },
          { title: t('overview.email'), dataIndex: 'email' },
          {
            title: t('common.actions'),
            render: (_: unknown, contact: Contact) =>
              canWrite && (
                <Space>
                  <ContactForm customerId={customerId} contact={contact} onSaved={onChanged} trigger={<a>{t('common.edit')}</a>} />
                  <Popconfirm
                    title={t('common.confirmDelete', { name: contact.name })}
                    onConfirm={async () => {
                      try {
                        await api('DELETE', `/api/v1/customers/${customerId}/contacts/${contact.id}`);
                        message.success(t('common.deleteSuccess'));
                        onChanged();
                      } catch (error) {
                        message.error(`${t('common.deleteFailed')} ${describeError(error)}`);
                      }
                    }}
                  >
                    <a>{t('common.delete')}</a>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}
