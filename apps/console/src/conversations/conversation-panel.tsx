import { Alert, App, Button, Empty, Popconfirm, Spin, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, SafetyCertificateOutlined, UndoOutlined, UserAddOutlined } from '@ant-design/icons';
import { Fragment, useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'react';
import type { Conversation, ConversationPatch, Message } from '../api/api-types.js';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { formatDateTime, formatDay } from '../format/clock-time.js';
import { localDayKey } from '../format/local-day-key.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { assignmentOf } from './assignment-of.js';
import { botReplyInfo } from './bot-reply-info.js';
import { newClientMsgId } from './client-msg-id.js';
import { conversationTimelineReducer, emptyTimeline, type TypingSender } from './conversation-timeline-reducer.js';
import { lastSeq, leavesGap } from './merge-messages.js';
import { MessageBubble } from './message-bubble.js';
import { ReplyBox } from './reply-box.js';
import { sendWithRetry } from './send-with-retry.js';
import { visitorLabel } from './visitor-label.js';

const PAGE_SIZE = 200;
/** Stop paging a runaway history; the agent sees the newest messages through live pushes anyway. */
const MAX_PAGES = 25;
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
  const { socket, epoch } = useAgentSocket();
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();

  const [conversation, setConversation] = useState<Conversation | null>(initial);
  const [timeline, dispatch] = useReducer(conversationTimelineReducer, { ...emptyTimeline, conversationId });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [updating, setUpdating] = useState(false);
  // Bumped when a push reveals a gap, to resync over HTTP without waiting for a reconnect.
  const [resyncRequests, setResyncRequests] = useState(0);
  const messagesRef = useRef<Message[]>([]);
  useLayoutEffect(() => {
    messagesRef.current = timeline.messages;
  }, [timeline.messages]);

  // Load the conversation, then everything after the last seq we hold: the whole
  // history on first open, only what was missed after a reconnect or a gap.
  useEffect(() => {
    let cancelled = false;
    const resync = async () => {
      setError(null);
      try {
        const fresh = await api.getConversation(conversationId);
        if (cancelled) return;
        setConversation(fresh);
        let afterSeq = lastSeq(messagesRef.current);
        for (let page = 0; page < MAX_PAGES; page++) {
          const { items } = await api.listMessages(conversationId, afterSeq, PAGE_SIZE);
          if (cancelled) return;
          dispatch({ type: 'messages', conversationId, messages: items });
          if (items.length < PAGE_SIZE) break;
          afterSeq = lastSeq(items);
        }
      } catch (failure) {
        if (!cancelled) setError(describeError(failure, t));
      } finally {
        if (!cancelled) setLoading(false);
      }
    };
    void resync();
    return () => {
      cancelled = true;
    };
    // t is deliberately left out: switching the language must not refetch the history.
  }, [api, conversationId, epoch, resyncRequests]);

  useEffect(() => {
    if (!socket) return;
    const onMessage = (message: Message) => {
      if (message.conversationId !== conversationId) return;
      if (leavesGap(messagesRef.current, message)) setResyncRequests((n) => n + 1);
      dispatch({ type: 'messages', conversationId, messages: [message] });
    };
    const onUpdated = (updated: Conversation) => {
      if (updated.id === conversationId) setConversation(updated);
    };
    const onTyping = (event: { conversationId: string; senderType: Message['senderType']; isTyping: boolean }) =>
      dispatch({ type: 'typing', ...event, now: Date.now() });
    socket.on('message', onMessage);
    socket.on('conversation.updated', onUpdated);
    socket.on('typing', onTyping);
    return () => {
      socket.off('message', onMessage);
      socket.off('conversation.updated', onUpdated);
      socket.off('typing', onTyping);
    };
  }, [socket, conversationId]);

  // Expire a typing indicator whose "stopped typing" event never came.
  useEffect(() => {
    if (!timeline.typing) return;
    const timer = setTimeout(() => dispatch({ type: 'tick', now: Date.now() }), Math.max(0, timeline.typing.until - Date.now()));
    return () => clearTimeout(timer);
  }, [timeline.typing]);

  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stickToBottom.current) element.scrollTop = element.scrollHeight;
  }, [timeline.messages, timeline.pending, timeline.typing]);

  const deliver = useCallback(
    async (text: string, clientMsgId: string) => {
      try {
        const stored = await sendWithRetry(() => api.sendMessage(conversationId, text, clientMsgId));
        dispatch({ type: 'messages', conversationId, messages: [stored] });
      } catch (failure) {
        dispatch({ type: 'failed', clientMsgId, failure: describeError(failure, t) });
      }
    },
    [api, conversationId, t],
  );

  const send = (text: string) => {
    const clientMsgId = newClientMsgId();
    stickToBottom.current = true;
    dispatch({ type: 'sending', reply: { clientMsgId, text, createdAt: new Date().toISOString() } });
    void deliver(text, clientMsgId);
  };

  const resend = (clientMsgId: string, text: string) => {
    dispatch({ type: 'retrying', clientMsgId });
    void deliver(text, clientMsgId);
  };

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

  const emitTyping = useCallback(
    (isTyping: boolean) => socket?.emit('typing', { conversationId, isTyping }),
    [socket, conversationId],
  );

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
            <Button size="small" onClick={() => setResyncRequests((n) => n + 1)}>
              {t('common.retry')}
            </Button>
          }
          className="conversation-panel__error"
        />
      )}

      <div
        className="conversation-panel__messages"
        ref={scroller}
        onScroll={(event) => {
          const element = event.currentTarget;
          // Follow new messages only while the agent is at the bottom; do not yank them away from older history.
          stickToBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 80;
        }}
      >
        {loading && timeline.messages.length === 0 ? (
          <div className="centered-fill">
            <Spin />
          </div>
        ) : timeline.messages.length === 0 && timeline.pending.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('conversation.noMessages')} />
        ) : null}
        {timeline.messages.map((message, index) => (
          <Fragment key={message.id}>
            {localDayKey(message.createdAt) !== localDayKey(timeline.messages[index - 1]?.createdAt ?? '') && (
              <div className="day-divider" role="separator">
                <span>{formatDay(message.createdAt, locale)}</span>
              </div>
            )}
            <MessageBubble
              senderType={message.senderType}
              senderName={message.senderName}
              text={message.text}
              createdAt={message.createdAt}
              quickReplies={message.senderType === 'bot' ? message.quickReplies : undefined}
              botInfo={message.senderType === 'bot' ? botReplyInfo(message.meta) : undefined}
              internal={message.internal}
            />
          </Fragment>
        ))}
        {timeline.pending.map((reply) => (
          <MessageBubble
            key={reply.clientMsgId}
            senderType="agent"
            senderName={null}
            text={reply.text}
            createdAt={reply.createdAt}
            pending={{ status: reply.status, failure: reply.failure, onRetry: () => resend(reply.clientMsgId, reply.text) }}
          />
        ))}
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
        onSend={send}
        onTyping={emitTyping}
      />
    </section>
  );
}
