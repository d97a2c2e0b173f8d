import { App, Button, Card, Form, InputNumber, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { RETENTION_CLASSES, type PrivacyApi, type RetentionDays } from './privacy-api.js';

// The server's limits: the Cybersecurity Law asks for network logs kept at least six months.
const MIN_DAYS: Record<keyof RetentionDays, number> = { conversations: 1, attachments: 1, recordings: 1, analyticsEvents: 1, auditLog: 180 };

/** Days each data class is kept before the daily purge removes it. */
export function RetentionCard({ privacy }: { privacy: PrivacyApi }) {
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [retention, setRetention] = useState<RetentionDays | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    privacy.settings().then((s) => setRetention(s.retention), (e: unknown) => setError(describeError(e, t)));
  }, [privacy, t]);

  if (!retention) return error ? <LoadFailedAlert title={t('privacy.loadFailed')} error={error} /> : <Skeleton active />;

  const save = async (values: RetentionDays) => {
    setSaving(true);
    try {
      setRetention((await privacy.saveSettings({ retention: values })).retention);
      toast.success(t('privacy.saved'));
    } catch (e) {
      toast.error(describeError(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('privacy.retention.title')} data-testid="privacy-retention-card">
      <Form<RetentionDays> layout="horizontal" labelCol={{ span: 8 }} initialValues={retention} onFinish={(values) => void save(values)}>
        {RETENTION_CLASSES.map((dataClass) => (
          <Form.Item key={dataClass} name={dataClass} label={t(`privacy.retention.${dataClass}`)} rules={[{ required: true, type: 'integer', min: MIN_DAYS[dataClass], max: 3650 }]}>
            <InputNumber min={MIN_DAYS[dataClass]} max={3650} addonAfter={t('privacy.retention.days')} data-testid={`privacy-retention-${dataClass}`} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="privacy-retention-save">
          {t('privacy.save')}
        </Button>
      </Form>
    </Card>
  );
}
