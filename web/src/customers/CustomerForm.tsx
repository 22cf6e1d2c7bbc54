import {
  ModalForm,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { App, Form } from 'antd';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, apiWithHeaders, isOutOfScope } from '../api/client';
import { useFailureReport, useFormGuard } from '../layout/formGuard';
import type { Customer } from '../api/types';
import { isValidCreditCode } from './creditCode';
import { OrgSelect } from './OrgSelect';
import { localName, useReferenceData } from './referenceData';

interface Props {
  trigger: ReactElement;
  /** Absent: a new customer. */
  customer?: Customer;
  /** After a save: the list reloads with the user's filters as they are. */
  onSaved: () => void;
}

type Values = Partial<Pick<Customer, 'name' | 'creditCode' | 'industry' | 'level' | 'org' | 'state' | 'address' | 'remarks' | 'tags'>> & {
  relationshipGrade?: string;
};

/**
 * Create or edit a customer (ProForm in a modal) with the server's rules: the credit code's
 * check character is verified before sending, and a 422 puts the server's message on the
 * field it names. After an add the form stays open and empties for the next customer
 * ("新增成功!"); after an edit it closes ("保存成功!"), and when the edit took the customer out
 * of the caller's sight (X-MAMS-Out-Of-Scope) it says so and goes to the customer list.
 * Closing with unsaved input asks first.
 */
export default function CustomerForm({ trigger, customer, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const reference = useReferenceData();
  const editing = !!customer;
  const guard = useFormGuard(form);
  const report = useFailureReport(form);
  const failed = (error: unknown) => report(editing ? t('common.saveFailed') : t('common.addFailed'), error);

  return (
    <ModalForm<Values>
      title={editing ? t('customer.editTitle') : t('customer.create')}
      trigger={trigger}
      form={form}
      width={720}
      grid
      rowProps={{ gutter: 16 }}
      colProps={{ xs: 24, md: 12 }}
      initialValues={
        customer
          ? { ...customer, relationshipGrade: customer.relationshipGrade ?? undefined, creditCode: customer.creditCode ?? undefined }
          : { state: 'potential', level: 'local' }
      }
      {...guard.props}
      onFinish={async (values) => {
        const body = { ...values, tags: values.tags ?? [] };
        try {
          if (editing && customer) {
            const saved = await apiWithHeaders<Customer>('PATCH', `/api/v1/customers/${customer.id}`, {
              body,
              headers: { 'If-Match': `"${customer.version}"` },
            });
            guard.saved();
            if (isOutOfScope(saved.headers)) {
              // Saved, but no longer the caller's: its 360° page would answer 404.
              message.warning(t('customer.savedOutOfScope'));
              onSaved();
              navigate('/customers');
              return true;
            }
            message.success(t('common.saveSuccess'));
            onSaved();
            return true;
          }
          await api('POST', '/api/v1/customers', { body });
          message.success(t('common.addSuccess'));
          onSaved();
          form.resetFields();
          return false; // stays open for the next customer
        } catch (error) {
          failed(error);
          return false;
        }
      }}
    >
      <ProFormText
        name="name"
        label={t('customer.name')}
        rules={[{ required: true, message: t('customer.nameRequired') }]}
        fieldProps={{ maxLength: 200, id: 'customer-name' }}
      />
      <ProFormText
        name="creditCode"
        label={t('customer.creditCode')}
        fieldProps={{ maxLength: 18, id: 'customer-creditCode' }}
        normalize={(value?: string) => value?.toUpperCase().trim()}
        rules={[
          { required: !editing, message: t('customer.creditCodeRequired') },
          {
            validator: async (_rule, value?: string) => {
              if (value && !isValidCreditCode(value)) throw new Error(t('customer.creditCodeInvalid'));
            },
          },
        ]}
      />
      <ProFormSelect
        name="industry"
        label={t('customer.industry')}
        showSearch
        rules={[{ required: true, message: t('customer.industryRequired') }]}
        options={(reference?.industries ?? []).map((industry) => ({
          value: industry.code,
          label: `${industry.code} ${localName(industry, i18n.language)}`,
        }))}
        fieldProps={{ id: 'customer-industry' }}
      />
      <OrgSelect label={t('customer.org')} rules={[{ required: true, message: t('customer.orgRequired') }]} fieldProps={{ id: 'customer-org' }} />
      <ProFormSelect
        name="level"
        label={t('customer.level')}
        rules={[{ required: true, message: t('customer.levelRequired') }]}
        options={(['group', 'province', 'local'] as const).map((level) => ({
          value: level,
          label: t(`customer.levels.${level}`),
        }))}
        fieldProps={{ id: 'customer-level' }}
      />
      {!editing && (
        <ProFormSelect
          name="state"
          label={t('customer.state')}
          options={(['potential', 'active'] as const).map((state) => ({
            value: state,
            label: t(`customer.states.${state}`),
          }))}
        />
      )}
      <ProFormSelect
        name="relationshipGrade"
        label={t('customer.relationshipGrade')}
        allowClear
        options={(['partner', 'functional', 'emotional', 'drifting'] as const).map((grade) => ({
          value: grade,
          label: t(`customer.relationshipGrades.${grade}`),
        }))}
      />
      <ProFormSelect name="tags" label={t('customer.tags')} mode="tags" fieldProps={{ tokenSeparators: [',', '，'] }} />
      <ProFormText name="address" label={t('customer.address')} colProps={{ span: 24 }} />
      <ProFormTextArea name="remarks" label={t('customer.remarks')} colProps={{ span: 24 }} />
    </ModalForm>
  );
}
