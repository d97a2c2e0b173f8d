import { Alert, App, Card, Flex, Spin, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSession } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { saveMfaRequired } from './staff-security-actions.js';

/** 员工登录安全: whether every staff user must use two-factor login. Rendered on the admin-only settings page. */
export function StaffSecurityCard() {
  const { api } = useSession();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [mfaRequired, setMfaRequired] = useState<boolean | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.getStaffSecurity().then(
      (settings) => {
        if (!cancelled) setMfaRequired(settings.mfaRequired);
      },
      (failure: unknown) => {
        if (!cancelled) setLoadError(describeError(failure, t));
      },
    );
    return () => {
      cancelled = true;
    };
    // t is left out on purpose: a language switch must not refetch.
  }, [api]);

  const change = async (required: boolean) => {
    if (mfaRequired === null) return;
    setSaving(true);
    setSaveError(null);
    const result = await saveMfaRequired(api, required, mfaRequired);
    setSaving(false);
    setMfaRequired(result.mfaRequired);
    if (result.ok) toast.success(t(result.mfaRequired ? 'staffSecurity.mfaRequired.on' : 'staffSecurity.mfaRequired.off'));
    else setSaveError(result.ownMfaMissing ? t('staffSecurity.ownMfaMissing') : describeError(result.failure, t));
  };

  return (
    <Card title={t('staffSecurity.title')} data-testid="staff-security-card">
      <Typography.Paragraph type="secondary">{t('staffSecurity.intro')}</Typography.Paragraph>
      {loadError ? (
        <Alert type="error" showIcon title={t('staffSecurity.loadFailed')} description={loadError} data-testid="staff-security-load-error" />
      ) : mfaRequired === null ? (
        <Spin size="small" />
      ) : (
        <Flex gap={12} align="center">
          <Switch checked={mfaRequired} loading={saving} onChange={(checked) => void change(checked)} data-testid="staff-mfa-required" />
          <Typography.Text>{t('staffSecurity.mfaRequired.label')}</Typography.Text>
        </Flex>
      )}
      {saveError && <Alert type="error" showIcon title={t('staffSecurity.saveFailed')} description={saveError} style={{ marginTop: 16 }} data-testid="staff-security-error" />}
    </Card>
  );
}
