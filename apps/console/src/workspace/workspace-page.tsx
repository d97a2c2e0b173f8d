import { Alert, Badge, Empty, Tag, Typography } from 'antd';
import { memo, useCallback, useMemo } from 'react';
import type { Conversation } from '../api/api-types.js';
import { ChannelTag } from '../conversations/channel-tag.js';
import { visitorLabel } from '../conversations/visitor-label.js';
import { useI18n } from '../i18n/i18n-context.js';
import { handoffReasonTone } from './handoff-reason-tone.js';
import { QueuePanel } from './queue-panel.js';
import type { Workspace } from './use-workspace.js';
import { WorkspaceChat } from './workspace-chat.js';
import type { StaffedChat } from './workspace-reducer.js';
import './workspace.css';

interface WorkspacePageProps {
  workspace: Workspace;
  selectedId: string | null;
  onSelect: (conversationId: string | null) => void;
  /** Visitor messages not yet read, per conversation (the inbox counts them for the whole console). */
  unread: Readonly<Record<string, number>>;
  /** The inbox's copies of conversations, for the visitor's label ("访客 380B" when anonymous). */
  conversations: readonly Conversation[];
  drafts: Map<string, string>;
}

const TONE_COLOR = { danger: 'red', warning: 'orange', normal: 'default' } as const;

/** The agent's workspace: my chats and the queue on the left, the open chat with its context on the right. */
export const WorkspacePage = memo(function WorkspacePage({ workspace, selectedId, onSelect, unread, conversations, drafts }: WorkspacePageProps) {
  const { t } = useI18n();
  const { chats, me } = workspace;
  const selectedChat = chats.find((chat) => chat.conversationId === selectedId) ?? null;
  const { dispatch } = workspace;
  const onLeft = useCallback(
    (conversationId: string) => {
      dispatch({ type: 'dropChat', conversationId });
      const next = chats.find((chat) => chat.conversationId !== conversationId);
      onSelect(next ? next.conversationId : null);
    },
    [dispatch, chats, onSelect],
  );
  const byId = useMemo(() => new Map(conversations.map((conversation) => [conversation.id, conversation])), [conversations]);
  const label = (chat: StaffedChat) => {
    const known = byId.get(chat.conversationId);
    return known ? visitorLabel(known.visitor, t) : chat.visitorName?.trim() || t('offer.anonymous');
  };

  return (
    <div className="workspace-page" data-testid="workspace-page">
      <nav className="workspace-page__side">
        {me && me.presence !== 'online' && (
          <Alert type={me.presence === 'away' ? 'warning' : 'info'} showIcon title={t(me.presence === 'away' ? 'workspace.awayHint' : 'workspace.offlineHint')} className="workspace-page__presence-hint" />
        )}
        <section className="workspace-chats" data-testid="workspace-chats">
          <header className="workspace-section__header">
            <Typography.Text strong>{t('workspace.myChats', { count: chats.length })}</Typography.Text>
          </header>
          {chats.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workspace.noChats')} />
          ) : (
            chats.map((chat) => {
              const tone = handoffReasonTone(chat.reason, chat.priority);
              return (
                <button
                  type="button"
                  key={chat.conversationId}
                  className={`workspace-chat-item${chat.conversationId === selectedId ? ' workspace-chat-item--selected' : ''}`}
                  onClick={() => onSelect(chat.conversationId)}
                  data-testid="workspace-chat-item"
                  data-conversation-id={chat.conversationId}
                >
                  <span className="workspace-chat-item__name">{label(chat)}</span>
                  <Badge count={unread[chat.conversationId] ?? 0} size="small" data-testid="workspace-chat-unread" />
                  <ChannelTag channel={byId.get(chat.conversationId)?.channel} />
                  <Tag color={TONE_COLOR[tone]} variant="filled" className="workspace-chat-item__reason">
                    {t(`handoff.reason.${chat.reason}`)}
                  </Tag>
                  {chat.summary && <span className="workspace-chat-item__summary">{chat.summary}</span>}
                </button>
              );
            })
          )}
        </section>
        <QueuePanel workspace={workspace} />
      </nav>
      {selectedId ? (
        <WorkspaceChat
          key={selectedId}
          conversationId={selectedId}
          chat={selectedChat}
          workspaceApi={workspace.api}
          takeContext={workspace.takeContext}
          drafts={drafts}
          onLeft={onLeft}
        />
      ) : (
        <div className="workspace-page__empty">
          <Empty description={t('workspace.noneSelected')} />
        </div>
      )}
    </div>
  );
});
