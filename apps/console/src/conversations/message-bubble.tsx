import { Avatar, Button, Tag, Tooltip } from 'antd';
import { CustomerServiceOutlined, ExclamationCircleOutlined, LoadingOutlined, RobotOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { SenderType } from '../api/api-types.js';
import { formatClockTime, formatDateTime } from '../format/clock-time.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import type { BotReplyInfo } from './bot-reply-info.js';

interface MessageBubbleProps {
  senderType: SenderType;
  senderName: string | null;
  text: string;
  createdAt: string;
  quickReplies?: readonly string[];
  /** Set for bot messages whose meta explains the answer. */
  botInfo?: BotReplyInfo | null;
  /** An internal note: staff only, styled apart so nobody mistakes it for what the visitor saw. */
  internal?: boolean;
  /** Set for the agent's own replies the server has not confirmed yet. */
  pending?: { status: 'sending' | 'failed'; failure?: string; onRetry: () => void };
}

const senderKeys: Record<SenderType, MessageKey> = {
  visitor: 'sender.visitor',
  bot: 'sender.bot',
  agent: 'sender.agent',
  system: 'sender.system',
};

const avatars: Record<Exclude<SenderType, 'system'>, ReactNode> = {
  visitor: <UserOutlined />,
  bot: <RobotOutlined />,
  agent: <CustomerServiceOutlined />,
};

/** One chat message. Visitor on the left, our side (bot, agent) on the right, system notes centred. */
export function MessageBubble({ senderType, senderName, text, createdAt, quickReplies, botInfo, internal, pending }: MessageBubbleProps) {
  const { t, locale } = useI18n();
  const time = formatClockTime(createdAt, locale);

  if (senderType === 'system') {
    return (
      <div className="message message--system" data-testid="message" data-sender="system">
        <span className="message__system-text">{text}</span>
        <span className="message__system-time">{time}</span>
      </div>
    );
  }

  const name = senderName?.trim() || t(senderKeys[senderType]);
  return (
    <div
      className={`message message--${senderType}${internal ? ' message--internal' : ''}${pending ? ` message--${pending.status}` : ''}`}
      data-testid="message"
      data-sender={senderType}
      data-internal={internal ? 'true' : undefined}
      data-pending={pending ? pending.status : undefined}
    >
      <Avatar size="small" className={`message__avatar avatar--${senderType}`} icon={avatars[senderType]} />
      <div className="message__content">
        <div className="message__meta">
          <span className="message__name">{name}</span>
          {internal && (
            <Tag color="gold" variant="filled" className="message__internal-tag">
              {t('message.internalNote')}
            </Tag>
          )}
          <Tooltip title={formatDateTime(createdAt, locale)}>
            <span className="message__time">{time}</span>
          </Tooltip>
        </div>
        <div className="message__bubble">{text}</div>
        {botInfo && (
          <div className="message__bot-info" data-testid="bot-info">
            <span>
              {[
                botInfo.kind ? t(`botInfo.kind.${botInfo.kind}`) : null,
                botInfo.intent ? t('botInfo.intent', { intent: botInfo.intent }) : null,
                botInfo.confidence !== null
                  ? t('botInfo.confidence', { value: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(botInfo.confidence) })
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {botInfo.emotion && (
              <Tag color="orange" variant="filled">
                {t(`botInfo.emotion.${botInfo.emotion}`)}
              </Tag>
            )}
            {botInfo.risk && (
              <Tag color={botInfo.risk === 'high' ? 'red' : 'gold'} variant="filled">
                {t(`botInfo.risk.${botInfo.risk}`)}
              </Tag>
            )}
          </div>
        )}
        {quickReplies && quickReplies.length > 0 && (
          <div className="message__quick-replies" aria-label={t('conversation.quickReplies')}>
            {quickReplies.map((reply) => (
              <Tag key={reply} variant="outlined" color="blue">
                {reply}
              </Tag>
            ))}
          </div>
        )}
        {pending?.status === 'sending' && (
          <div className="message__status">
            <LoadingOutlined /> {t('reply.sending')}
          </div>
        )}
        {pending?.status === 'failed' && (
          <div className="message__status message__status--failed" role="alert">
            <ExclamationCircleOutlined /> {t('reply.failed', { reason: pending.failure ?? '' })}
            <Button size="small" type="link" onClick={pending.onRetry}>
              {t('reply.retry')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
