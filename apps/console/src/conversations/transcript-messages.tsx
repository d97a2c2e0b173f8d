import { Empty, Spin } from 'antd';
import { Fragment } from 'react';
import { formatDay } from '../format/clock-time.js';
import { localDayKey } from '../format/local-day-key.js';
import { useI18n } from '../i18n/i18n-context.js';
import { botReplyInfo } from './bot-reply-info.js';
import type { PendingReply, TimelineState } from './conversation-timeline-reducer.js';
import { MessageBubble } from './message-bubble.js';

/**
 * The messages of an open conversation as the conversations screen and the workspace chat both show them: a spinner
 * or an empty note, day dividers, confirmed messages (notes marked), then the agent's unconfirmed replies with retry.
 */
export function TranscriptMessages({ timeline, loading, onRetry }: { timeline: TimelineState; loading: boolean; onRetry: (reply: PendingReply) => void }) {
  const { t, locale } = useI18n();
  return (
    <>
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
          internal={reply.internal}
          pending={{ status: reply.status, failure: reply.failure, onRetry: () => onRetry(reply) }}
        />
      ))}
    </>
  );
}
