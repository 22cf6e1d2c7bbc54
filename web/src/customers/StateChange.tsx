import { ModalForm, ProFormSelect, ProFormTextArea } from '@ant-design/pro-components';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useEditor } from '../layout/formGuard';
import type { Customer, CustomerState } from '../api/types';

// The state machine of the accounts module (modules/accounts/customers/customer_state.cpp): what the
// server accepts from each state; anything else it refuses with 422.
export const NEXT_STATES: Record<CustomerState, CustomerState[]> = {
  potential: ['active'],
  active: ['suspended', 'churned'],
  suspended: ['active', 'churned'],
  churned: ['active'],
};

/** Moves a customer to another state with a reason (recorded with date and user). */
export default function StateChange({ customer, onChanged }: { customer: Customer; onChanged: () => void }) {
  const { t } = useTranslation();
  const { submit, props: editor } = useEditor(onChanged);
  const choices = NEXT_STATES[customer.state] ?? [];
  if (choices.length === 0) return null;
  return (
    <ModalForm
      title={t('customer.changeState')}
      {...editor}
      width={480}
      initialValues={{ state: choices[0] }}
      trigger={<Button data-testid="state-change">{t('customer.changeState')}</Button>}
      onFinish={(values: { state: CustomerState; reason: string }) =>
        submit(false, () =>
          api('POST', `/api/v1/customers/${customer.id}/state`, {
            body: values,
            headers: { 'If-Match': `"${customer.version}"` },
          }),
        )
      }
    >
      <ProFormSelect
        name="state"
        label={t('customer.state')}
        rules={[{ required: true }]}
        options={choices.map((state) => ({ value: state, label: t(`customer.states.${state}`) }))}
      />
      <ProFormTextArea name="reason" label={t('customer.stateReason')} rules={[{ required: true, message: t('customer.stateReasonRequired') }]} fieldProps={{ id: 'state-reason' }} />
    </ModalForm>
  );
}
