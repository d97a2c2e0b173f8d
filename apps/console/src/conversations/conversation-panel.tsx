import { Alert, App, Button, Popconfirm, Spin, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, SafetyCertificateOutlined, UndoOutlined, UserAddOutlined } from '@ant-design/icons';
import { useCallback, useState } from 'react';
import type { Conversation, ConversationPatch } from '../api/api-types.js';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { assignmentOf } from './assignment-of.js';
import type { TypingSender } from './conversation-timeline-reducer.js';
import { TranscriptMessages } from './transcript-messages.js';
import { ReplyBox } from './reply-box.js';
import { useConversationTimeline } from './use-conversation-timeline.js';
import { visitorLabel } from './visitor-label.js';

const typingKeys: Record<TypingSender, MessageKey> = { visitor: 'typing.visitor', bot: 'typing.bot', agent: 'typing.agent' };

interface ConversationPanelProps {
  conversationId: string;
  /** The list's copy, shown immediately while the panel loads its own. */
  initial: Conversation | null;
  onUpdated: (conversation: Conversation) => void;
  /** Unsent text per conversation id, owned by the page so it survives switching conversations. */
  drafts: Map<string, string>;
}

/** Right side of the conversations screen: header with actions, the live timeline, and the reply box. */
export function ConversationPanel({ conversationId, initial, onUpdated, drafts }: ConversationPanelProps) {
  const { api } = useSession();
  const user = useSignedInUser();
  const canReply = roleCan(user.role, 'conversations.reply');
  const canUpdate = roleCan(user.role, 'conversations.update');
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();

  const loadHead = useCallback(async () => ({ conversation: await api.getConversation(conversationId) }), [api, conversationId]);
  const post = useCallback((text: string, clientMsgId: string) => api.sendMessage(conversationId, text, clientMsgId), [api, conversationId]);
  const { timeline, conversation, setConversation, loading, error, resync, send, resend, emitTyping, scroller, onScroll } = useConversationTimeline(conversationId, initial, { loadHead, post });
  const [updating, setUpdating] = useState(false);

  const update = async (patch: ConversationPatch) => {
    setUpdating(true);
    try {
      const updated = await api.updateConversation(conversationId, patch);
      setConversation(updated);
      onUpdated(updated);
      toast.success(t('conversation.updated'));
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setUpdating(false);
    }
  };

  const closed = conversation?.status === 'closed';
  const assignment = conversation ? assignmentOf(conversation, user.id) : 'none';
  const onDraftChange = useCallback(
    (text: string) => {
      if (text) drafts.set(conversationId, text);
      else drafts.delete(conversationId);
    },
    [drafts, conversationId],
  );

  return (
    <section className="conversation-panel" aria-busy={loading}>
      <header className="conversation-panel__header">
        {conversation ? (
          <>
            <div className="conversation-panel__title">
              <Typography.Title level={5} className="conversation-panel__name">
                {visitorLabel(conversation.visitor, t)}
              </Typography.Title>
              {conversation.visitor.verified && (
                <Tooltip title={t('conversation.verified')}>
                  <SafetyCertificateOutlined className="conversation-panel__verified" aria-label={t('conversation.verified')} />
                </Tooltip>
              )}
              <Tag color={closed ? 'default' : 'green'} variant="filled">
                {t(closed ? 'conversation.status.closed' : 'conversation.status.open')}
              </Tag>
              {conversation.handoff && !closed && (
                <Tag color="red" variant="filled">
                  {t('conversation.handoff')}
                </Tag>
              )}
              <Tag color={assignment === 'mine' ? 'blue' : 'default'} variant="outlined" data-testid="conversation-assignee" data-assignment={assignment}>
                {t(`conversation.assignee.${assignment}`)}
              </Tag>
              {conversation.visitor.externalId && (
                <Typography.Text type="secondary" className="conversation-panel__started" copyable={{ text: conversation.visitor.externalId }}>
                  {t('conversation.externalId', { id: conversation.visitor.externalId })}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" className="conversation-panel__started">
                {t('conversation.startedAt', { time: formatDateTime(conversation.createdAt, locale) })}
              </Typography.Text>
            </div>
            <div className="conversation-panel__actions">
              {canUpdate && assignment === 'mine' && (
                <Button loading={updating} onClick={() => void update({ assigneeId: null })} data-testid="conversation-release">
                  {t('conversation.release')}
                </Button>
              )}
              {canUpdate && assignment !== 'mine' && (
                <Button icon={<UserAddOutlined />} loading={updating} onClick={() => void update({ assigneeId: user.id })} data-testid="conversation-take">
                  {t('conversation.take')}
                </Button>
              )}
              {!canUpdate ? null : closed ? (
                <Button icon={<UndoOutlined />} loading={updating} onClick={() => void update({ status: 'open' })} data-testid="conversation-reopen">
                  {t('conversation.reopen')}
                </Button>
              ) : (
                <Popconfirm
                  title={t('conversation.close')}
                  description={t('conversation.closeConfirm')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => update({ status: 'closed' })}
                >
                  <Button icon={<CheckCircleOutlined />} loading={updating} data-testid="conversation-close">
                    {t('conversation.close')}
                  </Button>
                </Popconfirm>
              )}
            </div>
          </>
        ) : (
          <Spin size="small" />
        )}
      </header>

      {error && (
        <Alert
          type="error"
          showIcon
          title={t('conversation.historyFailed')}
          description={error}
          action={
            <Button size="small" onClick={resync}>
              {t('common.retry')}
            </Button>
          }
          className="conversation-panel__error"
        />
      )}

      <div
        className="conversation-panel__messages"
        ref={scroller}
        onScroll={(event) => onScroll(event.currentTarget)}
      >
        <TranscriptMessages timeline={timeline} loading={loading} onRetry={(reply) => resend(reply.clientMsgId, reply.text)} />
        {timeline.typing && (
          <div className="typing-indicator" data-testid="typing-indicator" aria-live="polite">
            <span className="typing-indicator__dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            {t(typingKeys[timeline.typing.senderType])}
          </div>
        )}
      </div>

      <ReplyBox
        disabled={!canReply || !conversation}
        disabledHint={!canReply ? t('reply.readOnly') : undefined}
        notice={canReply && closed ? t('conversation.closed') : undefined}
        initialText={drafts.get(conversationId) ?? ''}
        onDraftChange={onDraftChange}
        onSend={(text) => send(text)}
        onTyping={emitTyping}
      />
    </section>
  );
}
