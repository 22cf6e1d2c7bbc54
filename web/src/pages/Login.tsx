import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { LoginForm, ProFormText } from '@ant-design/pro-components';
import { Alert } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import LanguageSwitch from '../layout/LanguageSwitch';

/** Log-in: password first, then the TOTP code for roles that need a second factor. */
export default function Login() {
  const { t } = useTranslation();
  const { login, verifyTotp, expired, me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const needsCode = !!me?.mfaPending;
  const target = (location.state as { from?: string } | null)?.from ?? '/';

  const explain = (caught: unknown): string => {
    if (!(caught instanceof ApiError)) return t('login.failed', { reason: String(caught) });
    if (caught.code === 'invalid_credentials') return t('login.invalidCredentials');
    if (caught.code === 'account_locked') {
      return caught.retryAfterSeconds
        ? t('login.locked', { minutes: Math.ceil(caught.retryAfterSeconds / 60) })
        : t('login.lockedNoTime');
    }
    return t('login.failed', { reason: caught.message });
  };

  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', paddingTop: 64 }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <LoginForm
        title={t('login.title')}
        subTitle={t('login.subtitle')}
        submitter={{ searchConfig: { submitText: needsCode ? t('login.verify') : t('login.submit') } }}
        onFinish={async (values: { username?: string; password?: string; code?: string }) => {
          setError(undefined);
          try {
            if (needsCode) {
              await verifyTotp(values.code ?? '');
            } else {
              const answer = await login(values.username ?? '', values.password ?? '');
              if (answer.mfaRequired) return true;
            }
            navigate(target, { replace: true });
          } catch (caught) {
            setError(explain(caught));
          }
          return true;
        }}
      >
        {expired && !error && <Alert type="warning" showIcon message={t('login.sessionExpired')} style={{ marginBottom: 16 }} />}
        {needsCode && <Alert type="info" showIcon message={t('login.mfaRequired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {needsCode ? (
          <ProFormText
            name="code"
            fieldProps={{ size: 'large', prefix: <SafetyOutlined />, autoComplete: 'one-time-code', inputMode: 'numeric' }}
            placeholder={t('login.totpCode')}
            rules={[{ required: true, message: t('login.totpCode') }]}
          />
        ) : (
          <>
            <ProFormText
              name="username"
              fieldProps={{ size: 'large', prefix: <UserOutlined />, autoComplete: 'username', id: 'login-username' }}
              placeholder={t('login.username')}
              rules={[{ required: true, message: t('login.usernameRequired') }]}
            />
            <ProFormText.Password
              name="password"
              fieldProps={{ size: 'large', prefix: <LockOutlined />, autoComplete: 'current-password', id: 'login-password' }}
              placeholder={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            />
          </>
        )}
      </LoginForm>
    </div>
  );
}
