import { App, Button, Card, Form, Input, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import type { PrivacyApi, PrivacySettings } from './privacy-api.js';

interface NoticeForm {
  text: string;
  url: string;
  requireNoticeConsent: boolean;
}

/** The notice editor: a changed text or link is saved as the next version, which every visitor accepts again. */
export function PrivacyNoticeCard({ privacy }: { privacy: PrivacyApi }) {
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const [settings, setSettings] = useState<PrivacySettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<NoticeForm>();

  useEffect(() => {
    privacy.settings().then(setSettings, (e: unknown) => setError(describeError(e, t)));
  }, [privacy, t]);

  if (!settings) return error ? <LoadFailedAlert title={t('privacy.loadFailed')} error={error} /> : <Skeleton active />;

  const save = async (values: NoticeForm) => {
    setSaving(true);
    try {
      const next = await privacy.saveSettings({ notice: { text: values.text.trim(), url: values.url.trim() || null }, requireNoticeConsent: values.requireNoticeConsent });
      toast.success(next.notice.version > settings.notice.version ? t('privacy.notice.savedNewVersion', { version: next.notice.version }) : t('privacy.saved'));
      setSettings(next);
    } catch (e) {
      toast.error(describeError(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('privacy.notice.title')} data-testid="privacy-notice-card">
      <Typography.Paragraph data-testid="privacy-notice-version">
        {t('privacy.notice.version', { version: settings.notice.version })}
        {settings.notice.updatedAt ? ` · ${t('privacy.notice.updatedAt', { at: formatDateTime(settings.notice.updatedAt, locale) })}` : ''}
      </Typography.Paragraph>
      <Form<NoticeForm>
        form={form}
        layout="vertical"
        initialValues={{ text: settings.notice.text, url: settings.notice.url ?? '', requireNoticeConsent: settings.requireNoticeConsent }}
        onFinish={(values) => void save(values)}
      >
        <Form.Item name="text" label={t('privacy.notice.text')} rules={[{ required: true, min: 10, max: 2000, whitespace: true, message: t('privacy.notice.textRule') }]}>
          <Input.TextArea rows={6} maxLength={2000} showCount data-testid="privacy-notice-text" />
        </Form.Item>
        <Form.Item name="url" label={t('privacy.notice.url')} rules={[{ type: 'url', message: t('privacy.notice.urlRule') }]}>
          <Input placeholder="https://" data-testid="privacy-notice-url" />
        </Form.Item>
        <Form.Item name="requireNoticeConsent" label={t('privacy.notice.required')} valuePropName="checked" extra={t('privacy.notice.requiredHelp')}>
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="privacy-notice-save">
          {t('privacy.save')}
        </Button>
      </Form>
    </Card>
  );
}
