import { App, Form, InputNumber, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { GroupChatSettings } from './agent-admin-api-types.js';
import { chatSettingsOf, chatSettingsPatch, MAX_OFFER_TIMEOUT_SECONDS, MIN_OFFER_TIMEOUT_SECONDS, type AgentGroupWithChat } from './group-chat-settings.js';
import { SkillSelect } from './skill-select.js';
import { useAgentAdminApi } from './use-agent-admin-api.js';

interface GroupChatDialogProps {
  group: AgentGroupWithChat;
  /** Every group, for the skills and intents already in use. */
  groups: readonly AgentGroupWithChat[];
  onClose: () => void;
  onSaved: () => void;
}

/**
 * A group's chat routing: whether it takes chats, the skills and bot intents it serves, whether it
 * is the tenant's default chat group, and how long an offer waits for an agent.
 */
export function GroupChatDialog({ group, groups, onClose, onSaved }: GroupChatDialogProps) {
  const api = useAgentAdminApi();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [form] = Form.useForm<GroupChatSettings>();
  const [saving, setSaving] = useState(false);
  const handlesChat = Form.useWatch('handlesChat', form) ?? chatSettingsOf(group).handlesChat;
  const usedSkills = groups.flatMap((other) => other.chatSkills ?? []);
  // No route lists the bot's intents, so the ones other groups already serve are suggested.
  const usedIntents = [...new Set(groups.flatMap((other) => other.chatIntents ?? []))];

  const save = async (values: GroupChatSettings) => {
    setSaving(true);
    try {
      await api.updateGroupChat(group.id, chatSettingsPatch(values));
      toast.success(t('ticketAdmin.saved'));
      onSaved();
      onClose();
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('groupChat.title', { name: group.name })} onCancel={onClose} onOk={() => form.submit()} okText={t('ticketAdmin.save')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      <Form<GroupChatSettings> form={form} layout="vertical" preserve={false} initialValues={chatSettingsOf(group)} onFinish={(values) => void save(values)}>
        <Form.Item name="handlesChat" label={t('groupChat.handlesChat')} valuePropName="checked" extra={t('groupChat.handlesChatHint')}>
          <Switch data-testid="group-chat-handles" />
        </Form.Item>
        <Form.Item name="chatSkills" label={t('groupChat.skills')} extra={t('groupChat.skillsHint')}>
          <SkillSelect inUse={usedSkills} placeholder={t('agentAdmin.skillsPlaceholder')} testId="group-chat-skills" />
        </Form.Item>
        <Form.Item name="chatIntents" label={t('groupChat.intents')} extra={t('groupChat.intentsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} options={usedIntents.map((intent) => ({ value: intent, label: intent }))} placeholder="card_loss_report" data-testid="group-chat-intents" />
        </Form.Item>
        <Form.Item name="isChatDefault" label={t('groupChat.default')} valuePropName="checked" extra={t('groupChat.defaultHint')}>
          <Switch disabled={!handlesChat} data-testid="group-chat-default" />
        </Form.Item>
        <Form.Item name="offerTimeoutSeconds" label={t('groupChat.offerTimeout')} extra={t('groupChat.offerTimeoutHint')} rules={[{ required: true, type: 'integer', min: MIN_OFFER_TIMEOUT_SECONDS, max: MAX_OFFER_TIMEOUT_SECONDS }]}>
          <InputNumber min={MIN_OFFER_TIMEOUT_SECONDS} max={MAX_OFFER_TIMEOUT_SECONDS} precision={0} suffix={t('groupChat.seconds')} data-testid="group-chat-timeout" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
