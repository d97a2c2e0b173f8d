import { Alert, App, Button, Form, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { MfaEnrollment, MfaStatus } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useSession } from './session-context.js';

const CODE_PATTERN = /^\d{6}$/;

/**
 * Two-factor authentication (TOTP) for the signed-in user: start enrollment
 * (the secret and the otpauth URI shown as text, for an authenticator app),
 * confirm it with a code, or switch it off with a code.
 */
export function TwoFactorPanel({ onChanged }: { onChanged?: () => void }) {
  const { api, refresh } = useSession();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [status, setStatus] = useState<MfaStatus | null>(null);
  const [enrollment, setEnrollment] = useState<MfaEnrollment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ code: string }>();

  const load = useCallback(async () => {
    try {
      setStatus(await api.mfaStatus());
    } catch (failure) {
      setError(describeError(failure, t));
    }
  }, [api, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      setEnrollment(await api.startMfaEnrollment());
      form.resetFields();
    });

  const submitCode = ({ code }: { code: string }) =>
    run(async () => {
      const next = status?.enabled ? await api.disableMfa(code.trim()) : await api.confirmMfa(code.trim());
      setStatus(next);
      setEnrollment(null);
      form.resetFields();
      toast.success(t(next.enabled ? 'mfa.enabled' : 'mfa.disabled'));
      await refresh();
      onChanged?.();
    });

  if (!status) return error ? <Alert type="error" showIcon title={error} /> : <Spin />;

  const codeForm = (submitLabel: string, danger: boolean) => (
    <Form form={form} layout="inline" onFinish={submitCode} requiredMark={false}>
      <Form.Item name="code" rules={[{ required: true, pattern: CODE_PATTERN, message: t('mfa.codeInvalid') }]}>
        <Input placeholder={t('mfa.codePlaceholder')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="mfa-code" />
      </Form.Item>
      <Button type="primary" danger={danger} htmlType="submit" loading={busy} data-testid="mfa-submit">
        {submitLabel}
      </Button>
    </Form>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="mfa-panel">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('mfa.intro')}
      </Typography.Paragraph>
      <div>
        {t('mfa.status')}{' '}
        <Tag color={status.enabled ? 'green' : 'default'} data-testid="mfa-status">
          {t(status.enabled ? 'mfa.status.on' : 'mfa.status.off')}
        </Tag>
        {status.required && <Tag color="orange">{t('mfa.requiredByTenant')}</Tag>}
      </div>
      {error && <Alert type="error" showIcon title={error} />}
      {status.enabled ? (
        <>
          <Typography.Text>{t('mfa.disableHint')}</Typography.Text>
          {codeForm(t('mfa.disable'), true)}
        </>
      ) : enrollment ? (
        <>
          <Typography.Text>{t('mfa.step.scan')}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{t('mfa.secret')}</Typography.Text>
            <Typography.Paragraph copyable code data-testid="mfa-secret" style={{ marginBottom: 0 }}>
              {enrollment.secret}
            </Typography.Paragraph>
          </div>
          <div>
            <Typography.Text type="secondary">{t('mfa.uri')}</Typography.Text>
            <Typography.Paragraph copyable code style={{ wordBreak: 'break-all', marginBottom: 0 }} data-testid="mfa-uri">
              {enrollment.otpauthUri}
            </Typography.Paragraph>
          </div>
          <Typography.Text>{t('mfa.step.confirm')}</Typography.Text>
          {codeForm(t('mfa.confirm'), false)}
        </>
      ) : (
        <Button type="primary" onClick={() => void start()} loading={busy} data-testid="mfa-start">
          {t('mfa.start')}
        </Button>
      )}
    </Space>
  );
}

/** The panel in a dialog, opened from the user menu. */
export function TwoFactorDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal open={open} title={t('mfa.title')} footer={null} onCancel={onClose} destroyOnHidden>
      <TwoFactorPanel />
    </Modal>
  );
}
