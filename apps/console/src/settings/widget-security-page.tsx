import { Alert, App, Button, Card, Empty, Flex, Input, Radio, Result, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { IdentityMode } from '../api/api-types.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { identityHashSample } from './identity-hash-sample.js';
import { addOrigin } from './origin-pattern.js';
import { StaffSecurityCard } from './staff-security-card.js';
import { VoiceSettingsCard } from './voice-settings-card.js';
import { changeIdentityMode, rotateSecret, saveOrigins } from './widget-security-actions.js';
import { canManageWidgetSecurity } from './widget-security-access.js';
import { initialWidgetSecurityState, modeSwitchNeedsConfirm, originsDirty, widgetSecurityReducer } from './widget-security-state.js';

const modes: readonly IdentityMode[] = ['off', 'optional', 'required'];
const monospace = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' } as const;

/** 接入与安全: where the widget may be embedded, identity verification of visitors, and staff sign-in security. Admins only. */
export function WidgetSecurityPage() {
  const user = useSignedInUser();
  const { t } = useI18n();
  // The navigation hides the entry; this covers a typed or shared #/settings/widget-security link.
  if (!canManageWidgetSecurity(user.role)) {
    return <Result status="403" subTitle={t('widgetSecurity.forbidden')} data-testid="widget-security-forbidden" />;
  }
  return <WidgetSecurityEditor />;
}

function WidgetSecurityEditor() {
  const { api } = useSession();
  const { t } = useI18n();
  const { message: toast, modal } = App.useApp();
  // The secret is held only in this reducer: leaving the screen unmounts it and the secret is gone.
  const [state, dispatch] = useReducer(widgetSecurityReducer, undefined, initialWidgetSecurityState);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [newOrigin, setNewOrigin] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [savingOrigins, setSavingOrigins] = useState(false);
  const [changingMode, setChangingMode] = useState(false);
  const [rotating, setRotating] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api.getWidgetSecurity().then(
      (settings) => {
        if (cancelled) return;
        dispatch({ type: 'loaded', settings });
        setLoadError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setLoadError(describeError(failure, t));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
    // t is left out on purpose: a language switch must not refetch.
  }, [api, reloads]);

  const add = () => {
    const result = addOrigin(state.draft, newOrigin);
    if (!result.ok) {
      setAddError(t(`widgetSecurity.origin.${result.reason}`));
      return;
    }
    dispatch({ type: 'originAdded', origins: result.origins });
    setNewOrigin('');
    setAddError(null);
  };

  const save = async () => {
    setSavingOrigins(true);
    const saved = await saveOrigins(api, state.draft, dispatch, (failure) => describeError(failure, t));
    setSavingOrigins(false);
    if (saved) toast.success(t('widgetSecurity.origins.saved'));
  };

  const applyMode = useCallback(
    async (mode: IdentityMode) => {
      setChangingMode(true);
      try {
        await changeIdentityMode(api, mode, dispatch);
        toast.success(t('widgetSecurity.identity.changed'));
      } catch (failure) {
        toast.error(describeError(failure, t));
      } finally {
        setChangingMode(false);
      }
    },
    [api, t, toast],
  );

  const chooseMode = (mode: IdentityMode) => {
    const current = state.saved?.identity.mode ?? 'off';
    if (mode === current) return;
    if (!modeSwitchNeedsConfirm(current, mode)) {
      void applyMode(mode);
      return;
    }
    modal.confirm({
      title: t('widgetSecurity.identity.confirmRequired.title'),
      content: t('widgetSecurity.identity.confirmRequired.body'),
      okText: t('widgetSecurity.identity.confirmRequired.ok'),
      okButtonProps: { danger: true, 'data-testid': 'identity-required-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => applyMode(mode),
    });
  };

  const rotate = useCallback(async () => {
    setRotating(true);
    try {
      await rotateSecret(api, dispatch);
      toast.success(t('widgetSecurity.identity.rotated'));
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setRotating(false);
    }
  }, [api, t, toast]);

  const askRotate = () => {
    // Without a secret yet there are no signatures to break, so nothing to confirm.
    if (!state.saved?.identity.secretSet) {
      void rotate();
      return;
    }
    modal.confirm({
      title: t('widgetSecurity.identity.confirmRotate.title'),
      content: t('widgetSecurity.identity.confirmRotate.body'),
      okText: t('widgetSecurity.identity.confirmRotate.ok'),
      okButtonProps: { danger: true, 'data-testid': 'identity-rotate-confirm' },
      cancelText: t('common.cancel'),
      onOk: rotate,
    });
  };

  const saved = state.saved;
  const dirty = originsDirty(state);

  return (
    <div className="faq-page" data-testid="widget-security-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('widgetSecurity.title')}
        </Typography.Title>
      </div>
      <LoadFailedAlert title={t('widgetSecurity.loadFailed')} error={loadError} />
      {loadError && !saved && (
        <Button icon={<ReloadOutlined />} onClick={() => setReloads((n) => n + 1)}>
          {t('common.retry')}
        </Button>
      )}
      {loading && !saved && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      )}
      {saved && (
        <Space orientation="vertical" size={16} style={{ display: 'flex', maxWidth: 880 }}>
          <Card title={t('widgetSecurity.origins.title')} data-testid="origins-card">
            <Typography.Paragraph type="secondary">{t('widgetSecurity.origins.intro')}</Typography.Paragraph>
            <Space.Compact style={{ width: '100%', maxWidth: 560 }}>
              <Input
                value={newOrigin}
                status={addError ? 'error' : undefined}
                placeholder={t('widgetSecurity.origins.placeholder')}
                onChange={(event) => {
                  setNewOrigin(event.target.value);
                  setAddError(null);
                }}
                onPressEnter={add}
                style={monospace}
                data-testid="origin-input"
              />
              <Button icon={<PlusOutlined />} onClick={add} data-testid="origin-add">
                {t('widgetSecurity.origins.add')}
              </Button>
            </Space.Compact>
            <div style={{ marginTop: 4, marginBottom: 16 }}>
              {addError ? (
                <Typography.Text type="danger" data-testid="origin-input-error">
                  {addError}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('widgetSecurity.origins.hint')}
                </Typography.Text>
              )}
            </div>
            {state.draft.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('widgetSecurity.origins.empty')} />
            ) : (
              <Flex vertical gap={4} style={{ maxWidth: 560 }}>
                {state.draft.map((origin) => (
                  <Flex key={origin} justify="space-between" align="center" data-testid="origin-row" data-origin={origin}>
                    <Typography.Text style={monospace}>{origin}</Typography.Text>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('widgetSecurity.origins.remove')}
                      onClick={() => dispatch({ type: 'originRemoved', origin })}
                      data-testid="origin-remove"
                    />
                  </Flex>
                ))}
              </Flex>
            )}
            {state.originsError && (
              <Alert
                type="error"
                showIcon
                title={t('widgetSecurity.origins.saveFailed')}
                description={state.originsError}
                style={{ marginTop: 16 }}
                data-testid="origins-error"
              />
            )}
            <Flex gap={8} align="center" style={{ marginTop: 16 }}>
              <Button type="primary" disabled={!dirty} loading={savingOrigins} onClick={() => void save()} data-testid="origins-save">
                {t('widgetSecurity.origins.save')}
              </Button>
              <Button disabled={!dirty || savingOrigins} onClick={() => dispatch({ type: 'loaded', settings: saved })}>
                {t('widgetSecurity.origins.reset')}
              </Button>
              {dirty && <Tag color="orange">{t('widgetSecurity.origins.unsaved')}</Tag>}
            </Flex>
          </Card>

          <Card title={t('widgetSecurity.identity.title')} data-testid="identity-card">
            <Typography.Paragraph type="secondary">{t('widgetSecurity.identity.intro')}</Typography.Paragraph>
            <Radio.Group value={saved.identity.mode} disabled={changingMode} onChange={(event) => chooseMode(event.target.value as IdentityMode)} data-testid="identity-mode">
              <Flex vertical gap={8}>
                {modes.map((mode) => (
                  <Radio key={mode} value={mode} data-testid={`identity-mode-${mode}`}>
                    <Typography.Text strong>{t(`widgetSecurity.identity.mode.${mode}`)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                      {t(`widgetSecurity.identity.explain.${mode}`)}
                    </Typography.Text>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>

            <Flex gap={12} align="center" style={{ marginTop: 20 }}>
              <Tag color={saved.identity.secretSet ? 'green' : 'default'} data-testid="identity-secret-status" data-secret-set={saved.identity.secretSet}>
                {t(saved.identity.secretSet ? 'widgetSecurity.identity.secretSet' : 'widgetSecurity.identity.secretUnset')}
              </Tag>
              <Button icon={<KeyOutlined />} loading={rotating} onClick={askRotate} data-testid="identity-rotate">
                {t('widgetSecurity.identity.rotate')}
              </Button>
            </Flex>

            {state.secret && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 16 }}
                title={t('widgetSecurity.secret.title')}
                data-testid="identity-secret-panel"
                description={
                  <>
                    <Typography.Paragraph>{t('widgetSecurity.secret.warning')}</Typography.Paragraph>
                    <Typography.Paragraph copyable={{ text: state.secret }} style={{ ...monospace, wordBreak: 'break-all' }}>
                      <Typography.Text code data-testid="identity-secret">
                        {state.secret}
                      </Typography.Text>
                    </Typography.Paragraph>
                    <Button size="small" onClick={() => dispatch({ type: 'secretDismissed' })} data-testid="identity-secret-dismiss">
                      {t('widgetSecurity.secret.dismiss')}
                    </Button>
                  </>
                }
              />
            )}

            <Typography.Title level={5} style={{ marginTop: 24 }}>
              {t('widgetSecurity.sample.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('widgetSecurity.sample.intro')}</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: identityHashSample }} style={{ marginBottom: 0 }}>
              <pre style={{ ...monospace, fontSize: 12, margin: 0, padding: 12, overflowX: 'auto', whiteSpace: 'pre' }} data-testid="identity-sample">
                {identityHashSample}
              </pre>
            </Typography.Paragraph>
          </Card>
        </Space>
      )}
      {/* Staff sign-in policy: its own load and save, so a widget-settings failure does not hide it. */}
      <div style={{ maxWidth: 880, marginTop: 16 }}>
        <StaffSecurityCard />
      </div>
      {/* Speech providers: also their own load and save. */}
      <div style={{ maxWidth: 880, marginTop: 16 }}>
        <VoiceSettingsCard />
      </div>
    </div>
  );
}
