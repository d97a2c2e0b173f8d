import { Alert, App, Button, Card, Descriptions, Empty, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TicketDto, TicketEventDto, TicketPatch, TicketReplyInput } from '../api/api-types.js';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { TicketAdminApi } from '../ticket-admin/ticket-admin-api.js';
import { clockTarget } from './sla-countdown.js';
import { TicketApi } from './ticket-api.js';
import { TicketControls } from './ticket-controls.js';
import { TicketMergeDialog } from './ticket-merge-dialog.js';
import { TicketReplyBox } from './ticket-reply-box.js';
import { SlaCountdownTag, TicketPriorityTag, TicketStatusTag } from './ticket-tags.js';
import { TicketTimeline } from './ticket-timeline.js';
import { useTicketReference } from './use-ticket-reference.js';
import './tickets.css';

interface TicketPageProps {
  ticketId: string;
  onBack: () => void;
  onOpenTicket: (ticketId: string) => void;
  onOpenConversation: (conversationId: string) => void;
}

const CLOCK_REFRESH_MS = 60_000;

type Loaded = { status: 'loading' } | { status: 'failed'; error: string } | { status: 'ready'; ticket: TicketDto; events: TicketEventDto[] };

/** One ticket: header with SLA clocks, customer and fields, attachments, timeline, reply box and controls; live. */
export function TicketPage({ ticketId, onBack, onOpenTicket, onOpenConversation }: TicketPageProps) {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const { socket, epoch } = useAgentSocket();
  const tickets = useMemo(() => new TicketApi(api), [api]);
  const admin = useMemo(() => new TicketAdminApi(api), [api]);
  const reference = useTicketReference(epoch);
  const writable = roleCan(user.role, 'tickets.write');

  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [members, setMembers] = useState<{ id: string; name: string }[]>([]);
  const [saving, setSaving] = useState(false);
  const [merging, setMerging] = useState(false);
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    let cancelled = false;
    Promise.all([tickets.get(ticketId), tickets.events(ticketId)]).then(
      ([ticket, events]) => {
        if (!cancelled) setLoaded({ status: 'ready', ticket, events: events.items });
      },
      (failure: unknown) => {
        if (!cancelled) setLoaded((current) => (current.status === 'ready' ? current : { status: 'failed', error: describeError(failure, t) }));
      },
    );
    return () => {
      cancelled = true;
    };
    // t is left out on purpose: a language switch must not refetch.
  }, [tickets, ticketId, reloads, epoch]);

  // The server computes business minutes left at fetch time: refresh the clocks now and then.
  useEffect(() => {
    const timer = setInterval(reload, CLOCK_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  useEffect(() => {
    if (!socket) return;
    const onChanged = (event: { ticketId: string }) => {
      if (event.ticketId === ticketId) reload();
    };
    socket.on('ticket.changed', onChanged);
    return () => {
      socket.off('ticket.changed', onChanged);
    };
  }, [socket, ticketId, reload]);

  const groupId = loaded.status === 'ready' ? (loaded.ticket.group?.id ?? null) : null;
  useEffect(() => {
    let cancelled = false;
    if (!groupId) {
      setMembers([]);
      return;
    }
    admin.listMembers(groupId).then(
      (page) => {
        if (!cancelled) setMembers(page.items.map((member) => ({ id: member.userId, name: member.name })));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [admin, groupId]);

  const assignees = useMemo(() => {
    const byId = new Map<string, { id: string; name: string }>();
    for (const person of [...members, ...reference.users]) byId.set(person.id, person);
    return [...byId.values()];
  }, [members, reference.users]);

  const update = useCallback(
    async (patch: TicketPatch) => {
      setSaving(true);
      try {
        const ticket = await tickets.update(ticketId, patch);
        setLoaded((current) => (current.status === 'ready' ? { ...current, ticket } : current));
        toast.success(t('ticket.saved'));
        reload();
      } catch (failure) {
        toast.error(describeError(failure, t));
      } finally {
        setSaving(false);
      }
    },
    [tickets, ticketId, toast, t, reload],
  );

  const send = useCallback(
    async (input: TicketReplyInput) => {
      await tickets.reply(ticketId, input);
      reload();
    },
    [tickets, ticketId, reload],
  );

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="ticket-back">
      {t('ticket.back')}
    </Button>
  );

  if (loaded.status === 'loading')
    return (
      <div className="ticket-page-state">
        <Skeleton active />
      </div>
    );
  if (loaded.status === 'failed')
    return (
      <div className="ticket-page-state">
        {back}
        <Alert type="error" showIcon title={t('ticket.loadFailed')} description={loaded.error} />
      </div>
    );

  const { ticket, events } = loaded;
  const policy = ticket.sla.policy ? reference.policies.find((candidate) => candidate.id === ticket.sla.policy?.id) : undefined;
  const fieldLabels = new Map((reference.categories.find((category) => category.id === ticket.category?.id)?.fields ?? []).map((field) => [field.key, field.label]));
  const fields = Object.entries(ticket.fields);

  return (
    <div className="ticket-page" data-testid="ticket-page" data-number={ticket.number}>
      <div className="ticket-page__header">
        {back}
        <Typography.Title level={4} className="page-header__title">
          <span data-testid="ticket-page-number">{ticket.number}</span> · <span data-testid="ticket-page-subject">{ticket.subject}</span>
        </Typography.Title>
        <Space wrap>
          <TicketStatusTag status={ticket.status} />
          <TicketPriorityTag priority={ticket.priority} />
          {ticket.breached && <Typography.Text type="danger">{t('tickets.sla.breached')}</Typography.Text>}
          {ticket.sla.policy && <Typography.Text type="secondary">{t('tickets.sla.policy', { name: ticket.sla.policy.name })}</Typography.Text>}
        </Space>
        <div className="ticket-page__clocks" data-testid="ticket-clocks">
          {ticket.sla.clocks.map((clock) => (
            <SlaCountdownTag key={clock.clock} clock={clock} targetMinutes={policy ? clockTarget(policy, clock.clock) : null} named />
          ))}
        </div>
        {ticket.mergedIntoId && (
          <Alert
            type="warning"
            showIcon
            title={t('ticket.mergedInto')}
            action={
              <Button size="small" onClick={() => onOpenTicket(ticket.mergedIntoId!)}>
                {t('ticket.openMergedTarget')}
              </Button>
            }
          />
        )}
      </div>
      <div className="ticket-page__main">
        <Card size="small" title={t('ticket.section.description')}>
          <Typography.Paragraph className="ticket-text" data-testid="ticket-description">
            {ticket.description}
          </Typography.Paragraph>
        </Card>
        <Card size="small" title={t('ticket.section.timeline')}>
          <TicketTimeline events={events} categoryName={(key) => reference.categories.find((category) => category.key === key)?.name ?? key} />
        </Card>
        {writable ? <TicketReplyBox onSend={send} closed={ticket.status === 'closed'} /> : <Alert type="info" showIcon title={t('ticket.readOnly')} />}
      </div>
      <div className="ticket-page__side">
        <Card size="small" title={t('ticket.section.controls')}>
          <TicketControls ticket={ticket} me={{ id: user.id, name: user.name }} reference={reference} assignees={assignees} disabled={!writable || saving} onChange={(patch) => void update(patch)} onMerge={() => setMerging(true)} />
        </Card>
        <Card size="small" title={t('ticket.section.customer')}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('ticket.contact.name')}>{ticket.contact.name ?? t('tickets.none')}</Descriptions.Item>
            <Descriptions.Item label={t('ticket.contact.phone')}>{ticket.contact.phone ?? t('tickets.none')}</Descriptions.Item>
            <Descriptions.Item label={t('ticket.contact.email')}>{ticket.contact.email ?? t('tickets.none')}</Descriptions.Item>
            {ticket.customerRef && <Descriptions.Item label={t('ticket.customerRef')}>{ticket.customerRef}</Descriptions.Item>}
            {ticket.customerTier && <Descriptions.Item label={t('ticket.customerTier')}>{ticket.customerTier}</Descriptions.Item>}
            <Descriptions.Item label={t('ticket.channel')}>{t(`tickets.channel.${ticket.channel}`)}</Descriptions.Item>
            {ticket.conversationId && (
              <Descriptions.Item label={t('ticket.conversation')}>
                <Button type="link" size="small" onClick={() => onOpenConversation(ticket.conversationId!)}>
                  {t('ticket.openConversation')}
                </Button>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('ticket.createdAt')}>{formatDateTime(ticket.createdAt, locale)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={t('ticket.section.fields')}>
          {fields.length === 0 ? (
            <Typography.Text type="secondary">{t('ticket.noFields')}</Typography.Text>
          ) : (
            <Descriptions size="small" column={1} data-testid="ticket-fields">
              {fields.map(([key, value]) => (
                <Descriptions.Item key={key} label={fieldLabels.get(key) ?? key}>
                  {String(value)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </Card>
        <Card size="small" title={t('ticket.section.attachments')}>
          {ticket.attachments.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticket.noAttachments')} />
          ) : (
            <ul className="ticket-attachments" data-testid="ticket-attachments">
              {ticket.attachments.map((attachment) => (
                <li key={attachment.id}>
                  <PaperClipOutlined />{' '}
                  <a href={tickets.attachmentUrl(ticket.id, attachment.id)} download={attachment.filename} rel="noopener">
                    {attachment.filename}
                  </a>{' '}
                  <Typography.Text type="secondary">{Math.max(1, Math.round(attachment.size / 1024))} KB</Typography.Text>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {writable && (
        <TicketMergeDialog
          open={merging}
          ticket={ticket}
          tickets={tickets}
          onClose={() => setMerging(false)}
          onMerged={(target) => {
            setMerging(false);
            onOpenTicket(target.id);
          }}
        />
      )}
    </div>
  );
}
