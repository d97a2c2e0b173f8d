import { Alert, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/api-error.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { CannedReply, CannedReplyInput } from './agent-admin-api-types.js';
import { CannedBodyPreview } from './canned-body-preview.js';
import { CANNED_VARIABLES, isValidShortcut, normalizeShortcut, unknownVariables } from './canned-variables.js';

const MAX_TITLE = 100;
const MAX_BODY = 2000;

interface CannedReplyEditorProps {
  /** Null: a new reply. */
  reply: CannedReply | null;
  /** Whether the user may write the tenant's replies (`kb.write`); otherwise only their own. */
  canWriteTenant: boolean;
  onSave: (input: CannedReplyInput) => Promise<void>;
  onClose: () => void;
}

/** Create or edit a canned reply; a taken shortcut (409 `canned_shortcut_taken`) is shown on its field. */
export function CannedReplyEditor({ reply, canWriteTenant, onSave, onClose }: CannedReplyEditorProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<CannedReplyInput>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const body = Form.useWatch('body', form) ?? reply?.body ?? '';

  const submit = async (values: CannedReplyInput) => {
    setSaving(true);
    setFailure(null);
    try {
      await onSave({ scope: values.scope, shortcut: normalizeShortcut(values.shortcut), title: values.title.trim(), body: values.body.trim() });
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'canned_shortcut_taken') {
        form.setFields([{ name: 'shortcut', errors: [t('error.code.canned_shortcut_taken')] }]);
      } else {
        setFailure(describeError(error, t));
      }
    } finally {
      setSaving(false);
    }
  };

  const insertVariable = (name: string) => {
    const current = form.getFieldValue('body') ?? '';
    form.setFieldValue('body', `${current}{${name}}`);
  };

  const unknown = unknownVariables(body);

  return (
    <Modal
      open
      title={reply ? reply.title : t('agentAdmin.canned.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('ticketAdmin.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
    >
      <Form<CannedReplyInput>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={reply ? { scope: reply.scope, shortcut: reply.shortcut, title: reply.title, body: reply.body } : { scope: canWriteTenant ? 'tenant' : 'personal', shortcut: '', title: '', body: '' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="scope" label={t('agentAdmin.canned.scope')}>
          <Radio.Group disabled={reply !== null} data-testid="canned-scope">
            <Radio value="tenant" disabled={!canWriteTenant}>
              {t('agentAdmin.canned.scope.tenant')}
            </Radio>
            <Radio value="personal">{t('agentAdmin.canned.scope.personal')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="shortcut"
          label={t('agentAdmin.canned.shortcut')}
          extra={t('agentAdmin.canned.shortcutHint')}
          rules={[
            { required: true, whitespace: true, message: t('agentAdmin.canned.shortcutRequired') },
            { validator: async (_, value: string) => (!value || isValidShortcut(normalizeShortcut(value)) ? undefined : Promise.reject(new Error(t('agentAdmin.canned.shortcutInvalid')))) },
          ]}
        >
          <Input prefix="/" maxLength={33} data-testid="canned-shortcut" />
        </Form.Item>
        <Form.Item name="title" label={t('agentAdmin.canned.titleField')} rules={[{ required: true, whitespace: true, max: MAX_TITLE }]}>
          <Input maxLength={MAX_TITLE} data-testid="canned-title" />
        </Form.Item>
        <Form.Item name="body" label={t('agentAdmin.canned.body')} rules={[{ required: true, whitespace: true, max: MAX_BODY }]}>
          <Input.TextArea maxLength={MAX_BODY} showCount autoSize={{ minRows: 3, maxRows: 8 }} data-testid="canned-body" />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('agentAdmin.canned.variablesHelp')}</Typography.Text>
      <Space size={[4, 4]} wrap className="agent-admin__variables">
        {CANNED_VARIABLES.map((name) => (
          <Button key={name} size="small" onClick={() => insertVariable(name)} title={t(`agentAdmin.canned.variable.${name}`)}>
            {`{${name}}`}
          </Button>
        ))}
      </Space>
      {body && (
        <div className="agent-admin__preview">
          <Typography.Text type="secondary">{t('agentAdmin.canned.preview')}</Typography.Text>
          <div>
            <CannedBodyPreview body={body} />
          </div>
        </div>
      )}
      {unknown.length > 0 && <Alert type="warning" showIcon title={t('agentAdmin.canned.unknownVariables', { names: unknown.map((name) => `{${name}}`).join(' ') })} className="supervisor__refusal" />}
      {failure && <Alert type="error" showIcon title={failure} className="supervisor__refusal" />}
    </Modal>
  );
}
