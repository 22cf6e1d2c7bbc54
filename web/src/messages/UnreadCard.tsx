import { Card, Empty, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { Page } from '../api/client';
import { formatDateTime } from '../i18n';
import { describeError } from '../i18n/errors';
import type { Message } from './messageApi';

const SHOWN = 5;

/** 待办 on the 工作台: the newest unread messages, each opening the message centre. */
export default function UnreadCard() {
  const { t } = useTranslation();
  const [page, setPage] = useState<Page<Message>>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    api<Page<Message>>('GET', '/api/v1/messages', { query: { unread: 'true', limit: SHOWN } })
      .then(setPage)
      .catch((failure) => setError(describeError(failure)));
  }, []);

  return (
    <Card
      title={t('messages.todo')}
      loading={!page && !error}
      extra={<Link to="/messages">{t('messages.more')}</Link>}
      data-testid="todo-messages"
    >
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {page && page.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('messages.noTodo')} />}
      {page && page.items.length > 0 && (
        <List
          size="small"
          dataSource={page.items}
          renderItem={(message) => (
            <List.Item extra={<Typography.Text type="secondary">{formatDateTime(message.createdAt)}</Typography.Text>}>
              <Link to="/messages">{message.subject}</Link>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {message.senderName || t('messages.system')}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
