import { Tag, Timeline, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { TicketEventDto } from '../api/api-types.js';
import { formatDateTime } from '../format/clock-time.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import { eventDetail, eventLabelKey, type EventDetail } from './ticket-event-label.js';

const statusKeys = new Set(['new', 'open', 'pending_customer', 'resolved', 'closed']);
const priorityKeys = new Set(['P1', 'P2', 'P3', 'P4']);

/**
 * The ticket's history, oldest first. Public events (what the customer's progress view shows) and
 * internal ones (notes, routing, SLA) are marked apart; every text is rendered as text.
 */
export function TicketTimeline({ events, categoryName }: { events: TicketEventDto[]; categoryName: (key: string) => string }) {
  const { t, locale } = useI18n();
  if (events.length === 0) return <Typography.Text type="secondary">{t('ticket.timeline.empty')}</Typography.Text>;

  const valueText = (value: string | null, type: string) =>
    value === null
      ? t('tickets.none')
      : type === 'category_changed'
        ? categoryName(value)
        : statusKeys.has(value)
          ? t(`tickets.status.${value}` as MessageKey)
          : priorityKeys.has(value)
            ? t(`tickets.priority.${value}` as MessageKey)
            : value;
  const detailText = (detail: EventDetail, type: string) =>
    detail.kind === 'change'
      ? t('ticket.event.change', { from: valueText(detail.from, type), to: valueText(detail.to, type) })
      : detail.kind === 'target'
        ? t('ticket.event.target', { name: detail.name })
        : detail.kind === 'unassigned'
          ? t('tickets.unassigned')
          : detail.kind === 'merged'
            ? t(detail.into ? 'ticket.event.mergedInto' : 'ticket.event.mergedFrom', { number: detail.number })
            : t(`tickets.sla.clock.${detail.clock}`);

  return (
    <Timeline
      items={events.map((event) => {
        const labelKey = eventLabelKey(event.type);
        const detail = eventDetail(event);
        const actor = event.actorName ?? t(`ticket.event.by.${event.actorType}`);
        return {
          key: event.id,
          color: event.public ? 'blue' : event.type === 'sla_warning' ? 'orange' : event.type === 'sla_breach' || event.type === 'escalated' ? 'red' : 'gray',
          content: (
            <div className={event.public ? 'ticket-event--public' : 'ticket-event--internal'} data-testid="ticket-event" data-type={event.type} data-public={event.public}>
              <div className="ticket-event__meta">
                <Typography.Text strong>{labelKey ? t(labelKey) : t('ticket.event.other', { type: event.type })}</Typography.Text>
                {event.public ? (
                  <Tag color="blue">{t('ticket.event.public')}</Tag>
                ) : (
                  <Tag icon={<LockOutlined />} color="gold">
                    {t('ticket.event.internal')}
                  </Tag>
                )}
                <Typography.Text type="secondary">{actor}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(event.createdAt, locale)}</Typography.Text>
              </div>
              {detail && <Typography.Text type="secondary">{detailText(detail, event.type)}</Typography.Text>}
              {event.body && <Typography.Paragraph className="ticket-text">{event.body}</Typography.Paragraph>}
            </div>
          ),
        };
      })}
    />
  );
}
