import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useStaffPickers } from './use-staff-pickers.js';
import type { WorkspaceApi } from './workspace-api.js';

interface InviteDialogProps {
  open: boolean;
  api: WorkspaceApi;
  conversationId: string;
  onClose: () => void;
}

interface InviteForm {
  userId: string;
  note?: string;
}

/** Invites a supervisor (or any colleague) into the chat; the server writes an internal note and pushes `handoff.invite`. */
export function InviteDialog({ open, api, conversationId, onClose }: InviteDialogProps) {
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [form] = Form.useForm<InviteForm>();
  const pickers = useStaffPickers(api, open, false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: InviteForm) => {
    setSaving(true);
    setError(null);
    try {
      await api.invite(conversationId, values.userId, values.note?.trim() || undefined);
      toast.success(t('invite.sent'));
      form.resetFields();
      onClose();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('workspace.invite')}
      okText={t('invite.send')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'invite-confirm' }}
    >
      <Form<InviteForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} preserve={false}>
        <Form.Item name="userId" label={t('invite.user')} rules={[{ required: true, message: t('invite.pickUser') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} data-testid="invite-user" options={pickers.agents.map((agent) => ({ value: agent.userId, label: `${agent.name}（${t(`presence.${agent.presence}`)}）` }))} />
        </Form.Item>
        <Form.Item name="note" label={t('invite.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('invite.notePlaceholder')} data-testid="invite-note" />
        </Form.Item>
      </Form>
      {pickers.failed && <Alert type="warning" showIcon title={t('transfer.pickersFailed')} />}
      {error && <Alert type="error" showIcon title={error} className="workspace-dialog__error" />}
    </Modal>
  );
}
