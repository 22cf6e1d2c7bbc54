import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { ActionType, ProColumns } from '@ant-design/pro-components';
import { App, Button, Drawer, Form, Input, Modal, Select, Switch, Tabs, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { tablePage } from '../api/tablePage';
import { formatDateTime } from '../i18n';
import { describeError } from '../i18n/errors';
import type { Message, Recipient } from './messageApi';
import { isConsolePath, markRead, unreadChanged } from './messageApi';

type Box = 'inbox' | 'sent';

/** The notification centre (消息中心): inbox and sent messages, reading, writing. */
export default function MessageCenter() {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const table = useRef<ActionType>();
  const [box, setBox] = useState<Box>('inbox');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [open, setOpen] = useState<Message>();
  const [composing, setComposing] = useState(false);

  const show = async (row: Message) => {
    setOpen(row);
    if (box === 'inbox' && !row.readAt) {
      try {
        setOpen(await markRead(row.id));
        table.current?.reload();
      } catch (error) {
        toast.error(describeError(error));
      }
    }
  };

  const readAll = async () => {
    try {
      const { marked } = await api<{ marked: number }>('POST', '/api/v1/messages/read-all');
      toast.success(t('messages.markedAll', { count: marked }));
      unreadChanged();
      table.current?.reload();
    } catch (error) {
      toast.error(describeError(error));
    }
  };

  const who = (row: Message) =>
    box === 'inbox' ? row.senderName || t('messages.system') : row.recipientName || row.recipientId;

  const columns: ProColumns<Message>[] = [
    {
      title: t('messages.subject'),
      dataIndex: 'subject',
      ellipsis: true,
      render: (_, row) => (
        <Typography.Link strong={box === 'inbox' && !row.readAt} onClick={() => void show(row)} data-testid="message-subject">
          {row.subject}
        </Typography.Link>
      ),
    },
    { title: box === 'inbox' ? t('messages.from') : t('messages.to'), dataIndex: 'who', width: 160, render: (_, row) => who(row) },
    { title: t('messages.at'), dataIndex: 'createdAt', width: 170, render: (_, row) => formatDateTime(row.createdAt) },
    {
      title: t('messages.state'),
      dataIndex: 'readAt',
      width: 90,
      render: (_, row) => (row.readAt ? <Tag>{t('messages.read')}</Tag> : <Tag color="blue">{t('messages.unread')}</Tag>),
    },
  ];

  return (
    <PageContainer title={t('messages.title')}>
      <Tabs
        activeKey={box}
        onChange={(key) => setBox(key as Box)}
        items={[
          { key: 'inbox', label: t('messages.inbox') },
          { key: 'sent', label: t('messages.sent') },
        ]}
      />
      <ProTable<Message>
        rowKey="id"
        actionRef={table}
        columns={columns}
        search={false}
        params={{ box, unreadOnly }}
        pagination={{ defaultPageSize: 20 }}
        request={(params) =>
          tablePage<Message>('/api/v1/messages', { box, unread: box === 'inbox' && unreadOnly ? 'true' : undefined }, params, 20)
        }
        toolBarRender={() => [
          box === 'inbox' && (
            <span key="unread">
              {t('messages.unreadOnly')} <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} data-testid="unread-only" />
            </span>
          ),
          box === 'inbox' && (
            <Button key="all" icon={<CheckOutlined />} onClick={() => void readAll()} data-testid="read-all">
              {t('messages.readAll')}
            </Button>
          ),
          <Button key="compose" type="primary" icon={<EditOutlined />} onClick={() => setComposing(true)} data-testid="compose">
            {t('messages.compose')}
          </Button>,
        ]}
      />
      <Drawer open={!!open} width={520} title={open?.subject} onClose={() => setOpen(undefined)} data-testid="message-drawer">
        {open && (
          <>
            <Typography.Paragraph type="secondary">
              {t('messages.from')}：{open.senderName || t('messages.system')} · {t('messages.to')}：{open.recipientName} · {formatDateTime(open.createdAt)}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="message-body">
              {open.body}
            </Typography.Paragraph>
            {isConsolePath(open.link) && <Link to={open.link}>{t('messages.open')}</Link>}
          </>
        )}
      </Drawer>
      <Compose
        open={composing}
        onClose={(sent) => {
          setComposing(false);
          if (sent) {
            toast.success(t('messages.sentOk'));
            table.current?.reload();
          }
        }}
      />
    </PageContainer>
  );
}

interface ComposeValues {
  recipientId: string;
  subject: string;
  body?: string;
}

function Compose({ open, onClose }: { open: boolean; onClose: (sent: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ComposeValues>();
  const [options, setOptions] = useState<Recipient[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState('');

  // Asked a moment after the last keystroke; an answer to an older query is dropped.
  useEffect(() => {
    if (!query.trim()) {
      setOptions([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      api<{ items: Recipient[] }>('GET', '/api/v1/messages/recipients', { query: { q: query.trim() } })
        .then((answer) => current && setOptions(answer.items))
        .catch(() => current && setOptions([]));
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [query]);

  const send = async () => {
    const values = await form.validateFields();
    setSending(true);
    setError(undefined);
    try {
      await api('POST', '/api/v1/messages', { body: values });
      form.resetFields();
      onClose(true);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('messages.compose')}
      okText={t('messages.send')}
      confirmLoading={sending}
      onOk={() => void send()}
      onCancel={() => onClose(false)}
      destroyOnClose
    >
      <Form form={form} layout="vertical" data-testid="compose-form">
        <Form.Item name="recipientId" label={t('fields.recipientId')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            placeholder={t('messages.recipientHint')}
            onSearch={setQuery}
            options={options.map((r) => ({ value: r.id, label: `${r.displayName}（${r.org}）` }))}
            data-testid="compose-recipient"
          />
        </Form.Item>
        <Form.Item name="subject" label={t('fields.subject')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="compose-subject" />
        </Form.Item>
        <Form.Item name="body" label={t('fields.body')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={6} data-testid="compose-body" />
        </Form.Item>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Form>
    </Modal>
  );
}
