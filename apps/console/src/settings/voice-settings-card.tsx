import { Alert, App, Button, Card, Flex, Form, Input, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { VoiceSettings } from '../api/api-types.js';
import { useSession } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { chosenProviders, voiceFormOf, voiceSettingsUpdate, type CloudProvider, type VoiceForm } from './voice-settings-form.js';

/** Each provider's credential fields: [form key, label, secret?]. */
const FIELDS: { [P in CloudProvider]: [keyof VoiceForm[P] & string, MessageKey, boolean][] } = {
  aliyun: [
    ['appKey', 'voiceSettings.aliyun.appKey', false],
    ['accessKeyId', 'voiceSettings.aliyun.accessKeyId', false],
    ['accessKeySecret', 'voiceSettings.aliyun.accessKeySecret', true],
  ],
  tencent: [
    ['appId', 'voiceSettings.tencent.appId', false],
    ['secretId', 'voiceSettings.tencent.secretId', false],
    ['secretKey', 'voiceSettings.tencent.secretKey', true],
    ['voiceType', 'voiceSettings.tencent.voiceType', false],
  ],
  iflytek: [
    ['appId', 'voiceSettings.iflytek.appId', false],
    ['apiKey', 'voiceSettings.iflytek.apiKey', false],
    ['apiSecret', 'voiceSettings.iflytek.apiSecret', true],
    ['voice', 'voiceSettings.iflytek.voice', false],
  ],
};

function secretSet(settings: VoiceSettings, provider: CloudProvider): boolean {
  if (provider === 'aliyun') return settings.aliyun?.accessKeySecretSet ?? false;
  if (provider === 'tencent') return settings.tencent?.secretKeySet ?? false;
  return settings.iflytek?.apiSecretSet ?? false;
}

/** 语音服务: which recogniser and synthesiser the tenant uses, and the chosen cloud providers' credentials. */
export function VoiceSettingsCard() {
  const { api } = useSession();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [loaded, setLoaded] = useState<VoiceSettings | null>(null);
  const [form, setForm] = useState<VoiceForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.getVoiceSettings().then(
      (settings) => {
        if (cancelled) return;
        setLoaded(settings);
        setForm(voiceFormOf(settings));
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

  const save = async () => {
    if (!form || !loaded) return;
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await api.updateVoiceSettings(voiceSettingsUpdate(form, loaded));
      setLoaded(saved);
      setForm(voiceFormOf(saved));
      toast.success(t('voiceSettings.saved'));
    } catch (failure) {
      // The draft stays as typed, so the admin can correct it.
      setSaveError(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  const provider = (p: CloudProvider) => {
    if (!form || !loaded) return null;
    const values = form[p] as Record<string, string>;
    return (
      <Card key={p} type="inner" size="small" title={t(`voiceSettings.provider.${p}`)} data-testid={`voice-provider-${p}`}>
        {FIELDS[p].map(([key, label, secret]) => (
          <Form.Item key={key} label={t(label)} style={{ marginBottom: 12 }}>
            {secret ? (
              <Input.Password
                value={values[key]}
                autoComplete="new-password"
                placeholder={secretSet(loaded, p) ? t('voiceSettings.secretKept') : ''}
                onChange={(e) => setForm({ ...form, [p]: { ...form[p], [key]: e.target.value } })}
                data-testid={`voice-${p}-${key}`}
              />
            ) : (
              <Input value={values[key]} onChange={(e) => setForm({ ...form, [p]: { ...form[p], [key]: e.target.value } })} data-testid={`voice-${p}-${key}`} />
            )}
          </Form.Item>
        ))}
      </Card>
    );
  };

  return (
    <Card title={t('voiceSettings.title')} data-testid="voice-settings-card">
      <Typography.Paragraph type="secondary">{t('voiceSettings.intro')}</Typography.Paragraph>
      {loadError ? (
        <Alert type="error" showIcon title={t('voiceSettings.loadFailed')} description={loadError} data-testid="voice-settings-load-error" />
      ) : !form || !loaded ? (
        <Spin size="small" />
      ) : (
        <Form layout="vertical">
          {loaded.mainlandProvidersOnly && <Alert type="info" showIcon title={t('voiceSettings.mainlandOnly')} style={{ marginBottom: 16 }} data-testid="voice-mainland-only" />}
          <Flex gap={16} wrap>
            <Form.Item label={t('voiceSettings.recognizer')} style={{ minWidth: 240 }}>
              <Select
                value={form.recognizer}
                onChange={(recognizer) => setForm({ ...form, recognizer })}
                options={(['none', 'aliyun', 'tencent', 'iflytek'] as const).map((value) => ({ value, label: t(value === 'none' ? 'voiceSettings.recognizer.none' : `voiceSettings.provider.${value}`) }))}
                data-testid="voice-recognizer"
              />
            </Form.Item>
            <Form.Item label={t('voiceSettings.synthesizer')} style={{ minWidth: 240 }}>
              <Select
                value={form.synthesizer}
                onChange={(synthesizer) => setForm({ ...form, synthesizer })}
                options={(['espeak', 'aliyun', 'tencent', 'iflytek'] as const).map((value) => ({ value, label: t(`voiceSettings.provider.${value}`) }))}
                data-testid="voice-synthesizer"
              />
            </Form.Item>
          </Flex>
          <Flex vertical gap={12}>
            {chosenProviders(form).map(provider)}
          </Flex>
          {saveError && <Alert type="error" showIcon title={t('voiceSettings.saveFailed')} description={saveError} style={{ marginTop: 16 }} data-testid="voice-settings-error" />}
          <Button type="primary" loading={saving} onClick={() => void save()} style={{ marginTop: 16 }} data-testid="voice-settings-save">
            {t('voiceSettings.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
