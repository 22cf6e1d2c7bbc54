import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { UNREAD_CHANGED, unreadCount } from './messageApi';

const POLL_MS = 60_000;

/** The header's bell: how many of the user's messages are unread; opens the message centre. */
export default function UnreadBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [count, setCount] = useState(0);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      if (document.hidden) return; // a background tab asks again when shown
      unreadCount()
        .then((n) => live && setCount(n))
        .catch(() => undefined); // the bell stays as it was; the page shows errors
    };
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    window.addEventListener(UNREAD_CHANGED, refresh);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener(UNREAD_CHANGED, refresh);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, []);

  return (
    <Tooltip title={t('messages.bell')}>
      <Badge count={count} size="small" data-testid="unread-count">
        <Button type="text" icon={<BellOutlined />} aria-label={t('messages.bell')} onClick={() => navigate('/messages')} />
      </Badge>
    </Tooltip>
  );
}
