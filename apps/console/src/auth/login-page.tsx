import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined, SafetyOutlined, ShopOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { LoginInput, MfaChallenge } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LanguageSwitch } from '../layout/language-switch.js';
import { useDocumentTitle } from '../layout/use-document-title.js';
import { useSession } from './session-context.js';

const DEFAULT_TENANT = 'demo-ecommerce';

/**
 * Staff sign-in: tenant, e-mail and password, then (when the user has two-factor
 * authentication on) the 6-digit code; shows the server's reason when it refuses.
 */
export function LoginPage({ expired }: { expired: boolean }) {
  const { login, completeMfaLogin } = useSession();
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  useDocumentTitle();

  const submit = async (values: LoginInput) => {
    setSubmitting(true);
    setError(null);
    try {
      const next = await login({ tenant: values.tenant.trim(), email: values.email.trim(), password: values.password });
      if (next) {
        setChallenge(next);
        setSubmitting(false);
      }
    } catch (failure) {
      setError(describeError(failure, t));
      setSubmitting(false);
    }
  };

  const submitCode = async ({ code }: { code: string }) => {
    if (!challenge) return;
    setSubmitting(true);
    setError(null);
    try {
      await completeMfaLogin(challenge.challengeToken, code.trim());
    } catch (failure) {
      setError(describeError(failure, t));
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-page__language">
        <LanguageSwitch />
      </div>
      <Card className="login-card" variant="borderless">
        <div className="login-card__brand">
          <div className="brand-mark" aria-hidden="true">
            智
          </div>
          <div>
            <Typography.Title level={3} className="login-card__title">
              {t('login.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
        </div>
        {expired && !error && <Alert type="warning" showIcon title={t('session.expired')} className="login-card__alert" />}
        {error && <Alert type="error" showIcon title={t('login.failed')} description={error} className="login-card__alert" data-testid="login-error" role="alert" />}
        {challenge ? (
          <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={submitCode} size="large" key="mfa">
            <Typography.Paragraph type="secondary">{t('login.mfa.hint')}</Typography.Paragraph>
            <Form.Item name="code" label={t('login.mfa.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.codeInvalid') }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus data-testid="login-mfa-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-mfa-submit">
              {t('login.mfa.submit')}
            </Button>
            <Button
              type="link"
              block
              onClick={() => {
                setChallenge(null);
                setError(null);
              }}
            >
              {t('login.mfa.back')}
            </Button>
          </Form>
        ) : (
          <Form<LoginInput> layout="vertical" requiredMark={false} initialValues={{ tenant: DEFAULT_TENANT }} onFinish={submit} size="large">
            <Form.Item name="tenant" label={t('login.tenant')} rules={[{ required: true, whitespace: true, message: t('login.required.tenant') }]}>
              <Input prefix={<ShopOutlined />} placeholder={t('login.tenantPlaceholder')} autoComplete="organization" data-testid="login-tenant" />
            </Form.Item>
            <Form.Item
              name="email"
              label={t('login.email')}
              rules={[
                { required: true, whitespace: true, message: t('login.required.email') },
                { type: 'email', message: t('login.invalidEmail') },
              ]}
            >
              <Input prefix={<MailOutlined />} type="email" autoComplete="username" data-testid="login-email" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.required.password') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
