import { App, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import type { TicketSlaAlertEvent } from '../realtime/agent-socket-events.js';

/** How long a row stays highlighted after its alert. */
const HIGHLIGHT_MS = 5 * 60_000;

/**
 * Toasts every `ticket.sla_alert` wherever the agent is in the console, and returns the tickets
 * (ids and numbers) alerted in the last few minutes, for the queue to highlight their rows.
 */
export function useSlaAlerts(onOpen: (ticketId: string) => void): ReadonlySet<string> {
  const { socket } = useAgentSocket();
  const { t } = useI18n();
  const { notification } = App.useApp();
  const [alerted, setAlerted] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    if (!socket) return;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const onAlert = (alert: TicketSlaAlertEvent) => {
      const keys = [alert.number, ...(alert.ticketId ? [alert.ticketId] : [])];
      const text = t(alert.level === 'breach' ? 'tickets.alert.breach' : 'tickets.alert.warning', { number: alert.number, clock: t(`tickets.sla.clock.${alert.clock}`) });
      const open = alert.ticketId;
      const options = {
        title: text,
        duration: 10,
        actions: open ? (
          <Button size="small" type="primary" onClick={() => onOpen(open)}>
            {t('tickets.alert.open')}
          </Button>
        ) : undefined,
        props: { 'data-testid': 'ticket-sla-alert' },
      };
      if (alert.level === 'breach') notification.error(options);
      else notification.warning(options);
      setAlerted((current) => new Set([...current, ...keys]));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setAlerted((current) => new Set([...current].filter((key) => !keys.includes(key))));
      }, HIGHLIGHT_MS);
      timers.add(timer);
    };
    socket.on('ticket.sla_alert', onAlert);
    return () => {
      socket.off('ticket.sla_alert', onAlert);
      for (const timer of timers) clearTimeout(timer);
    };
  }, [socket, t, notification, onOpen]);

  return alerted;
}
