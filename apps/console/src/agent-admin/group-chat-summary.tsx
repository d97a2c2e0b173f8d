import { Space, Tag } from 'antd';
import { useI18n } from '../i18n/i18n-context.js';
import { chatSettingsOf, type AgentGroupWithChat } from './group-chat-settings.js';

/** A group's chat routing at a glance, for the groups table. */
export function GroupChatSummary({ group }: { group: AgentGroupWithChat }) {
  const { t } = useI18n();
  const chat = chatSettingsOf(group);
  if (!chat.handlesChat) return <span className="supervisor__muted">{t('groupChat.off')}</span>;
  return (
    <Space size={[0, 4]} wrap>
      {chat.isChatDefault && <Tag color="blue">{t('groupChat.defaultTag')}</Tag>}
      {chat.chatSkills.map((skill) => (
        <Tag key={`s-${skill}`}>{skill}</Tag>
      ))}
      {chat.chatIntents.map((intent) => (
        <Tag key={`i-${intent}`} color="purple">
          {intent}
        </Tag>
      ))}
      {!chat.isChatDefault && chat.chatSkills.length === 0 && chat.chatIntents.length === 0 && <span>{t('groupChat.on')}</span>}
    </Space>
  );
}
