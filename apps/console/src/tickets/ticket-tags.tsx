import { Tag, Tooltip } from 'antd';
import type { SlaClockDto, TicketPriority, TicketStatus } from '../api/api-types.js';
import { formatDateTime } from '../format/clock-time.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatDuration } from './business-duration.js';
import { slaCountdown, type CountdownTone } from './sla-countdown.js';

export const TICKET_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'resolved', 'closed'];
export const TICKET_PRIORITIES: readonly TicketPriority[] = ['P1', 'P2', 'P3', 'P4'];

const statusColors: Record<TicketStatus, string> = { new: 'blue', open: 'processing', pending_customer: 'gold', resolved: 'green', closed: 'default' };
const priorityColors: Record<TicketPriority, string> = { P1: 'red', P2: 'volcano', P3: 'blue', P4: 'default' };
const toneColors: Record<CountdownTone, string> = { running: 'default', warning: 'orange', breached: 'red', paused: 'default', met: 'green' };

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColors[status]} data-testid="ticket-status" data-status={status}>
      {t(`tickets.status.${status}`)}
    </Tag>
  );
}

export function TicketPriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useI18n();
  return (
    <Tag color={priorityColors[priority]} variant="filled" data-testid="ticket-priority" data-priority={priority}>
      {t(`tickets.priority.${priority}`)}
    </Tag>
  );
}

interface SlaCountdownTagProps {
  clock: SlaClockDto | null;
  /** The policy's target for this clock, for the orange warning band; null when unknown. */
  targetMinutes: number | null;
  /** Prefix the clock's name ("首次响应 剩余 …"), on the ticket page where several clocks show. */
  named?: boolean;
}

/** A clock's business time left: red when late, orange under 20 % of the target, "已暂停" while waiting on the customer. */
export function SlaCountdownTag({ clock, targetMinutes, named = false }: SlaCountdownTagProps) {
  const { t, locale } = useI18n();
  if (!clock) return <span className="ticket-sla ticket-sla--none">{t('tickets.sla.none')}</span>;
  const countdown = slaCountdown(clock, targetMinutes);
  const duration = countdown.minutesLeft === null ? '' : formatDuration(countdown.minutesLeft, t);
  const text =
    countdown.tone === 'met'
      ? t(clock.state === 'met_late' ? 'tickets.sla.metLate' : 'tickets.sla.met')
      : countdown.tone === 'paused'
        ? t('tickets.sla.paused')
        : countdown.tone === 'breached'
          ? t('tickets.sla.overdue', { duration })
          : t('tickets.sla.remaining', { duration });
  return (
    <Tooltip title={t('tickets.sla.due', { time: formatDateTime(clock.dueAt, locale) })}>
      <Tag color={toneColors[countdown.tone]} data-testid="ticket-sla" data-tone={countdown.tone}>
        {named ? `${t(`tickets.sla.clock.${clock.clock}`)} · ${text}` : text}
      </Tag>
    </Tooltip>
  );
}
