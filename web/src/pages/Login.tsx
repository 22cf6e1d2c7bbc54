import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { LoginForm, ProFormText } from '@ant-design/pro-components';
import { Alert, Button, Card, List, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useAuth } from '../auth/AuthContext';
import LanguageSwitch from '../layout/LanguageSwitch';
import { describeError } from '../i18n/errors';

type Stage = 'password' | 'verify' | 'enroll' | 'recovery';

/**
 * Log-in: the password; then, for roles that need a second factor, the TOTP code — or, the
 * first time, enrolment (QR code, first code) and the ten recovery codes, shown once.
 */
export default function Login() {
  const { t } = useTranslation();
  const { login, verifyTotp, enrollTotp, activateTotp, finishLogin, expired, me } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string>();
  const [stage, setStage] = useState<Stage>(me?.mfaPending ? 'verify' : 'password');
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string }>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>([]);
  const target = (location.state as { from?: string } | null)?.from ?? '/';

  const explain = (caught: unknown): string => {
    if (!(caught instanceof ApiError)) return t('login.failed', { reason: String(caught) });
    if (caught.code === 'invalid_credentials') return t('login.invalidCredentials');
    if (caught.code === 'invalid_code') return t('login.invalidCode');
    if (caught.code === 'account_locked') {
      return caught.retryAfterSeconds
        ? t('login.locked', { minutes: Math.ceil(caught.retryAfterSeconds / 60) })
        : t('login.lockedNoTime');
    }
    return t('login.failed', { reason: describeError(caught) });
  };

  const submitText = { password: t('login.submit'), verify: t('login.verify'), enroll: t('login.activate'), recovery: '' }[stage];

  if (stage === 'recovery') {
    return (
      <div style={{ minHeight: '100vh', background: '#f0f2f5', paddingTop: 64 }}>
        <Card title={t('login.recoveryTitle')} style={{ maxWidth: 480, margin: '0 auto' }}>
          <Alert type="warning" showIcon message={t('login.recoveryHint')} style={{ marginBottom: 16 }} />
          <List
            size="small"
            bordered
            dataSource={recoveryCodes}
            renderItem={(code) => (
              <List.Item>
                <Typography.Text code copyable>
                  {code}
                </Typography.Text>
              </List.Item>
            )}
          />
          <Button
            type="primary"
            block
            style={{ marginTop: 16 }}
            onClick={async () => {
              await finishLogin();
              navigate(target, { replace: true });
            }}
          >
            {t('login.continue')}
          </Button>
        </Card>
      </div>
    );
  }

  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5', paddingTop: 64 }}>
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <LoginForm
        title={t('login.title')}
        subTitle={t('login.subtitle')}
        submitter={{ searchConfig: { submitText } }}
        onFinish={async (values: { username?: string; password?: string; code?: string }) => {
          setError(undefined);
          try {
            if (stage === 'password') {
              const answer = await login(values.username ?? '', values.password ?? '');
              if (answer.mfaRequired && answer.totpEnrolled) {
                setStage('verify');
                return true;
              }
              if (answer.mfaRequired) {
                setEnrolment(await enrollTotp());
                setStage('enroll');
                return true;
              }
            } else if (stage === 'verify') {
              await verifyTotp(values.code ?? '');
            } else if (stage === 'enroll') {
              setRecoveryCodes(await activateTotp(values.code ?? ''));
              setStage('recovery');
              return true;
            }
            navigate(target, { replace: true });
          } catch (caught) {
            setError(explain(caught));
          }
          return true;
        }}
      >
        {expired && !error && stage === 'password' && (
          <Alert type="warning" showIcon message={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {stage === 'verify' && <Alert type="info" showIcon message={t('login.mfaRequired')} style={{ marginBottom: 16 }} />}
        {stage === 'enroll' && enrolment && (
          <Space direction="vertical" align="center" style={{ width: '100%', marginBottom: 16 }}>
            <Alert type="info" showIcon message={t('login.enrollHint')} />
            <QRCode value={enrolment.otpauthUri} size={168} />
            <Typography.Text copyable code data-testid="totp-secret">
              {enrolment.secret}
            </Typography.Text>
          </Space>
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {stage === 'password' ? (
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
        ) : (
          <ProFormText
            name="code"
            fieldProps={{ size: 'large', prefix: <SafetyOutlined />, autoComplete: 'one-time-code', inputMode: 'numeric', id: 'login-code' }}
            placeholder={t('login.totpCode')}
            rules={[{ required: true, message: t('login.totpCode') }]}
          />
        )}
      </LoginForm>
    </div>
  );
}
