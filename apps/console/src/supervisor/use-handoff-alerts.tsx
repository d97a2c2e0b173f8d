import { App, Button, Space, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { roleCan } from '../auth/role-can.js';
import { useSignedInUser } from '../auth/session-context.js';
import { ChannelTag } from '../conversations/channel-tag.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { AlertDedupe } from './alert-dedupe.js';
import { AlertChime } from '../sound/alert-chime.js';
import type { HandoffAlertEvent } from './supervisor-api-types.js';

/** Seconds a high-risk toast stays; it names a person who may be in danger, so longer than an SLA toast. */
const ALERT_SECONDS = 30;

/**
 * For supervisors, anywhere in the console: every `handoff.alert` (a high-risk or angry visitor
 * asked for a human) raises a toast with the reason and the summary, a short chime, and a button
 * opening the conversation. The same request alerted twice (a redelivery) toasts once.
 */
export function useHandoffAlerts(onOpenConversation: (conversationId: string) => void): void {
  const { socket } = useAgentSocket();
  const user = useSignedInUser();
  const { t } = useI18n();
  const { notification } = App.useApp();
  const dedupe = useRef(new AlertDedupe());
  const chime = useRef<AlertChime | null>(null);
  const supervises = roleCan(user.role, 'handoff.supervise');

  useEffect(() => {
    if (!supervises) return;
    chime.current ??= new AlertChime();
    return chime.current.arm(document);
  }, [supervises]);

  useEffect(() => {
    if (!socket || !supervises) return;
    const onAlert = (alert: HandoffAlertEvent) => {
      if (!dedupe.current.admit(alert.requestId, Date.now())) return;
      const risk = alert.priority === 0;
      const key = `handoff-alert-${alert.requestId}`;
      const options = {
        key,
        title: (
          <Space size={6}>
            <Tag color={risk ? 'red' : 'orange'}>{t(risk ? 'supervisor.alert.risk' : 'supervisor.alert.anger')}</Tag>
            <ChannelTag channel={alert.channel} />
            <span>{t(`handoff.reason.${alert.reason}`)}</span>
          </Space>
        ),
        description: alert.summary ? <Typography.Paragraph ellipsis={{ rows: 3 }}>{alert.summary}</Typography.Paragraph> : undefined,
        duration: ALERT_SECONDS,
        actions: (
          <Button
            size="small"
            type="primary"
            data-testid="handoff-alert-open"
            onClick={() => {
              notification.destroy(key);
              onOpenConversation(alert.conversationId);
            }}
          >
            {t('supervisor.alert.open')}
          </Button>
        ),
        props: { 'data-testid': 'handoff-alert' },
      };
      if (risk) notification.error(options);
      else notification.warning(options);
      chime.current?.play();
    };
    socket.on('handoff.alert', onAlert);
    return () => {
      socket.off('handoff.alert', onAlert);
    };
  }, [socket, supervises, t, notification, onOpenConversation]);
}
