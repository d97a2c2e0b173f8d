import { Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { AlertOutlined, UserOutlined } from '@ant-design/icons';
import { memo, useState } from 'react';
import { useNow } from '../format/use-now.js';
import { ChannelTag } from '../conversations/channel-tag.js';
import { useI18n } from '../i18n/i18n-context.js';
import { handoffReasonTone } from './handoff-reason-tone.js';
import { offerCountdown } from './offer-countdown.js';
import type { Workspace } from './use-workspace.js';
import type { PendingOffer } from './workspace-reducer.js';

const TONE_COLOR = { danger: 'red', warning: 'orange', normal: 'blue' } as const;

/** The offers to this agent, pinned over every screen: visitor, reason, summary, countdown, 接入 / 拒绝. */
export const OfferStack = memo(function OfferStack({ workspace }: { workspace: Workspace }) {
  if (workspace.offers.length === 0) return null;
  return (
    <div className="offer-stack" aria-live="assertive">
      {workspace.offers.map((offer) => (
        <OfferCard key={offer.requestId} offer={offer} workspace={workspace} />
      ))}
    </div>
  );
});

function OfferCard({ offer, workspace }: { offer: PendingOffer; workspace: Workspace }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const countdown = offerCountdown(offer.offerExpiresAt, now);
  const tone = handoffReasonTone(offer.reason, offer.priority);
  // The bar shows the share left of the time the card was on screen for, as the total timeout is not sent.
  const [total] = useState(() => Math.max(1, countdown.secondsLeft));

  return (
    <Card
      size="small"
      className={`offer-card offer-card--${tone}`}
      data-testid="handoff-offer"
      data-request-id={offer.requestId}
      data-conversation-id={offer.conversationId}
      title={
        <Space size={6}>
          {tone !== 'normal' && <AlertOutlined />}
          <span>{t('offer.title')}</span>
          <Tag color={TONE_COLOR[tone]} variant="filled" data-testid="offer-reason">
            {t(`handoff.reason.${offer.reason}`)}
          </Tag>
        </Space>
      }
      extra={
        <Typography.Text type={countdown.urgent ? 'danger' : 'secondary'} strong={countdown.urgent} data-testid="offer-countdown">
          {t('offer.secondsLeft', { seconds: countdown.secondsLeft })}
        </Typography.Text>
      }
    >
      <div className="offer-card__visitor">
        <UserOutlined /> {offer.visitorName?.trim() || t('offer.anonymous')} <ChannelTag channel={offer.channel} />
      </div>
      {offer.summary && <Typography.Paragraph className="offer-card__summary" ellipsis={{ rows: 3 }}>{offer.summary}</Typography.Paragraph>}
      <Progress percent={Math.round((countdown.secondsLeft / total) * 100)} showInfo={false} size="small" status={countdown.urgent ? 'exception' : 'active'} />
      <div className="offer-card__actions">
        <Button
          danger
          disabled={busy !== null}
          loading={busy === 'decline'}
          data-testid="offer-decline"
          onClick={() => {
            setBusy('decline');
            void workspace.decline(offer.requestId).finally(() => setBusy(null));
          }}
        >
          {t('offer.decline')}
        </Button>
        <Button
          type="primary"
          disabled={busy !== null || countdown.expired}
          loading={busy === 'accept'}
          data-testid="offer-accept"
          onClick={() => {
            setBusy('accept');
            void workspace.accept(offer.requestId, offer.conversationId).finally(() => setBusy(null));
          }}
        >
          {t('offer.accept')}
        </Button>
      </div>
    </Card>
  );
}
