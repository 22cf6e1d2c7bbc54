import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';

/** A page only for holders of `permission` (anyone when absent); others see a 403 page. */
export default function RequirePermission({ permission, children }: { permission?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (!permission || can(permission)) return <>{children}</>;
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title="403"
        subTitle={t('common.forbidden')}
        extra={
          <Link to="/dashboard">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </div>
  );
}
