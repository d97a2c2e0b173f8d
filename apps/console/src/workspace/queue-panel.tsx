import { Badge, Button, Empty, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { memo, useEffect, useState } from 'react';
import { useSignedInUser } from '../auth/session-context.js';
import { ChannelTag } from '../conversations/channel-tag.js';
import { useNow } from '../format/use-now.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { Translate } from '../i18n/translate.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { handoffReasonTone } from './handoff-reason-tone.js';
import { waitLabel } from './wait-label.js';
import type { Workspace } from './use-workspace.js';
import type { HandoffQueueItem } from './workspace-api-types.js';

const TONE_COLOR = { danger: 'red', warning: 'orange', normal: 'default' } as const;
/** Queue moves come in bursts (one dispatch offers many); one refetch per burst is enough. */
const REFETCH_DELAY_MS = 500;

/** The waiting chats of the agent's groups (`GET /handoff/queue`), in serving order, with 接入 to pull one. */
export const QueuePanel = memo(function QueuePanel({ workspace }: { workspace: Workspace }) {
  const { t } = useI18n();
  const user = useSignedInUser();
  const { epoch } = useAgentSocket();
  const [items, setItems] = useState<HandoffQueueItem[]>([]);
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [pulling, setPulling] = useState<string | null>(null);
  const { api, queueVersion } = workspace;

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      api.queue().then(
        (page) => {
          if (cancelled) return;
          setItems(page.items);
          setLoadedAt(Date.now());
          setError(null);
        },
        (failure: unknown) => {
          if (!cancelled) setError(describeError(failure, t));
        },
      );
    }, REFETCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // t left out: a language switch must not refetch.
  }, [api, queueVersion, epoch, reloads]);

  const pull = (item: HandoffQueueItem) => {
    setPulling(item.id);
    void workspace.accept(item.id, item.conversationId).finally(() => {
      setPulling(null);
      setReloads((n) => n + 1);
    });
  };

  return (
    <section className="queue-panel" data-testid="handoff-queue">
      <header className="workspace-section__header">
        <Typography.Text strong>
          {t('queue.title')} <Badge count={items.length} showZero size="small" color={items.length ? 'orange' : 'gray'} />
        </Typography.Text>
        <Button size="small" type="text" icon={<ReloadOutlined />} aria-label={t('common.retry')} onClick={() => setReloads((n) => n + 1)} />
      </header>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('queue.empty')} />
      ) : (
        <div className="queue-items">
          {items.map((item) => {
            const tone = handoffReasonTone(item.reason, item.priority);
            const offeredToOther = item.status === 'offered' && item.offeredTo !== user.id;
            return (
              <div key={item.id} className={`queue-item queue-item--${tone}`} data-testid="queue-item" data-request-id={item.id}>
                <div className="queue-item__head">
                  <span className="queue-item__name">
                    {item.verified && <SafetyCertificateOutlined className="conversation-panel__verified" aria-label={t('conversation.verified')} />} {item.visitorName?.trim() || t('offer.anonymous')}
                  </span>
                  <Tooltip title={offeredToOther ? t('queue.offeredToOther') : undefined}>
                    <Button size="small" type="primary" loading={pulling === item.id} disabled={pulling !== null} onClick={() => pull(item)} data-testid="queue-pull">
                      {t('queue.pull')}
                    </Button>
                  </Tooltip>
                </div>
                <div className="queue-item__tags">
                  <ChannelTag channel={item.channel} />
                  <Tag color={TONE_COLOR[tone]} variant="filled">
                    {t(`handoff.reason.${item.reason}`)}
                  </Tag>
                  <QueueItemMeta item={item} loadedAt={loadedAt} t={t} />
                </div>
                {item.summary && (
                  <Typography.Paragraph className="queue-item__summary" ellipsis={{ rows: 2 }}>
                    {item.summary}
                  </Typography.Paragraph>
                )}
              </div>
            );
          })}
        </div>
      )}
    </section>
  );
});

/** The group, the wait counting up, and 已分配: the only part of a queue row that changes every second. */
function QueueItemMeta({ item, loadedAt, t }: { item: HandoffQueueItem; loadedAt: number; t: Translate }) {
  const now = useNow(1000);
  return (
    <Typography.Text type="secondary" className="queue-item__meta">
      {[item.groupName, t('queue.waiting', { wait: waitLabel(item.waitSeconds + Math.floor((now - loadedAt) / 1000), t) }), item.status === 'offered' ? t('queue.offered') : null]
        .filter(Boolean)
        .join(' · ')}
    </Typography.Text>
  );
}
