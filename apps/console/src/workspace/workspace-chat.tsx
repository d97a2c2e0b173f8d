import { Alert, App, Button, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, SafetyCertificateOutlined, SwapOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { memo, useCallback, useMemo, useState } from 'react';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import type { TypingSender } from '../conversations/conversation-timeline-reducer.js';
import { TranscriptMessages } from '../conversations/transcript-messages.js';
import { ReplyBox, type DraftInsertion, type ReplyMode } from '../conversations/reply-box.js';
import { useConversationTimeline } from '../conversations/use-conversation-timeline.js';
import { visitorLabel } from '../conversations/visitor-label.js';
import { CallButton, CallPanel } from '../calls/call-panel.js';
import { useAgentCall } from '../calls/use-agent-call.js';
import { AssistPanel } from './assist-panel.js';
import { latestVisitorMessageId } from './assist-trigger.js';
import { CloseChatDialog } from './close-chat-dialog.js';
import { ContextPanel } from './context-panel.js';
import { handoffReasonTone } from './handoff-reason-tone.js';
import { InviteDialog } from './invite-dialog.js';
import { renderedCannedText } from './rendered-canned-text.js';
import type { SlashMenuSource } from './slash-menu-popup.js';
import { TransferDialog } from './transfer-dialog.js';
import type { Workspace } from './use-workspace.js';
import type { AssistSearchHit, ConversationContext } from './workspace-api-types.js';
import type { StaffedChat } from './workspace-reducer.js';

const typingKeys: Record<TypingSender, MessageKey> = { visitor: 'typing.visitor', bot: 'typing.bot', agent: 'typing.agent' };
const TONE_COLOR = { danger: 'red', warning: 'orange', normal: 'blue' } as const;

interface WorkspaceChatProps {
  conversationId: string;
  /** The staffed chat entry when this agent holds the chat (null: opened from an invite or a link). */
  chat: StaffedChat | null;
  /** The workspace's API and its prefetched contexts: the chat needs nothing else of it, so queue moves do not redraw it. */
  workspaceApi: Workspace['api'];
  takeContext: Workspace['takeContext'];
  drafts: Map<string, string>;
  /** The chat left this agent (closed or transferred). */
  onLeft: (conversationId: string) => void;
}

/** One staffed chat: header with transfer / invite / close, the transcript with notes, reply box, assist and context. */
export const WorkspaceChat = memo(function WorkspaceChat({ conversationId, chat, workspaceApi, takeContext, drafts, onLeft }: WorkspaceChatProps) {
  const { api } = useSession();
  const user = useSignedInUser();
  const canReply = roleCan(user.role, 'conversations.reply');
  const canClose = roleCan(user.role, 'conversations.update');
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const wapi = workspaceApi;

  const [context, setContext] = useState<ConversationContext | null>(null);
  const [contextError, setContextError] = useState<string | null>(null);
  const [mode, setMode] = useState<ReplyMode>('reply');
  const [insertion, setInsertion] = useState<DraftInsertion | null>(null);
  const [dialog, setDialog] = useState<'transfer' | 'invite' | 'close' | null>(null);
  const { call, state: callState } = useAgentCall();

  // First the context: one request brings the summary, the customer and the whole transcript.
  // On a reconnect or a gap only the messages after the last one held are fetched.
  const loadHead = useCallback(
    async (first: boolean) => {
      if (!first) return {};
      try {
        const fresh = (await takeContext(conversationId)) ?? (await wapi.context(conversationId));
        setContext(fresh);
        setContextError(null);
        return { conversation: fresh.conversation, messages: fresh.messages };
      } catch (failure) {
        // The chat must stay workable without its context: the transcript is then paged in by itself.
        setContextError(describeError(failure, t));
        return { conversation: await api.getConversation(conversationId) };
      }
    },
    // t left out: a language switch must not reload.
    [takeContext, wapi, api, conversationId],
  );
  const post = useCallback(
    (text: string, clientMsgId: string, internal: boolean) => (internal ? wapi.note(conversationId, text, clientMsgId) : api.sendMessage(conversationId, text, clientMsgId)),
    [api, wapi, conversationId],
  );
  const { timeline, conversation, setConversation, loading, error, resync, send, resend, emitTyping, scroller, onScroll } = useConversationTimeline(conversationId, null, { loadHead, post });

  const onDraftChange = useCallback(
    (text: string) => {
      if (text) drafts.set(conversationId, text);
      else drafts.delete(conversationId);
    },
    [drafts, conversationId],
  );

  const slashMenu = useMemo<SlashMenuSource>(
    () => ({
      search: async (q: string) => (q.trim() ? (await wapi.search(q.trim())).items : wapi.cannedReplies()),
      resolve: async (hit: AssistSearchHit) => {
        if (hit.kind !== 'canned') return hit.body;
        const rendered = await wapi.renderCanned(hit.id, conversationId);
        // Unfilled variables stay in the text as written; say which, so the agent fills them before sending.
        const unfilled = [...(rendered.missing ?? []), ...(rendered.unknown ?? [])];
        if (unfilled.length > 0) toast.warning(t('slash.unfilled', { names: unfilled.join('、') }));
        return renderedCannedText(rendered, hit.body);
      },
    }),
    [wapi, conversationId, toast, t],
  );

  const insert = useCallback((text: string) => setInsertion((current) => ({ text, key: (current?.key ?? 0) + 1 })), []);
  const visitorMessageId = latestVisitorMessageId(timeline.messages);
  const closed = conversation?.status === 'closed';
  const reason = chat?.reason ?? context?.handoff?.reason ?? null;
  const priority = chat?.priority ?? context?.handoff?.priority ?? 3;
  const tone = reason ? handoffReasonTone(reason, priority) : 'normal';
  const summary = context?.summary ?? chat?.summary ?? '';

  return (
    <div className="workspace-chat" aria-busy={loading}>
      <section className="workspace-chat__main">
        <header className="conversation-panel__header">
          <div className="conversation-panel__title">
            <Typography.Title level={5} className="conversation-panel__name">
              {conversation ? visitorLabel(conversation.visitor, t) : chat?.visitorName || <Spin size="small" />}
            </Typography.Title>
            {conversation?.visitor.verified && (
              <Tooltip title={t('conversation.verified')}>
                <SafetyCertificateOutlined className="conversation-panel__verified" aria-label={t('conversation.verified')} />
              </Tooltip>
            )}
            {reason && (
              <Tag color={TONE_COLOR[tone]} variant="filled" data-testid="chat-reason">
                {t(`handoff.reason.${reason}`)}
              </Tag>
            )}
            {closed && <Tag variant="filled">{t('conversation.status.closed')}</Tag>}
          </div>
          <Space className="conversation-panel__actions" wrap>
            <CallButton call={call} state={callState} conversationId={conversationId} disabled={!canReply || closed || conversation?.assigneeId !== user.id} />
            <Button icon={<SwapOutlined />} disabled={!canReply || closed} onClick={() => setDialog('transfer')} data-testid="chat-transfer">
              {t('workspace.transfer')}
            </Button>
            <Button icon={<UsergroupAddOutlined />} disabled={!canReply} onClick={() => setDialog('invite')} data-testid="chat-invite">
              {t('workspace.invite')}
            </Button>
            {canClose && (
              <Button icon={<CheckCircleOutlined />} disabled={closed} onClick={() => setDialog('close')} data-testid="chat-close">
                {t('workspace.close')}
              </Button>
            )}
          </Space>
        </header>
        <CallPanel call={call} state={callState} />

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
          data-testid="workspace-transcript"
          onScroll={(event) => onScroll(event.currentTarget)}
        >
          <TranscriptMessages timeline={timeline} loading={loading} onRetry={(reply) => resend(reply.clientMsgId, reply.text, reply.internal)} />
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

        <div className="workspace-chat__composer">
          <ReplyBox
            disabled={!canReply || !conversation}
            disabledHint={!canReply ? t('reply.readOnly') : undefined}
            notice={canReply && closed ? t('conversation.closed') : undefined}
            initialText={drafts.get(conversationId) ?? ''}
            onDraftChange={onDraftChange}
            onSend={(text, sendMode) => send(text, sendMode === 'note')}
            onTyping={emitTyping}
            mode={mode}
            onModeChange={setMode}
            insertion={insertion}
            slashMenu={slashMenu}
          />
          {canReply && <AssistPanel api={wapi} conversationId={conversationId} messageId={visitorMessageId} onInsert={insert} />}
        </div>
      </section>

      <ContextPanel context={context} error={contextError} summary={summary} loading={loading && !context && !contextError} conversationId={conversationId} api={wapi} canRun={canReply} />

      <TransferDialog
        open={dialog === 'transfer'}
        api={wapi}
        conversationId={conversationId}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          toast.success(t('workspace.transferred'));
          onLeft(conversationId);
        }}
      />
      <InviteDialog open={dialog === 'invite'} api={wapi} conversationId={conversationId} onClose={() => setDialog(null)} />
      <CloseChatDialog
        open={dialog === 'close'}
        api={wapi}
        conversationId={conversationId}
        onClose={() => setDialog(null)}
        onDone={(updated) => {
          setDialog(null);
          if (updated) setConversation(updated);
          toast.success(t('workspace.closed'));
          onLeft(conversationId);
        }}
      />
    </div>
  );
});
