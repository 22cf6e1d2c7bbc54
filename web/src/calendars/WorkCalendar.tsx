import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Badge, Button, Calendar, Card, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import { describeError } from '../i18n/errors';
import { useViewOrg } from '../layout/ViewOrg';

interface Hours {
  morningStart: string;
  morningEnd: string;
  afternoonStart: string;
  afternoonEnd: string;
  from: string | null;
}

interface Day {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  from: string;
}

interface Effective {
  org: string;
  year: number;
  hours: Hours;
  days: Day[];
  workingDays: number;
}

/** An org's working calendar: its year with the days that differ from the week, its hours. */
export default function WorkCalendar() {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const { me, can } = useAuth();
  const { viewOrg } = useViewOrg();
  const org = viewOrg ?? me?.org ?? '';
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [calendar, setCalendar] = useState<Effective>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<Dayjs>();
  const [editingHours, setEditingHours] = useState(false);
  // The node keeps the calendar of its own org; an administrator there is at that org.
  const editable = can('calendars:admin') && org === me?.org;

  const load = useCallback(async () => {
    try {
      setCalendar(await api<Effective>('GET', `/api/v1/calendars/${encodeURIComponent(org)}`, { query: { year: month.year() } }));
      setError(undefined);
    } catch (failure) {
      setError(describeError(failure));
    }
  }, [org, month]);

  useEffect(() => {
    void load();
  }, [load]);

  const byDate = new Map((calendar?.days ?? []).map((day) => [day.date, day]));

  const save = async (date: Dayjs, kind: string, name: string) => {
    const path = `/api/v1/calendars/${encodeURIComponent(org)}/days/${date.format('YYYY-MM-DD')}`;
    try {
      if (kind === 'clear') await api('DELETE', path);
      else await api('PUT', path, { body: { kind, name } });
      toast.success(t('calendar.saved'));
      setEditing(undefined);
      await load();
    } catch (failure) {
      toast.error(describeError(failure));
    }
  };

  const hours = calendar?.hours;
  return (
    <PageContainer title={t('calendar.title')}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {calendar && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card size="small">
            <Space wrap>
              <Typography.Text strong data-testid="working-days">
                {t('calendar.workingDays', { year: calendar.year, count: calendar.workingDays })}
              </Typography.Text>
              {hours && (
                <Typography.Text>
                  {t('calendar.hours')}：{t('calendar.hoursText', { ms: hours.morningStart, me: hours.morningEnd, as: hours.afternoonStart, ae: hours.afternoonEnd })}
                  {hours.from ? t('calendar.hoursFrom', { org: hours.from }) : t('calendar.hoursDefault')}
                </Typography.Text>
              )}
              {editable && (
                <Button size="small" onClick={() => setEditingHours(true)} data-testid="edit-hours">
                  {t('calendar.editHours')}
                </Button>
              )}
            </Space>
            {!editable && can('calendars:admin') && (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {t('calendar.readOnly', { org: me?.org })}
              </Typography.Paragraph>
            )}
          </Card>
          <Card size="small">
            <Calendar
              value={month}
              onPanelChange={(value) => setMonth(value)}
              onSelect={(date, info) => {
                if (info.source === 'date') {
                  setMonth(date);
                  if (editable) setEditing(date);
                }
              }}
              cellRender={(date, info) => {
                if (info.type !== 'date') return info.originNode;
                const day = byDate.get(date.format('YYYY-MM-DD'));
                if (!day) return null;
                return (
                  <span data-testid={`day-${day.date}`}>
                    <Badge color={day.kind === 'holiday' ? 'red' : 'orange'} text={day.kind === 'holiday' ? t('calendar.holiday') : t('calendar.workday')} />{' '}
                    <Typography.Text type="secondary">{day.name}</Typography.Text>{' '}
                    {day.from !== org && <Tag>{day.from}</Tag>}
                  </span>
                );
              }}
            />
          </Card>
        </Space>
      )}
      <DayEditor date={editing} day={editing ? byDate.get(editing.format('YYYY-MM-DD')) : undefined} onSave={save} onClose={() => setEditing(undefined)} />
      {hours && (
        <HoursEditor
          open={editingHours}
          hours={hours}
          onClose={() => setEditingHours(false)}
          onSave={async (values) => {
            try {
              await api('PUT', `/api/v1/calendars/${encodeURIComponent(org)}/hours`, { body: values });
              toast.success(t('calendar.saved'));
              setEditingHours(false);
              await load();
            } catch (failure) {
              toast.error(describeError(failure));
            }
          }}
        />
      )}
    </PageContainer>
  );
}

function DayEditor({ date, day, onSave, onClose }: { date?: Dayjs; day?: Day; onSave: (date: Dayjs, kind: string, name: string) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState('holiday');
  const [name, setName] = useState('');
  useEffect(() => {
    setKind(day?.kind ?? 'holiday');
    setName(day?.name ?? '');
  }, [date, day]);
  return (
    <Modal open={!!date} title={date && t('calendar.setDay', { date: date.format('YYYY-MM-DD') })} onCancel={onClose} onOk={() => date && void onSave(date, kind, name)} destroyOnClose>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={kind} onChange={(event) => setKind(event.target.value)} data-testid="day-kind">
          <Radio value="holiday">{t('calendar.holidayKind')}</Radio>
          <Radio value="workday">{t('calendar.workdayKind')}</Radio>
          <Radio value="clear">{t('calendar.clear')}</Radio>
        </Radio.Group>
        <Input placeholder={t('calendar.name')} maxLength={50} value={name} disabled={kind === 'clear'} onChange={(event) => setName(event.target.value)} data-testid="day-name" />
      </Space>
    </Modal>
  );
}

function HoursEditor({ open, hours, onSave, onClose }: { open: boolean; hours: Hours; onSave: (values: Omit<Hours, 'from'>) => Promise<void>; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Omit<Hours, 'from'>>();
  const fields = ['morningStart', 'morningEnd', 'afternoonStart', 'afternoonEnd'] as const;
  return (
    <Modal open={open} title={t('calendar.editHours')} onCancel={onClose} onOk={() => void form.validateFields().then(onSave)} destroyOnClose>
      <Form form={form} layout="inline" initialValues={hours}>
        {fields.map((field) => (
          <Form.Item key={field} name={field} label={t(`calendar.${field}`)} rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/ }]}>
            <Input style={{ width: 80 }} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
