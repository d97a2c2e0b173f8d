import { Alert, App, Button, Card, Form, Input, Popconfirm, Result, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { EditorDrawer } from '../layout/editor-drawer.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { canManageWidgetSecurity } from '../settings/widget-security-access.js';
import { useWechatAccountsApi } from './use-wechat-accounts-api.js';
import { callbackUrlOf, createBodyOf, emptyWechatAccountForm, randomWechatKey, updateBodyOf, wechatAccountFormOf, type WechatAccountFormValues } from './wechat-account-form.js';
import { WECHAT_ACCOUNT_KINDS, type WechatAccount } from './wechat-accounts-api.js';

const KIND_COLOR = { wechat_mp: 'green', wechat_mini: 'lime', wecom_kf: 'cyan' } as const;

/** 微信接入: the tenant's 公众号 / 小程序 / 企业微信客服 accounts and the callback URL each needs. Admins only (`settings.manage`). */
export function WechatAccountsPage() {
  const user = useSignedInUser();
  const { t } = useI18n();
  if (!canManageWidgetSecurity(user.role)) return <Result status="403" subTitle={t('wechat.forbidden')} data-testid="wechat-forbidden" />;
  return <WechatAccountsEditor />;
}

function WechatAccountsEditor() {
  const api = useWechatAccountsApi();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [accounts, setAccounts] = useState<WechatAccount[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  /** null: drawer closed; 'new': adding; an account: editing it. */
  const [editing, setEditing] = useState<WechatAccount | 'new' | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api.list().then(
      (items) => {
        if (cancelled) return;
        setAccounts(items);
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
  }, [api, t, reloads]);

  const replace = useCallback((account: WechatAccount) => setAccounts((list) => (list.some((a) => a.id === account.id) ? list.map((a) => (a.id === account.id ? account : a)) : [...list, account])), []);

  const setActive = async (account: WechatAccount, active: boolean) => {
    setBusyId(account.id);
    try {
      replace(await api.update(account.id, { active }));
      toast.success(active ? t('wechat.enabledToast', { name: account.name }) : t('wechat.disabledToast', { name: account.name }));
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setBusyId(null);
    }
  };

  const remove = async (account: WechatAccount) => {
    setBusyId(account.id);
    try {
      await api.remove(account.id);
      setAccounts((list) => list.filter((a) => a.id !== account.id));
      toast.success(t('wechat.deletedToast', { name: account.name }));
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<WechatAccount> = [
    {
      key: 'name',
      title: t('wechat.name'),
      render: (_: unknown, a) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{a.name}</Typography.Text>
          <Tag color={KIND_COLOR[a.kind]}>{t(`wechat.kind.${a.kind}`)}</Tag>
        </Space>
      ),
    },
    { key: 'appId', title: t('wechat.appId'), render: (_: unknown, a) => <Typography.Text code>{a.appId}</Typography.Text> },
    {
      key: 'mode',
      title: t('wechat.mode'),
      width: 110,
      render: (_: unknown, a) => <Tag color={a.encrypted ? 'blue' : 'default'}>{a.encrypted ? t('wechat.mode.encrypted') : t('wechat.mode.plain')}</Tag>,
    },
    {
      key: 'callback',
      title: t('wechat.callbackUrl'),
      render: (_: unknown, a) => (
        <Typography.Text copyable={{ text: callbackUrlOf(window.location.origin, a) }} style={{ wordBreak: 'break-all', fontSize: 12 }} data-testid="wechat-callback-url">
          {callbackUrlOf(window.location.origin, a)}
        </Typography.Text>
      ),
    },
    {
      key: 'active',
      title: t('wechat.active'),
      width: 90,
      render: (_: unknown, a) => <Switch checked={a.active} loading={busyId === a.id} onChange={(on) => void setActive(a, on)} aria-label={t('wechat.active')} data-testid="wechat-active" />,
    },
    {
      key: 'actions',
      title: t('ticketAdmin.actions'),
      width: 120,
      render: (_: unknown, a) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} aria-label={t('wechat.edit')} onClick={() => setEditing(a)} data-testid="wechat-edit" />
          <Popconfirm title={t('wechat.deleteConfirm', { name: a.name })} okText={t('wechat.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove(a)}>
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('wechat.delete')} disabled={busyId === a.id} data-testid="wechat-delete" />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('wechat.title')}
      data-testid="wechat-accounts"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} aria-label={t('common.retry')} onClick={() => setReloads((n) => n + 1)} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="wechat-add">
            {t('wechat.add')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('wechat.intro')}</Typography.Paragraph>
      <LoadFailedAlert title={t('wechat.loadFailed')} error={loadError} />
      <Table<WechatAccount> rowKey="id" size="middle" columns={columns} dataSource={accounts} loading={loading} pagination={false} locale={{ emptyText: t('wechat.empty') }} data-testid="wechat-table" />
      <WechatAccountDrawer
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={(account, created) => {
          replace(account);
          setEditing(null);
          toast.success(created ? t('wechat.createdToast', { name: account.name }) : t('wechat.savedToast', { name: account.name }));
        }}
      />
    </Card>
  );
}

interface WechatAccountDrawerProps {
  editing: WechatAccount | 'new' | null;
  onClose: () => void;
  onSaved: (account: WechatAccount, created: boolean) => void;
}

/** Add or edit one account. Secrets are write-only: on edit their fields start empty and a blank one keeps the stored value. */
function WechatAccountDrawer({ editing, onClose, onSaved }: WechatAccountDrawerProps) {
  const api = useWechatAccountsApi();
  const { t } = useI18n();
  const [form] = Form.useForm<WechatAccountFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const existing = editing !== 'new' ? editing : null;
  const kind = Form.useWatch('kind', form) ?? existing?.kind ?? 'wechat_mp';
  const encrypted = (Form.useWatch('encrypted', form) ?? existing?.encrypted ?? true) || kind === 'wecom_kf';
  // A key is needed when encryption is (being) switched on without one stored.
  const keyRequired = encrypted && !existing?.encrypted;

  useEffect(() => {
    setError(null);
    if (editing) form.setFieldsValue(existing ? wechatAccountFormOf(existing) : emptyWechatAccountForm());
  }, [editing, existing, form]);

  const save = async (values: WechatAccountFormValues) => {
    setSaving(true);
    setError(null);
    try {
      const saved = existing ? await api.update(existing.id, updateBodyOf(existing, values)) : await api.create(createBodyOf(values));
      // The secrets typed are not kept in the form's store once they are stored on the server.
      form.resetFields();
      onSaved(saved, existing === null);
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  const secretHint = existing ? t('wechat.secretKept') : undefined;
  return (
    <EditorDrawer
      open={editing !== null}
      onClose={() => {
        form.resetFields();
        onClose();
      }}
      size={520}
      title={existing ? t('wechat.editTitle', { name: existing.name }) : t('wechat.add')}
      saving={saving}
      onSave={() => form.submit()}
      cancelLabel={t('common.cancel')}
      saveLabel={t('wechat.save')}
      saveTestId="wechat-save"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="wechat-save-error" />}
      <Form<WechatAccountFormValues> form={form} layout="vertical" onFinish={(values) => void save(values)} initialValues={emptyWechatAccountForm()}>
        <Form.Item name="kind" label={t('wechat.kind')} rules={[{ required: true }]}>
          <Select disabled={existing !== null} options={WECHAT_ACCOUNT_KINDS.map((k) => ({ value: k, label: t(`wechat.kind.${k}`) }))} data-testid="wechat-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('wechat.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="wechat-name" />
        </Form.Item>
        <Form.Item name="appId" label={kind === 'wecom_kf' ? t('wechat.corpId') : t('wechat.appId')} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{4,64}$/, message: t('wechat.appIdRule') }]}>
          <Input data-testid="wechat-app-id" />
        </Form.Item>
        <Form.Item name="secret" label={t('wechat.secret')} extra={secretHint} rules={[{ required: !existing, pattern: /^[\x21-\x7e]{8,128}$/, message: t('wechat.secretRule') }]}>
          <Input.Password autoComplete="new-password" placeholder={existing?.hasSecret ? t('wechat.secretSet') : undefined} data-testid="wechat-secret" />
        </Form.Item>
        <Form.Item label={t('wechat.token')} extra={secretHint} required={!existing}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="token" noStyle rules={[{ required: !existing, pattern: /^[A-Za-z0-9]{3,32}$/, message: t('wechat.tokenRule') }]}>
              <Input.Password autoComplete="new-password" placeholder={existing?.hasToken ? t('wechat.secretSet') : undefined} data-testid="wechat-token" />
            </Form.Item>
            <Button onClick={() => form.setFieldValue('token', randomWechatKey(32))} data-testid="wechat-token-generate">
              {t('wechat.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
        {kind !== 'wecom_kf' && (
          <Form.Item name="encrypted" label={t('wechat.mode')} valuePropName="checked" extra={t('wechat.modeHint')}>
            <Switch checkedChildren={t('wechat.mode.encrypted')} unCheckedChildren={t('wechat.mode.plain')} data-testid="wechat-encrypted" />
          </Form.Item>
        )}
        {encrypted && (
          <Form.Item label={t('wechat.encodingAesKey')} extra={existing?.encrypted ? secretHint : undefined} required={keyRequired}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="encodingAesKey" noStyle rules={[{ required: keyRequired, pattern: /^[A-Za-z0-9]{43}$/, message: t('wechat.aesKeyRule') }]}>
                <Input.Password autoComplete="new-password" placeholder={existing?.encrypted ? t('wechat.secretSet') : undefined} data-testid="wechat-aes-key" />
              </Form.Item>
              <Button onClick={() => form.setFieldValue('encodingAesKey', randomWechatKey(43))} data-testid="wechat-aes-generate">
                {t('wechat.generate')}
              </Button>
            </Space.Compact>
          </Form.Item>
        )}
        <Form.Item name="apiBaseUrl" label={t('wechat.apiBaseUrl')} extra={t('wechat.apiBaseUrlHint')} rules={[{ type: 'url', message: t('wechat.apiBaseUrlRule') }]}>
          <Input placeholder={kind === 'wecom_kf' ? 'https://qyapi.weixin.qq.com' : 'https://api.weixin.qq.com'} data-testid="wechat-api-base" />
        </Form.Item>
      </Form>
    </EditorDrawer>
  );
}
