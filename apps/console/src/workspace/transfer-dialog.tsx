import { Alert, Badge, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useStaffPickers } from './use-staff-pickers.js';
import type { WorkspaceApi } from './workspace-api.js';

interface TransferDialogProps {
  open: boolean;
  api: WorkspaceApi;
  conversationId: string;
  onClose: () => void;
  onDone: () => void;
}

interface TransferForm {
  target: 'agent' | 'group';
  toUserId?: string;
  toGroupId?: string;
  note: string;
}

const NOTE_MAX = 1000;
const PRESENCE_BADGE = { online: 'success', away: 'warning', offline: 'default' } as const;

/** Hands the chat to a colleague (offered to them directly) or a group (queued there), with a note for them. */
export function TransferDialog({ open, api, conversationId, onClose, onDone }: TransferDialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<TransferForm>();
  const target = Form.useWatch('target', form) ?? 'agent';
  const pickers = useStaffPickers(api, open, true);
  const [saving, setSaving] = useState(false);
  // The server's refusal (agent_lacks_skill, agent_at_capacity, agent_offline) names the reason: show it as is.
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async (values: TransferForm) => {
    setSaving(true);
    setRefusal(null);
    try {
      const note = values.note.trim();
      await api.transfer(conversationId, values.target === 'agent' ? { toUserId: values.toUserId, note } : { toGroupId: values.toGroupId, note });
      form.resetFields();
      onDone();
    } catch (failure) {
      setRefusal(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('workspace.transfer')}
      okText={t('workspace.transfer')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        setRefusal(null);
        onClose();
      }}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'transfer-confirm' }}
    >
      <Form<TransferForm> form={form} layout="vertical" initialValues={{ target: 'agent', note: '' }} onFinish={(values) => void submit(values)} preserve={false}>
        <Form.Item name="target">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'agent', label: t('transfer.toAgent') },
              { value: 'group', label: t('transfer.toGroup') },
            ]}
          />
        </Form.Item>
        {target === 'agent' ? (
          <Form.Item name="toUserId" label={t('transfer.agent')} rules={[{ required: true, message: t('transfer.pickAgent') }]}>
            <Select
              showSearch={{ optionFilterProp: 'search' }}
              data-testid="transfer-agent"
              options={pickers.agents.map((agent) => ({
                value: agent.userId,
                search: `${agent.name} ${agent.skills.join(' ')}`,
                label: (
                  <span>
                    <Badge status={PRESENCE_BADGE[agent.presence]} /> {agent.name}{' '}
                    <span className="transfer-option__meta">
                      {t(`presence.${agent.presence}`)} · {t('presence.load', { active: agent.activeChats, max: agent.maxChats })}
                      {agent.skills.length > 0 ? ` · ${agent.skills.join('、')}` : ''}
                    </span>
                  </span>
                ),
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="toGroupId" label={t('transfer.group')} rules={[{ required: true, message: t('transfer.pickGroup') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} data-testid="transfer-group" options={pickers.groups.map((group) => ({ value: group.id, label: group.name }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('transfer.note')} rules={[{ required: true, whitespace: true, message: t('transfer.noteRequired') }, { max: NOTE_MAX }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('transfer.notePlaceholder')} data-testid="transfer-note" />
        </Form.Item>
      </Form>
      {pickers.failed && <Alert type="warning" showIcon title={t('transfer.pickersFailed')} />}
      {refusal && <Alert type="error" showIcon title={t('transfer.refused')} description={refusal} data-testid="transfer-refusal" className="workspace-dialog__error" />}
    </Modal>
  );
}
